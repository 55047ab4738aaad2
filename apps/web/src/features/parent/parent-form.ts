import { BLOCKER_NOTE_MAX_LENGTH, BLOCKER_REASONS, STEP_IDS } from '@sferum/contracts';
import type { ParentChange } from './parent-api';

/** The form's buttons: confirm, take a confirmation back, say what blocks. */
export const PARENT_ACTIONS = ['done', 'undo', 'blocked'] as const;
export type ParentAction = (typeof PARENT_ACTIONS)[number];

/** The `item` field: a step (`step:vk_id`) or a chat (`chat:<id>`). */
export function itemValue(target: { step: string } | { chatId: string }): string {
  return 'step' in target ? `step:${target.step}` : `chat:${target.chatId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ParsedForm =
  | { kind: 'change'; change: ParentChange }
  | { kind: 'needsReason'; personId: string; target: ParentChange['target'] }
  | { kind: 'invalid' };

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Reads one posted form of the parent page into the change the API expects. */
export function parseParentForm(form: FormData): ParsedForm {
  const personId = field(form, 'person');
  const item = field(form, 'item');
  const action = PARENT_ACTIONS.find((candidate) => candidate === field(form, 'action'));
  if (!UUID.test(personId) || action === undefined) return { kind: 'invalid' };

  let target: ParentChange['target'];
  const stepId = STEP_IDS.find((step) => `step:${step}` === item);
  if (stepId) target = { step: stepId };
  else if (item.startsWith('chat:') && UUID.test(item.slice(5))) target = { chatId: item.slice(5) };
  else return { kind: 'invalid' };
  const isStep = 'step' in target;

  if (action === 'done' || action === 'undo') {
    const status = action === 'done' ? (isStep ? 'done' : 'joined') : isStep ? 'not_started' : 'not_joined';
    return { kind: 'change', change: { personId, target, request: { status } } };
  }

  const reason = BLOCKER_REASONS.find((candidate) => candidate === field(form, 'reason'));
  if (!reason) return { kind: 'needsReason', personId, target };
  const note = field(form, 'note').slice(0, BLOCKER_NOTE_MAX_LENGTH);
  return {
    kind: 'change',
    change: {
      personId,
      target,
      request: { status: 'blocked', blockerReason: reason, ...(note ? { blockerNote: note } : {}) },
    },
  };
}
