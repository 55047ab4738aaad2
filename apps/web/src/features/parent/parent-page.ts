import {
  BLOCKER_NOTE_MAX_LENGTH,
  blockersFor,
  findBlocker,
  OPT_OUT_CHANNELS,
  OPT_OUT_NOTE_MAX_LENGTH,
  type BlockerReason,
  type ChatStatus,
  type Localized,
  type OnboardingPath,
  type OptOut,
  type OptOutChannel,
  type ParentChat,
  type ParentClass,
  type ParentFamily,
  type ParentPerson,
  type ParentStep,
  type PathTarget,
  type PersonKind,
  type StepStatus,
} from '@sferum/contracts';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '../../i18n/messages';
import type { AppLocale } from '../../i18n/routing';
import { html, SafeHtml } from './html';
import { familyPath, type OptOutScope } from './parent-api';
import { FAMILY_SCOPE, itemValue, SEEN_FIELDS, type RetryChoice } from './parent-form';
import { PARENT_CSS } from './parent-styles';
import { personProgress, type PersonItem, type PersonProgress } from './person-progress';

export function parentTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'parentPage' });
}
type T = ReturnType<typeof parentTranslator>;

export const NOTICE_KINDS = ['saved', 'reason', 'order', 'changed', 'failed', 'channel', 'note', 'optedOut'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * What the page says about the last post, next to the item it was about;
 * `channel` keeps the choice of an opt-out form that came back for its note,
 * `retry` what the parent chose on an item the school had changed meanwhile.
 */
export type ParentNotice = { kind: NoticeKind; anchor: string; channel?: OptOutChannel; retry?: RetryChoice };

type Target = { step: string } | { chatId: string };

/** The id of an item's block on the page; the redirect after a post comes back to it. */
export function anchorOf(personId: string, target: Target): string {
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

/** The whole HTML document of a parent page: its one inline stylesheet, nothing else to load. */
export function parentDocument(locale: AppLocale, title: string, body: SafeHtml): string {
  return `<!doctype html>${html`<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${title}</title><style>${new SafeHtml(PARENT_CSS)}</style></head><body>${body}</body></html>`.value}`;
}

function noticeAt(ctx: Ctx, anchor: string): ParentNotice | null {
  return ctx.notice?.anchor === anchor ? ctx.notice : null;
}

/** The notice of the last post at an anchor that is not an item: a person, an opt-out, the top. */
function noticeHtml(t: T, notice: ParentNotice | null, anchor: string): SafeHtml | null {
  if (!notice || notice.anchor !== anchor) return null;
  if (notice.kind === 'saved') return html`<p class="notice ok" role="status">${t('saved')}</p>`;
  return html`<p class="notice bad" role="alert">${t(`errors.${notice.kind}`)}</p>`;
}

const CHECKED = new SafeHtml(' checked');
const OPEN = new SafeHtml(' open');
const AUTOFOCUS = new SafeHtml(' autofocus');

/** A step or a chat of one person, as the family's data has it now. */
interface ItemState {
  personId: string;
  personName: string;
  title: string;
  target: Target;
  status: StepStatus | ChatStatus;
  reason: BlockerReason | null;
  note: string | null;
  markedBy: 'parent' | 'school' | null;
  updatedAt: string | null;
}

const isDone = (state: ItemState) => state.status === 'done' || state.status === 'joined';
const isChat = (state: ItemState) => 'chatId' in state.target;
const offeredFor = (target: Target): PathTarget => ('step' in target ? { step: target.step } : { chat: true });

/** Who and what a form is about; with `seen`, what the page showed of it, so that a change by the school is not overwritten unseen. */
function hiddenFields(state: ItemState, withSeen: boolean): SafeHtml {
  const who = html`<input type="hidden" name="person" value="${state.personId}"><input type="hidden" name="item" value="${itemValue(state.target)}">`;
  if (!withSeen) return who;
  return html`${who}<input type="hidden" name="${SEEN_FIELDS.status}" value="${state.status}"><input type="hidden" name="${SEEN_FIELDS.updatedAt}" value="${state.updatedAt ?? ''}">`;
}

/** Hidden words that tell a screen reader which of the page's many «Готово» this one is. */
function forWhom(state: ItemState): SafeHtml {
  return html`<span class="vh">: ${state.title}, ${state.personName}</span>`;
}

function problemForm(ctx: Ctx, state: ItemState): SafeHtml {
  const { t } = ctx;
  const reasons = blockersFor(ctx.path, offeredFor(state.target)).map(
    (reason) =>
      html`<label class="choice"><input type="radio" name="reason" value="${reason.id}" required${state.reason === reason.id ? CHECKED : ''}><span>${text(ctx, reason.label)}<small>${text(ctx, reason.parentAdvice)}</small></span></label>`,
  );
  // Sent back for a missing reason: open, so the question is in sight.
  const open = ctx.notice?.kind === 'reason' && ctx.notice.anchor === anchorOf(state.personId, state.target);
  return html`<details${open ? OPEN : ''}><summary>${t('actions.problem')}<span class="vh">: ${state.title}, ${state.personName}</span></summary><form method="post">${hiddenFields(state, true)}<fieldset><legend>${t('actions.problemLegend')}</legend>${reasons}</fieldset><label class="note">${t('actions.note')}<textarea name="note" maxlength="${BLOCKER_NOTE_MAX_LENGTH}" rows="2">${state.note ?? ''}</textarea></label><button name="action" value="blocked">${t('actions.send')}</button></form></details>`;
}

/** «сделано», «не получается (причина)»: how a mark reads in a sentence. */
function markWords(ctx: Ctx, status: StepStatus | ChatStatus, reason: BlockerReason | null): string {
  if (status !== 'blocked') return ctx.t(`marks.${status}`);
  const blocker = reason ? findBlocker(ctx.path, reason) : undefined;
  return blocker ? ctx.t('marks.blockedReason', { reason: text(ctx, blocker.label) }) : ctx.t('marks.blocked');
}

/** The status a retry asks for, on this kind of item. */
function retryStatus(choice: RetryChoice, chat: boolean): StepStatus | ChatStatus {
  switch (choice.action) {
    case 'done':
      return chat ? 'joined' : 'done';
    case 'undo':
      return chat ? 'not_joined' : 'not_started';
    case 'blocked':
      return 'blocked';
  }
}

/**
 * «Всё равно отметить»: the parent's own choice on an item the school changed
 * since the page was loaded, posted again without `seen`. Offered only for a
 * choice this item can take and that differs from what is marked now.
 */
function retryForm(ctx: Ctx, state: ItemState, choice: RetryChoice | undefined): SafeHtml | null {
  if (!choice) return null;
  const status = retryStatus(choice, isChat(state));
  const reason = choice.action === 'blocked' ? choice.reason : null;
  if (reason && !blockersFor(ctx.path, offeredFor(state.target)).some((blocker) => blocker.id === reason)) return null;
  if (status === state.status && (status !== 'blocked' || reason === state.reason)) return null;
  const label = ctx.t('retry', { choice: markWords(ctx, status, reason) });
  return html`<form method="post" class="retry">${hiddenFields(state, false)}${reason ? html`<input type="hidden" name="reason" value="${reason}">` : null}<button name="action" value="${choice.action}">${label}${forWhom(state)}</button></form>`;
}

/** What the page says about the last post at an item; for a change by the school, what it marked and the way to overrule it. */
function itemNotice(ctx: Ctx, state: ItemState): SafeHtml | null {
  const notice = noticeAt(ctx, anchorOf(state.personId, state.target));
  if (!notice) return null;
  if (notice.kind !== 'changed') return noticeHtml(ctx.t, notice, notice.anchor);
  const now = ctx.t('changedNow', { state: markWords(ctx, state.status, state.reason) });
  return html`<div class="notice bad" role="alert"><p>${ctx.t('errors.changed')}</p><p>${now}</p></div>${retryForm(ctx, state, notice.retry)}`;
}

function itemControls(ctx: Ctx, state: ItemState): SafeHtml {
  const { t } = ctx;
  const bySchool = isDone(state) && state.markedBy === 'school';
  const blocker = state.reason ? findBlocker(ctx.path, state.reason) : undefined;
  let status: SafeHtml | null = null;
  if (isDone(state)) {
    status = html`<p class="state ok">✓ ${t(isChat(state) ? 'status.joined' : 'status.done')}${bySchool ? html` <span class="by">· ${t('status.byTeacher')}</span>` : ''}</p>`;
  } else if (state.status === 'blocked') {
    status = html`<p class="state bad">${t('status.blocked')}${blocker ? html`. ${t('status.reason', { reason: text(ctx, blocker.label) })}` : ''}</p>${blocker ? html`<p>${text(ctx, blocker.parentAdvice)}</p>` : ''}`;
  }
  const controls = isDone(state)
    ? bySchool
      ? null
      : html`<div class="actions"><form method="post">${hiddenFields(state, true)}<button class="quiet" name="action" value="undo">${t('actions.undo')}${forWhom(state)}</button></form></div>`
    : html`<div class="actions"><form method="post">${hiddenFields(state, true)}<button name="action" value="done">${t(isChat(state) ? 'actions.joined' : 'actions.done')}${forWhom(state)}</button></form>${problemForm(ctx, state)}</div>`;
  return html`${status}${controls}`;
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

/** Only an https invitation is ever a link; the API checks its host too. */
const inviteOf = (chat: ParentChat): string | null => (chat.inviteUrl?.startsWith('https://') ? chat.inviteUrl : null);

/** «Вступить в чат»: the teacher's invitation link as a button, with the device it belongs on. */
function inviteHtml(ctx: Ctx, chat: ParentChat, kind: PersonKind, title: string): SafeHtml | null {
  const url = inviteOf(chat);
  if (!url) return null;
  return html`<p class="join"><a href="${url}" rel="noopener noreferrer">${ctx.t('chat.invite')}<span class="vh">: ${title}</span></a><small>${ctx.t(`chat.inviteDevice.${kind}`)}</small></p>`;
}

function hintsHtml(ctx: Ctx, hints: Localized[]): SafeHtml | null {
  return hints.length > 0
    ? html`<ul class="hints">${hints.map((hint) => html`<li>${text(ctx, hint)}</li>`)}</ul>`
    : null;
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

/** "5А класс" for a student, "Родитель" for a parent: no word that says whether it is a boy or a girl. */
function roleOf(t: T, person: ParentPerson): string {
  if (person.kind === 'parent') return t('parent');
  return person.className ? t('student', { className: person.className }) : t('studentNoClass');
}

/** What the block of one numbered step is made of, whatever kind of step it is. */
interface ItemParts {
  /** the anchor of a path step; the chats step has one per chat instead */
  id: string | null;
  title: string;
  /** the notice of the last post, kept above the fold */
  notice: SafeHtml | null;
  body: SafeHtml;
  /** a notice inside: a folded step opens for it */
  open: boolean;
  /** an invitation link inside, said on the folded line */
  invite: boolean;
}

function itemState(person: ParentPerson, title: string, target: Target, item: ParentStep | ParentChat): ItemState {
  return {
    personId: person.id,
    personName: person.displayName,
    title,
    target,
    status: item.status,
    reason: item.blockerReason,
    note: item.blockerNote,
    markedBy: item.markedBy,
    updatedAt: item.updatedAt,
  };
}

function stepParts(
  ctx: Ctx,
  family: ParentFamily,
  person: ParentPerson,
  item: Extract<PersonItem, { kind: 'step' }>,
): ItemParts {
  const { t } = ctx;
  const { step, pathStep } = item;
  const title = text(ctx, pathStep.title);
  const state = itemState(person, title, { step: step.step }, step);
  const id = anchorOf(person.id, state.target);
  const here = noticeAt(ctx, id);
  const schoolNote = family.stepNotes[step.step];
  const links =
    pathStep.links.length > 0
      ? html`<ul class="links">${pathStep.links.map((link) => html`<li><a href="${link.url}" rel="noopener noreferrer">${text(ctx, link.label)}</a></li>`)}</ul>`
      : null;
  return {
    id,
    title,
    notice: itemNotice(ctx, state),
    // «Сохранено» stays above a step the post folded; an error opens it.
    open: here !== null && here.kind !== 'saved',
    invite: false,
    body: html`<p>${text(ctx, pathStep.howTo[person.kind])}</p>${links}${schoolNote ? html`<p class="school-note"><strong>${t('schoolNote')}</strong> ${schoolNote}</p>` : null}${itemControls(ctx, state)}${hintsHtml(ctx, pathStep.hints[person.kind])}`,
  };
}

function chatsParts(ctx: Ctx, person: ParentPerson, item: Extract<PersonItem, { kind: 'chats' }>): ItemParts {
  const { path } = ctx;
  let open = false;
  let invite = false;
  const chats = item.chats.map((chat) => {
    const chatName = chatTitle(ctx, chat);
    const state = itemState(person, chatName, { chatId: chat.chatId }, chat);
    const anchor = anchorOf(person.id, state.target);
    // The notices are inside the fold, each at its chat: any of them opens it, «Сохранено» too.
    if (noticeAt(ctx, anchor)) open = true;
    if (!isDone(state) && inviteOf(chat)) invite = true;
    return html`<li class="chat${isDone(state) ? ' is-done' : ''}" id="${anchor}">${itemNotice(ctx, state)}<p class="chat-name">${chatName}</p>${isDone(state) ? null : inviteHtml(ctx, chat, person.kind, chatName)}${itemControls(ctx, state)}</li>`;
  });
  return {
    id: null,
    title: ctx.t('steps.chats.title'),
    notice: null,
    open,
    invite,
    body: html`<p>${text(ctx, path.chats.howTo[person.kind])}</p><ul class="chats">${chats}</ul>${hintsHtml(ctx, path.chats.hints[person.kind])}`,
  };
}

/**
 * One numbered step of a person: the one to do now open, with its buttons
 * first and its hints after them; the others folded under one line
 * («✓ Аккаунт в MAX — сделано», «3 Чаты — есть приглашение»).
 */
function itemHtml(ctx: Ctx, family: ParentFamily, person: ParentPerson, item: PersonItem, isNext: boolean): SafeHtml {
  const { t } = ctx;
  const parts = item.kind === 'step' ? stepParts(ctx, family, person, item) : chatsParts(ctx, person, item);
  const num = html`<span class="num" aria-hidden="true">${item.done ? '✓' : item.number}</span>`;
  const id = parts.id ? html` id="${parts.id}"` : null;
  const classes = `step${item.done ? ' is-done' : ''}${isNext ? ' is-next' : ''}`;
  if (isNext) return html`<li class="${classes}"${id}>${parts.notice}<h3>${num}${parts.title}</h3>${parts.body}</li>`;
  const where = item.done
    ? t('marks.done')
    : item.blocked
      ? t('marks.blocked')
      : parts.invite
        ? t('steps.invite')
        : null;
  const summary = html`<summary>${num}<span>${parts.title}${where ? html`<span class="by"> — ${where}</span>` : null}</span></summary>`;
  return html`<li class="${classes}"${id}>${parts.notice}<details class="fold"${parts.open ? OPEN : ''}>${summary}${parts.body}</details></li>`;
}

function personHtml(ctx: Ctx, family: ParentFamily, person: ParentPerson, progress: PersonProgress): SafeHtml {
  const { t } = ctx;
  const heading = html`<h2 id="h-${person.id}">${person.displayName}<span class="role">${roleOf(t, person)}</span></h2>${noticeHtml(t, ctx.notice, personAnchor(person.id))}`;
  const section = (content: SafeHtml) =>
    html`<section class="person" id="${personAnchor(person.id)}" aria-labelledby="h-${person.id}">${heading}${content}</section>`;
  if (person.optOut) return section(optedOutHtml(ctx, person, person.optOut));

  const items = progress.items.map((item) => itemHtml(ctx, family, person, item, item === progress.next));
  const optOut = html`<div class="optout-form" id="${optOutAnchor({ personId: person.id })}">${noticeHtml(t, ctx.notice, optOutAnchor({ personId: person.id }))}${optOutForm(ctx, { personId: person.id }, html`${t('optOut.open')}<span class="vh">: ${person.displayName}</span>`)}</div>`;
  return section(html`<ol class="steps">${items}</ol>${optOut}`);
}

/** One line per person at the top: «Пётр: 2 из 3 шагов, чат класса — нет», or that they do not use the app. */
function summaryLine(ctx: Ctx, family: ParentFamily, person: ParentPerson, progress: PersonProgress): SafeHtml {
  const { t } = ctx;
  const parts: string[] = [];
  if (person.optOut) {
    parts.push(t('summary.optedOut', { path: family.pathId, app: text(ctx, ctx.path.appName) }));
  } else {
    parts.push(t('summary.steps', { done: progress.done, total: progress.total }));
    if (progress.blocked !== null) parts.push(t('summary.blocked', { number: progress.blocked }));
    if (progress.inClassChat !== null)
      parts.push(t('summary.classChat', { joined: progress.inClassChat ? 'yes' : 'no' }));
  }
  const all = !person.optOut && progress.next === null;
  return html`<li${all ? new SafeHtml(' class="ok"') : null}><a href="#${personAnchor(person.id)}">${person.displayName}</a>: ${parts.join(', ')}</li>`;
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
  if (!notice || (notice.kind !== 'optedOut' && notice.kind !== 'order' && notice.kind !== 'changed')) return notice;
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
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

function formatDate(locale: AppLocale, iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(new Date(iso));
}

/**
 * The page of one family, in the order a parent needs it: one line per
 * person on how far they are, each person's next step open (its button on
 * the first screen of a phone), the pitfalls folded, the class teacher and
 * the deadline, that it is voluntary and the family's opt-out.
 */
export function renderFamilyPage(locale: AppLocale, family: ParentFamily, notice: ParentNotice | null): string {
  const t = parentTranslator(locale);
  const path = familyPath(family);
  // Children first: the child's account comes before the parent's.
  const people = [
    ...family.people.filter((p) => p.kind === 'student'),
    ...family.people.filter((p) => p.kind === 'parent'),
  ];
  const placed = placeNotice(notice, people);
  const ctx: Ctx = { t, locale, path, notice: placed };
  const shown = people.map((person) => ({ person, progress: personProgress(path, person) }));
  const topNotice = placed && !anchorsOf(people).has(placed.anchor) ? noticeHtml(t, placed, placed.anchor) : null;
  const summary = html`<ul class="summary" aria-label="${t('summary.label')}">${shown.map(({ person, progress }) => summaryLine(ctx, family, person, progress))}</ul>`;
  const pitfalls =
    path.pitfalls.length > 0
      ? html`<details class="box"><summary>${t('pitfalls.title')}</summary><ul>${path.pitfalls.map((pitfall) => html`<li>${text(ctx, pitfall)}</li>`)}</ul></details>`
      : null;
  const voluntary = html`<section class="free" id="free" aria-labelledby="free-title"><h2 id="free-title">${t('voluntary.title')}</h2><p>${t('voluntary.text', { app: text(ctx, path.appName) })}</p></section>`;
  const body = html`<main id="${TOP_ANCHOR}"><h1>${t('title')}</h1><p class="school">${t('school', { name: family.schoolName })}</p>${topNotice}${summary}<p class="lead">${t('voluntary.short')} <a href="#free">${t('voluntary.shortLink')}</a></p>${shown.map(({ person, progress }) => personHtml(ctx, family, person, progress))}${pitfalls}${classesHtml(ctx, family.classes)}${voluntary}${familyOptOutHtml(ctx, people)}<div class="foot"><p>${t('lead')}</p><p>${t('expires', { date: formatDate(locale, family.expiresAt) })}</p><p>${t('help')}</p><p>${t('privacy')}</p></div></main>`;
  return parentDocument(locale, t('title'), body);
}

/** The page for a link that cannot be shown: unknown, expired or revoked, too many clicks, API down. */
export function renderMessagePage(
  locale: AppLocale,
  kind: 'notFound' | 'tooMany' | 'unavailable',
  codePage?: string,
): string {
  const t = parentTranslator(locale);
  const again =
    kind === 'notFound' && codePage ? html`<p><a href="${codePage}">${t('notFound.codeLink')}</a></p>` : null;
  const body = html`<main><div class="alone"><h1>${t(`${kind}.title`)}</h1><p>${t(`${kind}.text`)}</p>${again}</div></main>`;
  return parentDocument(locale, t(`${kind}.title`), body);
}
