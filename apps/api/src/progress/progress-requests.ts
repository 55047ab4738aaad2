import { CHAT_STATUSES, STEP_STATUSES, type ChatStatus, type StepStatus } from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';
import type { RequestedChange, Target } from './progress-plan';

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
  if (blocked && !fields.blockerReason) throw RequestValidationException.forField('blockerReason', 'blockerReason is required when blocked');
  if (!blocked && fields.blockerReason) throw RequestValidationException.forField('blockerReason', 'blockerReason goes only with status blocked');
  if (!blocked && fields.blockerNote) throw RequestValidationException.forField('blockerNote', 'blockerNote goes only with status blocked');
  return {
    target,
    status: fields.status,
    blockerReason: fields.blockerReason ?? null,
    blockerNote: fields.blockerNote ? fields.blockerNote : null,
  };
}
