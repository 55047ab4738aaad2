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
    throw invalid('status', `status must be one of ${allowed.join(', ')}`);
  }
  const blocked = fields.status === 'blocked';
  if (blocked && !fields.blockerReason) throw invalid('blockerReason', 'blockerReason is required when blocked');
  if (!blocked && fields.blockerReason) throw invalid('blockerReason', 'blockerReason goes only with status blocked');
  if (!blocked && fields.blockerNote) throw invalid('blockerNote', 'blockerNote goes only with status blocked');
  return {
    target,
    status: fields.status,
    blockerReason: fields.blockerReason ?? null,
    blockerNote: fields.blockerNote ? fields.blockerNote : null,
  };
}

function invalid(field: string, message: string): RequestValidationException {
  return new RequestValidationException([{ field, messages: [message] }]);
}
