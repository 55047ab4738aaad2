import {
  BLOCKER_NOTE_MAX_LENGTH,
  CATALOGUE_ID_PATTERN,
  CHAT_STATUSES,
  OPT_OUT_CHANNELS,
  OPT_OUT_NOTE_MAX_LENGTH,
  STEP_STATUSES,
  type OptOutChannel,
  type ParentStatusRequest,
  type SeenState,
} from '@sferum/contracts';
import type { OptOutChange, OptOutScope, ParentChange } from './parent-api';

/**
 * The form's buttons: confirm, take a confirmation back, say what blocks;
 * say that a person (or the family) will not use Sferum, or will after all.
 */
export const PARENT_ACTIONS = ['done', 'undo', 'blocked', 'opt_out', 'opt_in'] as const;

/** The `item` field: a step (`step:max_account`) or a chat (`chat:<id>`). */
export function itemValue(target: { step: string } | { chatId: string }): string {
  return 'step' in target ? `step:${target.step}` : `chat:${target.chatId}`;
}

/**
 * The hidden fields of an item's forms: what the page showed of it, so that a
 * change the school made meanwhile is not overwritten unseen.
 */
export const SEEN_FIELDS = { status: 'seen_status', updatedAt: 'seen_at' } as const;

/** The `scope` field of an opt-out form for the whole family; a person's form names the person instead. */
export const FAMILY_SCOPE = 'family';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ParsedForm =
  | { kind: 'change'; change: ParentChange }
  | { kind: 'optOut'; optOut: OptOutChange }
  | { kind: 'needsReason'; personId: string; target: ParentChange['target'] }
  | { kind: 'needsChannel'; scope: OptOutScope }
  | { kind: 'needsNote'; scope: OptOutScope; channel: OptOutChannel }
  | { kind: 'invalid' };

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function parseSeen(form: FormData, isStep: boolean): SeenState | undefined {
  const shown = field(form, SEEN_FIELDS.status);
  const status = (isStep ? STEP_STATUSES : CHAT_STATUSES).find((candidate) => candidate === shown);
  if (!status) return undefined;
  const at = field(form, SEEN_FIELDS.updatedAt);
  return { status, updatedAt: at && !Number.isNaN(Date.parse(at)) ? at : null };
}

function parseOptOut(form: FormData, action: 'opt_out' | 'opt_in'): ParsedForm {
  const personId = field(form, 'person');
  let scope: OptOutScope;
  if (field(form, 'scope') === FAMILY_SCOPE) scope = { family: true };
  else if (UUID.test(personId)) scope = { personId };
  else return { kind: 'invalid' };

  if (action === 'opt_in') return { kind: 'optOut', optOut: { scope, request: { optedOut: false } } };
  const channel = OPT_OUT_CHANNELS.find((candidate) => candidate === field(form, 'channel'));
  if (!channel) return { kind: 'needsChannel', scope };
  const note = field(form, 'note').slice(0, OPT_OUT_NOTE_MAX_LENGTH);
  // "Other" says nothing by itself: the school must learn which way the family means.
  if (channel === 'other' && !note) return { kind: 'needsNote', scope, channel };
  return { kind: 'optOut', optOut: { scope, request: { optedOut: true, channel, ...(note ? { note } : {}) } } };
}

/**
 * Reads one posted form of the parent page into the change the API expects.
 * Step and reason ids are only checked for their shape: which ones the
 * family's path offers is the API's to say (a 400).
 */
export function parseParentForm(form: FormData): ParsedForm {
  const action = PARENT_ACTIONS.find((candidate) => candidate === field(form, 'action'));
  if (action === undefined) return { kind: 'invalid' };
  if (action === 'opt_out' || action === 'opt_in') return parseOptOut(form, action);

  const personId = field(form, 'person');
  const item = field(form, 'item');
  if (!UUID.test(personId)) return { kind: 'invalid' };

  let target: ParentChange['target'];
  if (item.startsWith('step:') && CATALOGUE_ID_PATTERN.test(item.slice(5))) target = { step: item.slice(5) };
  else if (item.startsWith('chat:') && UUID.test(item.slice(5))) target = { chatId: item.slice(5) };
  else return { kind: 'invalid' };
  const isStep = 'step' in target;
  const seen = parseSeen(form, isStep);
  const withSeen = seen ? { seen } : {};

  if (action === 'done' || action === 'undo') {
    const status = action === 'done' ? (isStep ? 'done' : 'joined') : isStep ? 'not_started' : 'not_joined';
    return { kind: 'change', change: { personId, target, request: { status, ...withSeen } } };
  }

  const reason = field(form, 'reason');
  if (!CATALOGUE_ID_PATTERN.test(reason)) return { kind: 'needsReason', personId, target };
  const note = field(form, 'note').slice(0, BLOCKER_NOTE_MAX_LENGTH);
  return {
    kind: 'change',
    change: {
      personId,
      target,
      request: { status: 'blocked', blockerReason: reason, ...(note ? { blockerNote: note } : {}), ...withSeen },
    },
  };
}

/**
 * What the parent chose on an item the school had changed meanwhile (a 409
 * changed_by_school): carried through the redirect (`retry=done`,
 * `retry=undo`, `retry=blocked:<reason>`) so that the page can offer
 * «Всё равно отметить» with exactly that choice, posted without `seen`.
 * The blocker's note stays behind: free text has no place in a URL.
 */
export type RetryChoice = { action: 'done' } | { action: 'undo' } | { action: 'blocked'; reason: string };

export function retryOf(request: ParentStatusRequest): RetryChoice {
  switch (request.status) {
    case 'done':
    case 'joined':
      return { action: 'done' };
    case 'not_started':
    case 'not_joined':
      return { action: 'undo' };
    case 'blocked':
      return request.blockerReason ? { action: 'blocked', reason: request.blockerReason } : { action: 'undo' };
  }
}

export function retryValue(choice: RetryChoice): string {
  return choice.action === 'blocked' ? `blocked:${choice.reason}` : choice.action;
}

/** The `retry` query value back into a choice; anything else is no choice at all. */
export function parseRetry(value: string | null): RetryChoice | null {
  if (value === 'done' || value === 'undo') return { action: value };
  if (value?.startsWith('blocked:') && CATALOGUE_ID_PATTERN.test(value.slice(8)))
    return { action: 'blocked', reason: value.slice(8) };
  return null;
}
