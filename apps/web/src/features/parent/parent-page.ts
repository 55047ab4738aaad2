import {
  BLOCKER_REASONS,
  type BlockerReason,
  type ParentChat,
  type ParentFamily,
  type ParentPerson,
  type ParentStep,
} from '@sferum/contracts';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '../../i18n/messages';
import type { AppLocale } from '../../i18n/routing';
import { html, SafeHtml } from './html';
import { itemValue } from './parent-form';
import { PARENT_CSS } from './parent-styles';

export function parentTranslator(locale: AppLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'parentPage' });
}
type T = ReturnType<typeof parentTranslator>;

/** What the page says about the last post, next to the item it was about. */
export type ParentNotice = { kind: 'saved' | 'reason' | 'order' | 'failed'; anchor: string };

/** The id of an item's block on the page; the redirect after a post comes back to it. */
export function anchorOf(personId: string, target: { step: string } | { chatId: string }): string {
  return `i-${personId}-${'step' in target ? target.step : target.chatId}`;
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

function hiddenFields(personId: string, target: { step: string } | { chatId: string }): SafeHtml {
  return html`<input type="hidden" name="person" value="${personId}"><input type="hidden" name="item" value="${itemValue(target)}">`;
}

function problemForm(
  t: T,
  personId: string,
  target: { step: string } | { chatId: string },
  current: BlockerReason | null,
  note: string | null,
): SafeHtml {
  const reasons = BLOCKER_REASONS.map(
    (reason) =>
      html`<label class="reason"><input type="radio" name="reason" value="${reason}" required${current === reason ? CHECKED : ''}><span>${t(`reasons.${reason}.label`)}<small>${t(`reasons.${reason}.advice`)}</small></span></label>`,
  );
  return html`<details><summary>${t('actions.problem')}</summary><form method="post">${hiddenFields(personId, target)}<fieldset><legend>${t('actions.problemLegend')}</legend>${reasons}</fieldset><label class="note">${t('actions.note')}<textarea name="note" maxlength="500" rows="2">${note ?? ''}</textarea></label><button name="action" value="blocked">${t('actions.send')}</button></form></details>`;
}

interface ItemState {
  done: boolean;
  blocked: boolean;
  reason: BlockerReason | null;
  note: string | null;
  bySchool: boolean;
}

function itemControls(
  t: T,
  personId: string,
  target: { step: string } | { chatId: string },
  state: ItemState,
  notice: ParentNotice | null,
): SafeHtml {
  const anchor = anchorOf(personId, target);
  const isChat = 'chatId' in target;
  let status: SafeHtml | null = null;
  if (state.done) {
    status = html`<p class="state ok">✓ ${t(isChat ? 'status.joined' : 'status.done')}${state.bySchool ? html` <span class="by">· ${t('status.byTeacher')}</span>` : ''}</p>`;
  } else if (state.blocked) {
    status = html`<p class="state bad">${t('status.blocked')}${state.reason ? html`. ${t('status.reason', { reason: t(`reasons.${state.reason}.label`) })}` : ''}</p>${state.reason ? html`<p>${t(`reasons.${state.reason}.advice`)}</p>` : ''}`;
  }
  const controls = state.done
    ? state.bySchool
      ? null
      : html`<div class="actions"><form method="post">${hiddenFields(personId, target)}<button class="quiet" name="action" value="undo">${t('actions.undo')}</button></form></div>`
    : html`<div class="actions"><form method="post">${hiddenFields(personId, target)}<button name="action" value="done">${t('actions.done')}</button></form>${problemForm(t, personId, target, state.reason, state.note)}</div>`;
  return html`${noticeHtml(t, notice, anchor)}${status}${controls}`;
}

function stepTexts(t: T, step: ParentStep['step'], family: ParentFamily): { title: string; text: string; hints: string[] } {
  switch (step) {
    case 'vk_id':
      return {
        title: t('steps.vk_id.title'),
        text: t('steps.vk_id.text'),
        hints: [t('steps.vk_id.hintExisting'), t('steps.vk_id.hintPhone')],
      };
    case 'sferum_profile':
      return {
        title: t('steps.sferum_profile.title'),
        text: t('steps.sferum_profile.text'),
        hints: [t('steps.sferum_profile.hintPassword')],
      };
    case 'messenger':
      return {
        title: t(`steps.messenger.${family.messenger}.title`),
        text: t(`steps.messenger.${family.messenger}.text`),
        hints: [t('steps.messenger.hintSwitch')],
      };
  }
}

function chatName(t: T, chat: ParentChat): string {
  if (chat.kind === 'subject') return chat.name ? t('chat.subject', { name: chat.name }) : t('chat.subjectUnnamed');
  return t(`chat.${chat.kind}`);
}

const CHAT_ORDER = { class: 0, subject: 1, school: 2 } as const;

function personHtml(t: T, family: ParentFamily, person: ParentPerson, notice: ParentNotice | null): SafeHtml {
  const role =
    person.kind === 'parent'
      ? t('parent')
      : person.className
        ? t('student', { className: person.className })
        : t('studentNoClass');
  const steps = person.steps.map((step, index) => {
    const texts = stepTexts(t, step.step, family);
    const target = { step: step.step };
    const state: ItemState = {
      done: step.status === 'done',
      blocked: step.status === 'blocked',
      reason: step.blockerReason,
      note: step.blockerNote,
      bySchool: step.status === 'done' && step.markedBy === 'school',
    };
    return html`<li class="step${state.done ? ' is-done' : ''}" id="${anchorOf(person.id, target)}"><h3><span class="num" aria-hidden="true">${state.done ? '✓' : index + 1}</span>${texts.title}</h3><p>${texts.text}</p><ul class="hints">${texts.hints.map((hint) => html`<li>${hint}</li>`)}</ul>${itemControls(t, person.id, target, state, notice)}</li>`;
  });
  const chats = [...person.chats].sort((a, b) => CHAT_ORDER[a.kind] - CHAT_ORDER[b.kind]);
  const chatsDone = chats.length > 0 && chats.every((chat) => chat.status === 'joined');
  const chatItems = chats.map((chat) => {
    const target = { chatId: chat.chatId };
    const state: ItemState = {
      done: chat.status === 'joined',
      blocked: chat.status === 'blocked',
      reason: chat.blockerReason,
      note: chat.blockerNote,
      bySchool: false,
    };
    return html`<li class="chat${state.done ? ' is-done' : ''}" id="${anchorOf(person.id, target)}"><p class="chat-name">${chatName(t, chat)}</p>${itemControls(t, person.id, target, state, notice)}</li>`;
  });
  const chatStep =
    chats.length > 0
      ? html`<li class="step${chatsDone ? ' is-done' : ''}"><h3><span class="num" aria-hidden="true">${chatsDone ? '✓' : person.steps.length + 1}</span>${t('steps.chats.title')}</h3><p>${t('steps.chats.text')}</p><ul class="chats">${chatItems}</ul></li>`
      : null;
  return html`<section class="person" aria-labelledby="h-${person.id}"><h2 id="h-${person.id}">${person.displayName}<span class="role">${role}</span></h2><ol class="steps">${steps}${chatStep}</ol></section>`;
}

function formatDate(locale: AppLocale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' }).format(
    new Date(iso),
  );
}

/** The page of one family: the pitfalls, then every person with their steps and chats. */
export function renderFamilyPage(locale: AppLocale, family: ParentFamily, notice: ParentNotice | null): string {
  const t = parentTranslator(locale);
  // Children first: the child's account comes before the parent's.
  const people = [...family.people.filter((p) => p.kind === 'student'), ...family.people.filter((p) => p.kind === 'parent')];
  const anchored =
    notice !== null &&
    people.some((person) =>
      [...person.steps.map((s) => ({ step: s.step })), ...person.chats.map((c) => ({ chatId: c.chatId }))].some(
        (target) => anchorOf(person.id, target) === notice.anchor,
      ),
    );
  const topNotice = notice && !anchored ? noticeHtml(t, notice, notice.anchor) : null;
  const body = html`<main><h1>${t('title')}</h1><p class="school">${t('school', { name: family.schoolName })}</p>${topNotice}<section class="box" aria-labelledby="pitfalls-title"><h2 id="pitfalls-title">${t('pitfalls.title')}</h2><ul><li>${t('pitfalls.childFirst')}</li><li>${t('pitfalls.ownPhone')}</li><li>${t('pitfalls.ownDevice')}</li><li>${t('pitfalls.email')}</li></ul></section><p class="lead">${t('lead')}</p>${people.map((person) => personHtml(t, family, person, notice))}<div class="foot"><p>${t('expires', { date: formatDate(locale, family.expiresAt) })}</p><p>${t('help')}</p><p>${t('privacy')}</p></div></main>`;
  return document(locale, t('title'), body);
}

/** The page for a link that cannot be shown: unknown, expired or revoked, too many clicks, API down. */
export function renderMessagePage(locale: AppLocale, kind: 'notFound' | 'tooMany' | 'unavailable'): string {
  const t = parentTranslator(locale);
  const body = html`<main><div class="alone"><h1>${t(`${kind}.title`)}</h1><p>${t(`${kind}.text`)}</p></div></main>`;
  return document(locale, t(`${kind}.title`), body);
}
