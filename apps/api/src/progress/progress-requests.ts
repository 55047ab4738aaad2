import {
  blockersFor,
  CHAT_STATUSES,
  findStep,
  STEP_STATUSES,
  stepIdsOf,
  type ChatStatus,
  type OnboardingPath,
  type OptOutRequest,
  type StepStatus,
} from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';
import type { OptOutChoice, RequestedChange, Target } from './progress-plan';

interface StatusFields {
  status: StepStatus | ChatStatus;
  blockerReason?: RequestedChange['blockerReason'];
  blockerNote?: string;
}

/**
 * A request's status fields as a change, or a 400 naming the field: a step
 * takes not_started | done | blocked, a chat not_joined | joined | blocked; a
 * reason goes with blocked and only with it; a note only with a reason.
 */
export function toRequestedChange(target: Target, fields: StatusFields): RequestedChange {
  const allowed: readonly string[] = 'step' in target ? STEP_STATUSES : CHAT_STATUSES;
  if (!allowed.includes(fields.status)) {
    throw RequestValidationException.forField('status', `status must be one of ${allowed.join(', ')}`);
  }
  const blocked = fields.status === 'blocked';
  if (blocked && !fields.blockerReason)
    throw RequestValidationException.forField('blockerReason', 'blockerReason is required when blocked');
  if (!blocked && fields.blockerReason)
    throw RequestValidationException.forField('blockerReason', 'blockerReason goes only with status blocked');
  if (!blocked && fields.blockerNote)
    throw RequestValidationException.forField('blockerNote', 'blockerNote goes only with status blocked');
  return {
    target,
    status: fields.status,
    blockerReason: fields.blockerReason ?? null,
    blockerNote: fields.blockerNote ? fields.blockerNote : null,
  };
}

/** The step must be one of the school's path, and a reason one that step (or the chats) offers: else 400 naming the field. */
export function checkAgainstPath(path: OnboardingPath, change: RequestedChange): void {
  if ('step' in change.target && !findStep(path, change.target.step)) {
    throw RequestValidationException.forField(
      'step',
      `step must be one of the school's path (${path.id}): ${stepIdsOf(path).join(', ')}`,
    );
  }
  if (change.blockerReason === null) return;
  const offered = blockersFor(path, 'step' in change.target ? { step: change.target.step } : { chat: true }).map(
    (b) => b.id,
  );
  if (!offered.includes(change.blockerReason)) {
    throw RequestValidationException.forField(
      'blockerReason',
      `blockerReason must be one of ${offered.join(', ')} here`,
    );
  }
}

/** Opting out needs the channel used instead (and a note for "other"); coming back takes neither. */
export function toOptOutChoice(request: OptOutRequest): OptOutChoice {
  if (!request.optedOut) {
    if (request.channel !== undefined)
      throw RequestValidationException.forField('channel', 'channel goes only with optedOut true');
    if (request.note) throw RequestValidationException.forField('note', 'note goes only with optedOut true');
    return null;
  }
  if (!request.channel) throw RequestValidationException.forField('channel', 'channel is required when opting out');
  if (request.channel === 'other' && !request.note) {
    throw RequestValidationException.forField(
      'note',
      'note is required for channel other: say how the school keeps the family informed',
    );
  }
  return { channel: request.channel, note: request.note ? request.note : null };
}
