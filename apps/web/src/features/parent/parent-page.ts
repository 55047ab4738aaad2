import {
  BLOCKER_NOTE_MAX_LENGTH,
  blockersFor,
  findBlocker,
  findStep,
  OPT_OUT_CHANNELS,
  OPT_OUT_NOTE_MAX_LENGTH,
  type BlockerReason,
  type Localized,
  type OnboardingPath,
  type OptOut,
  type OptOutChannel,
  type ParentChat,
  type ParentClass,
  type ParentFamily,
  type ParentPerson,
  type PathTarget,
  type PersonKind,
  type SeenState,
} from '@sferum/contracts';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '../../i18n/messages';
import type { AppLocale } from '../../i18n/routing';
import { html, SafeHtml } from './html';
import { familyPath, type OptOutScope } from './parent-api';
import { FAMILY_SCOPE, itemValue, SEEN_FIELDS } from './parent-form';
import { PARENT_CSS } from './parent-styles';

export function parentTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'parentPage' });
}
type T = ReturnType<typeof parentTranslator>;

export const NOTICE_KINDS = ['saved', 'reason', 'order', 'changed', 'failed', 'channel', 'note', 'optedOut'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * What the page says about the last post, next to the item it was about;
 * `channel` keeps the choice of an opt-out form that came back for its note.
 */
export type ParentNotice = { kind: NoticeKind; anchor: string; channel?: OptOutChannel };

/** The id of an item's block on the page; the redirect after a post comes back to it. */
export function anchorOf(personId: string, target: { step: string } | { chatId: string }): string {
  return `i-${personId}-${'step' in target ? target.step : target.chatId}`;
}

/** The id of a person's opt-out block, or of the family's. */
export function optOutAnchor(scope: OptOutScope): string {
  return 'personId' in scope ? `o-${scope.personId}` : 'o-family';
}

/** The id of a person's section: where one lands after deciding to connect after all. */
export function personAnchor(personId: string): string {
  return `p-${personId}`;
}

/** The top of the page. */
export const TOP_ANCHOR = 'top';

/** Everything a piece of the page needs: texts, the locale for the path's own texts, the path. */
interface Ctx {
  t: T;
  locale: AppLocale;
  path: OnboardingPath;
  notice: ParentNotice | null;
}

function text(ctx: Ctx, value: Localized): string {
  return value[ctx.locale];
}

function document(locale: AppLocale, title: string, body: SafeHtml): string {
  return `<!doctype html>${html`<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${title}</title><style>${new SafeHtml(PARENT_CSS)}</style></head><body>${body}</body></html>`.value}`;
}

function noticeHtml(t: T, notice: ParentNotice | null, anchor: string): SafeHtml | null {
  if (!notice || notice.anchor !== anchor) return null;
  if (notice.kind === 'saved') return html`<p class="notice ok" role="status">${t('saved')}</p>`;
  return html`<p class="notice bad" role="alert">${t(`errors.${notice.kind}`)}</p>`;
}

const CHECKED = new SafeHtml(' checked');
const OPEN = new SafeHtml(' open');
const AUTOFOCUS = new SafeHtml(' autofocus');

/** Who and what a form is about, and what the page showed of it (sent back as `seen`). */
function hiddenFields(personId: string, target: { step: string } | { chatId: string }, seen: SeenState): SafeHtml {
  return html`<input type="hidden" name="person" value="${personId}"><input type="hidden" name="item" value="${itemValue(target)}"><input type="hidden" name="${SEEN_FIELDS.status}" value="${seen.status}"><input type="hidden" name="${SEEN_FIELDS.updatedAt}" value="${seen.updatedAt ?? ''}">`;
}

function problemForm(ctx: Ctx, personId: string, target: { step: string } | { chatId: string }, state: ItemState): SafeHtml {
  const { t } = ctx;
  const { reason: current, note } = state;
  const offered: PathTarget = 'step' in target ? { step: target.step } : { chat: true };
  const reasons = blockersFor(ctx.path, offered).map(
    (reason) =>
      html`<label class="choice"><input type="radio" name="reason" value="${reason.id}" required${current === reason.id ? CHECKED : ''}><span>${text(ctx, reason.label)}<small>${text(ctx, reason.parentAdvice)}</small></span></label>`,
  );
  // Sent back for a missing reason: open, so the question is in sight.
  const open = ctx.notice?.kind === 'reason' && ctx.notice.anchor === anchorOf(personId, target);
  return html`<details${open ? OPEN : ''}><summary>${t('actions.problem')}</summary><form method="post">${hiddenFields(personId, target, state.seen)}<fieldset><legend>${t('actions.problemLegend')}</legend>${reasons}</fieldset><label class="note">${t('actions.note')}<textarea name="note" maxlength="${BLOCKER_NOTE_MAX_LENGTH}" rows="2">${note ?? ''}</textarea></label><button name="action" value="blocked">${t('actions.send')}</button></form></details>`;
}

interface ItemState {
  done: boolean;
  blocked: boolean;
  reason: BlockerReason | null;
  note: string | null;
  bySchool: boolean;
  seen: SeenState;
}

function itemControls(ctx: Ctx, personId: string, target: { step: string } | { chatId: string }, state: ItemState): SafeHtml {
  const { t } = ctx;
  const anchor = anchorOf(personId, target);
  const isChat = 'chatId' in target;
  const blocker = state.reason ? findBlocker(ctx.path, state.reason) : undefined;
  let status: SafeHtml | null = null;
  if (state.done) {
    status = html`<p class="state ok">✓ ${t(isChat ? 'status.joined' : 'status.done')}${state.bySchool ? html` <span class="by">· ${t('status.byTeacher')}</span>` : ''}</p>`;
  } else if (state.blocked) {
    status = html`<p class="state bad">${t('status.blocked')}${blocker ? html`. ${t('status.reason', { reason: text(ctx, blocker.label) })}` : ''}</p>${blocker ? html`<p>${text(ctx, blocker.parentAdvice)}</p>` : ''}`;
  }
  const controls = state.done
    ? state.bySchool
      ? null
      : html`<div class="actions"><form method="post">${hiddenFields(personId, target, state.seen)}<button class="quiet" name="action" value="undo">${t('actions.undo')}</button></form></div>`
    : html`<div class="actions"><form method="post">${hiddenFields(personId, target, state.seen)}<button name="action" value="done">${t('actions.done')}</button></form>${problemForm(ctx, personId, target, state)}</div>`;
  return html`${noticeHtml(t, ctx.notice, anchor)}${status}${controls}`;
}

function chatTitle(ctx: Ctx, chat: ParentChat): string {
  const { chats } = ctx.path;
  switch (chat.kind) {
    case 'class': {
      const own = chats.classChats.find((candidate) => candidate.audience === chat.audience) ?? chats.classChats[0];
      return text(ctx, own.title);
    }
    case 'subject':
      return chat.name
        ? ctx.t('chat.subject', { title: text(ctx, chats.subject.title), name: chat.name })
        : text(ctx, chats.subject.title);
    case 'school':
      return text(ctx, chats.school.title);
  }
}

/** The path's order of chats: its class chats as listed, then subjects, then the school's. */
function chatOrder(path: OnboardingPath, chat: ParentChat): number {
  if (chat.kind === 'class') {
    const index = path.chats.classChats.findIndex((candidate) => candidate.audience === chat.audience);
    return index < 0 ? 0 : index;
  }
  return path.chats.classChats.length + (chat.kind === 'subject' ? 0 : 1);
}

/** The teacher's invitation link into the chat, with the device it belongs on. */
function inviteHtml(ctx: Ctx, chat: ParentChat, kind: PersonKind): SafeHtml | null {
  if (!chat.inviteUrl?.startsWith('https://')) return null;
  return html`<p class="invite"><a href="${chat.inviteUrl}" rel="noopener noreferrer">${ctx.t('chat.invite')}</a><small>${ctx.t(`chat.inviteDevice.${kind}`)}</small></p>`;
}

function hintsHtml(ctx: Ctx, hints: Localized[]): SafeHtml | null {
  return hints.length > 0 ? html`<ul class="hints">${hints.map((hint) => html`<li>${text(ctx, hint)}</li>`)}</ul>` : null;
}

function channelChoices(ctx: Ctx, chosen: OptOutChannel | undefined): SafeHtml[] {
  return OPT_OUT_CHANNELS.map(
    (channel) =>
      html`<label class="choice"><input type="radio" name="channel" value="${channel}" required${chosen === channel ? CHECKED : ''}><span>${ctx.t(`optOut.channels.${channel}`)}</span></label>`,
  );
}

/** «Не будем пользоваться»: folded; open when the last post of this form came back with a question. */
function optOutForm(ctx: Ctx, scope: OptOutScope, summary: SafeHtml): SafeHtml {
  const { t, notice } = ctx;
  const anchor = optOutAnchor(scope);
  const sentBack = notice !== null && notice.anchor === anchor && notice.kind !== 'saved';
  const who =
    'personId' in scope
      ? html`<input type="hidden" name="person" value="${scope.personId}">`
      : html`<input type="hidden" name="scope" value="${FAMILY_SCOPE}">`;
  return html`<details${sentBack ? OPEN : ''}><summary class="neutral">${summary}</summary><form method="post">${who}<fieldset><legend>${t('optOut.legend')}</legend>${channelChoices(ctx, sentBack ? notice.channel : undefined)}</fieldset><label class="note">${t('optOut.note')}<textarea name="note" maxlength="${OPT_OUT_NOTE_MAX_LENGTH}" rows="2"${sentBack && notice.kind === 'note' ? AUTOFOCUS : ''}></textarea></label><button name="action" value="opt_out">${t('optOut.submit')}</button></form></details>`;
}

function channelText(ctx: Ctx, optOut: OptOut): string {
  const channel = optOut.channel === 'other' && optOut.note ? optOut.note : ctx.t(`optOut.channels.${optOut.channel}`);
  return ctx.t('optOut.channel', { channel });
}

/** An opted-out person: that choice, how the school keeps them informed, and the way back. */
function optedOutHtml(ctx: Ctx, person: ParentPerson, optOut: OptOut): SafeHtml {
  const { t } = ctx;
  const anchor = optOutAnchor({ personId: person.id });
  const note = optOut.channel !== 'other' && optOut.note ? html`<p class="by">${optOut.note}</p>` : null;
  return html`<div class="optout" id="${anchor}">${noticeHtml(t, ctx.notice, anchor)}<p class="state neutral">${t('optOut.state')}</p><p>${channelText(ctx, optOut)}</p>${note}<p class="by">${t('optOut.changeMind')}</p><form method="post"><input type="hidden" name="person" value="${person.id}"><button class="quiet" name="action" value="opt_in">${t('optOut.back')}<span class="vh">: ${person.displayName}</span></button></form></div>`;
}

function personHtml(ctx: Ctx, family: ParentFamily, person: ParentPerson): SafeHtml {
  const { t, path } = ctx;
  const role =
    person.kind === 'parent'
      ? t('parent')
      : person.className
        ? t('student', { className: person.className })
        : t('studentNoClass');
  const heading = html`<h2 id="h-${person.id}">${person.displayName}<span class="role">${role}</span></h2>${noticeHtml(t, ctx.notice, personAnchor(person.id))}`;
  const section = (content: SafeHtml) =>
    html`<section class="person" id="${personAnchor(person.id)}" aria-labelledby="h-${person.id}">${heading}${content}</section>`;
  if (person.optOut) return section(optedOutHtml(ctx, person, person.optOut));

  const steps = person.steps.map((step, index) => {
    const pathStep = findStep(path, step.step);
    if (!pathStep) return null;
    const target = { step: step.step };
    const state: ItemState = {
      done: step.status === 'done',
      blocked: step.status === 'blocked',
      reason: step.blockerReason,
      note: step.blockerNote,
      bySchool: step.status === 'done' && step.markedBy === 'school',
      seen: { status: step.status, updatedAt: step.updatedAt },
    };
    const schoolNote = family.stepNotes[step.step];
    const links =
      pathStep.links.length > 0
        ? html`<ul class="links">${pathStep.links.map((link) => html`<li><a href="${link.url}" rel="noopener noreferrer">${text(ctx, link.label)}</a></li>`)}</ul>`
        : null;
    return html`<li class="step${state.done ? ' is-done' : ''}" id="${anchorOf(person.id, target)}"><h3><span class="num" aria-hidden="true">${state.done ? '✓' : index + 1}</span>${text(ctx, pathStep.title)}</h3><p>${text(ctx, pathStep.howTo[person.kind])}</p>${hintsHtml(ctx, pathStep.hints[person.kind])}${links}${schoolNote ? html`<p class="school-note"><strong>${t('schoolNote')}</strong> ${schoolNote}</p>` : null}${itemControls(ctx, person.id, target, state)}</li>`;
  });
  const chats = [...person.chats].sort((a, b) => chatOrder(path, a) - chatOrder(path, b));
  const chatsDone = chats.length > 0 && chats.every((chat) => chat.status === 'joined');
  const chatItems = chats.map((chat) => {
    const target = { chatId: chat.chatId };
    const state: ItemState = {
      done: chat.status === 'joined',
      blocked: chat.status === 'blocked',
      reason: chat.blockerReason,
      note: chat.blockerNote,
      bySchool: chat.status === 'joined' && chat.markedBy === 'school',
      seen: { status: chat.status, updatedAt: chat.updatedAt },
    };
    return html`<li class="chat${state.done ? ' is-done' : ''}" id="${anchorOf(person.id, target)}"><p class="chat-name">${chatTitle(ctx, chat)}</p>${state.done ? null : inviteHtml(ctx, chat, person.kind)}${itemControls(ctx, person.id, target, state)}</li>`;
  });
  const chatStep =
    chats.length > 0
      ? html`<li class="step${chatsDone ? ' is-done' : ''}"><h3><span class="num" aria-hidden="true">${chatsDone ? '✓' : person.steps.length + 1}</span>${t('steps.chats.title')}</h3><p>${text(ctx, path.chats.howTo[person.kind])}</p>${hintsHtml(ctx, path.chats.hints[person.kind])}<ul class="chats">${chatItems}</ul></li>`
      : null;
  const optOut = html`<div class="optout-form" id="${optOutAnchor({ personId: person.id })}">${noticeHtml(t, ctx.notice, optOutAnchor({ personId: person.id }))}${optOutForm(ctx, { personId: person.id }, html`${t('optOut.open')}<span class="vh">: ${person.displayName}</span>`)}</div>`;
  return section(html`<ol class="steps">${steps}${chatStep}</ol>${optOut}`);
}

/** At the bottom: the whole family says no (or, all of it having said no, yes after all). */
function familyOptOutHtml(ctx: Ctx, people: ParentPerson[]): SafeHtml {
  const { t } = ctx;
  const anchor = optOutAnchor({ family: true });
  const allOut = people.length > 0 && people.every((person) => person.optOut !== null);
  const content = allOut
    ? html`<p>${t('optOut.familyState')}</p><form method="post"><input type="hidden" name="scope" value="${FAMILY_SCOPE}"><button class="quiet" name="action" value="opt_in">${t('optOut.familyBack')}</button></form>`
    : html`<p>${t('optOut.familyText')}</p>${optOutForm(ctx, { family: true }, html`${t('optOut.familyOpen')}`)}`;
  return html`<section class="family" id="${anchor}" aria-labelledby="family-title"><h2 id="family-title">${t('optOut.familyTitle')}</h2>${noticeHtml(t, ctx.notice, anchor)}${content}</section>`;
}

/** Every anchor the page shows a notice at. */
function anchorsOf(people: ParentPerson[]): Set<string> {
  const anchors = new Set([optOutAnchor({ family: true })]);
  for (const person of people) {
    anchors.add(personAnchor(person.id));
    anchors.add(optOutAnchor({ personId: person.id }));
    if (person.optOut) continue;
    for (const step of person.steps) anchors.add(anchorOf(person.id, { step: step.step }));
    for (const chat of person.chats) anchors.add(anchorOf(person.id, { chatId: chat.chatId }));
  }
  return anchors;
}

/**
 * A change refused because the person does not use Sferum (the page was
 * older than that choice, made in another tab or by the teacher): say so at
 * the person's opt-out, since their steps are no longer on the page.
 */
function placeNotice(notice: ParentNotice | null, people: ParentPerson[]): ParentNotice | null {
  if (!notice || (notice.kind !== 'optedOut' && notice.kind !== 'order')) return notice;
  const person = people.find((candidate) => candidate.optOut && notice.anchor.startsWith(`i-${candidate.id}-`));
  return person ? { kind: 'optedOut', anchor: optOutAnchor({ personId: person.id }) } : notice;
}

/** The children's classes: who the class teacher is, how to reach them, by when to be in the chats. */
function classesHtml(ctx: Ctx, classes: ParentClass[]): SafeHtml | null {
  if (classes.length === 0) return null;
  const { t, locale } = ctx;
  const items = classes.map(
    (item) =>
      html`<li><strong>${t('classes.title', { className: item.className })}</strong>${item.teachers.length > 0 ? html`<span>${t('classes.teachers', { count: item.teachers.length, names: item.teachers.join(', ') })}</span>` : null}${item.parentContact ? html`<span>${t('classes.contact', { contact: item.parentContact })}</span>` : null}${item.deadline ? html`<span>${t('classes.deadline', { date: formatDay(locale, item.deadline) })}</span>` : null}</li>`,
  );
  return html`<ul class="classes">${items}</ul>`;
}

/** A calendar day (YYYY-MM-DD) as it reads: «15 сентября 2026 г.». */
function formatDay(locale: AppLocale, day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function formatDate(locale: AppLocale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' }).format(
    new Date(iso),
  );
}

/** The page of one family: that it is voluntary, the pitfalls, every person with their steps and chats, the family's opt-out. */
export function renderFamilyPage(locale: AppLocale, family: ParentFamily, notice: ParentNotice | null): string {
  const t = parentTranslator(locale);
  const path = familyPath(family);
  // Children first: the child's account comes before the parent's.
  const people = [...family.people.filter((p) => p.kind === 'student'), ...family.people.filter((p) => p.kind === 'parent')];
  const placed = placeNotice(notice, people);
  const ctx: Ctx = { t, locale, path, notice: placed };
  const topNotice = placed && !anchorsOf(people).has(placed.anchor) ? noticeHtml(t, placed, placed.anchor) : null;
  const pitfalls =
    path.pitfalls.length > 0
      ? html`<section class="box" aria-labelledby="pitfalls-title"><h2 id="pitfalls-title">${t('pitfalls.title')}</h2><ul>${path.pitfalls.map((pitfall) => html`<li>${text(ctx, pitfall)}</li>`)}</ul></section>`
      : null;
  const body = html`<main id="${TOP_ANCHOR}"><h1>${t('title')}</h1><p class="school">${t('school', { name: family.schoolName })}</p>${classesHtml(ctx, family.classes)}${topNotice}<section class="free" aria-labelledby="free-title"><h2 id="free-title">${t('voluntary.title')}</h2><p>${t('voluntary.text', { app: text(ctx, path.appName) })}</p></section>${pitfalls}<p class="lead">${t('lead')}</p>${people.map((person) => personHtml(ctx, family, person))}${familyOptOutHtml(ctx, people)}<div class="foot"><p>${t('expires', { date: formatDate(locale, family.expiresAt) })}</p><p>${t('help')}</p><p>${t('privacy')}</p></div></main>`;
  return document(locale, t('title'), body);
}

/** The page for a link that cannot be shown: unknown, expired or revoked, too many clicks, API down. */
export function renderMessagePage(locale: AppLocale, kind: 'notFound' | 'tooMany' | 'unavailable'): string {
  const t = parentTranslator(locale);
  const body = html`<main><div class="alone"><h1>${t(`${kind}.title`)}</h1><p>${t(`${kind}.text`)}</p></div></main>`;
  return document(locale, t(`${kind}.title`), body);
}
