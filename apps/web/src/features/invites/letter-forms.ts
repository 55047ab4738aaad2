import {
  PARENT_CONTACT_MAX_LENGTH,
  roleMay,
  type ChatSummary,
  type OnboardingPath,
  type SetParentInfoRequest,
  type StaffRole,
} from '@sferum/contracts';
import { isApiError } from '../../api/api-error';
import type { ErrorMessageKey } from '../../api/error-message';
import { errorMessageKey } from '../../api/error-message';
import { deadlineDay } from './letters-model';

/** What went wrong with a chat's invitation link, as the field says it. */
export type ChatLinkProblem =
  /** not https, or not on a host of the school's path (the API's 400 naming `url`, or caught before sending) */
  | { kind: 'notInvite' }
  /** the school chat's link is the school admins' (403) */
  | { kind: 'schoolAdminsOnly' }
  /** the chat is gone (archived when the school switched its path): 404 */
  | { kind: 'gone' }
  | { kind: 'general'; key: ErrorMessageKey };

/**
 * A pasted link checked before it is sent: empty removes the link; anything
 * but an https address is refused here with the words the API's 400 gets.
 * Whether the host is one of the path's is the API's to say (a deployment may
 * allow other hosts).
 */
export function checkChatLinkInput(value: string): { url: string | null } | ChatLinkProblem {
  const trimmed = value.trim();
  if (trimmed === '') return { url: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { kind: 'notInvite' };
  }
  return url.protocol === 'https:' ? { url: trimmed } : { kind: 'notInvite' };
}

/** The API's answer to `PUT /api/chats/:chatId/invite-link`, as the field shows it. */
export function chatLinkProblem(error: unknown): ChatLinkProblem {
  if (isApiError(error, 400) && error.fields.includes('url')) return { kind: 'notInvite' };
  if (isApiError(error, 403)) return { kind: 'schoolAdminsOnly' };
  if (isApiError(error, 404)) return { kind: 'gone' };
  return { kind: 'general', key: errorMessageKey(error) };
}

/** How an invitation link of the path begins, for the error and the placeholder: "https://max.ru/…". */
export function inviteLinkExample(path: OnboardingPath): string {
  return `https://${path.inviteHosts[0] ?? 'max.ru'}/…`;
}

/** The school chat is the school admins' to link; a teacher sees its link and cannot change it. */
export function canEditChatLink(chat: Pick<ChatSummary, 'kind'>, role: StaffRole): boolean {
  return chat.kind !== 'school' || roleMay(role, 'schoolChat.work');
}

export interface ParentInfoValues {
  parentContact: string;
  /** YYYY-MM-DD as a date field gives it, or empty */
  deadline: string;
}

export type ParentInfoField = keyof ParentInfoValues;
export type ParentInfoProblem = 'contactTooLong' | 'deadlineInvalid';

/** The form's own checks, the same the API makes: at most 300 characters, a real calendar day. */
export function checkParentInfo(values: ParentInfoValues): Partial<Record<ParentInfoField, ParentInfoProblem>> {
  const problems: Partial<Record<ParentInfoField, ParentInfoProblem>> = {};
  if (values.parentContact.trim().length > PARENT_CONTACT_MAX_LENGTH) problems.parentContact = 'contactTooLong';
  if (values.deadline !== '' && deadlineDay(values.deadline, 'ru') === null) problems.deadline = 'deadlineInvalid';
  return problems;
}

/** What the form sends: an empty field clears the value. */
export function parentInfoRequest(values: ParentInfoValues): SetParentInfoRequest {
  const contact = values.parentContact.trim();
  return { parentContact: contact === '' ? null : contact, deadline: values.deadline === '' ? null : values.deadline };
}

/** The fields a 400 of `PUT /api/classes/:id/parent-info` named, with the form's words for each. */
export function parentInfoProblems(error: unknown): Partial<Record<ParentInfoField, ParentInfoProblem>> {
  if (!isApiError(error, 400)) return {};
  const problems: Partial<Record<ParentInfoField, ParentInfoProblem>> = {};
  if (error.fields.includes('parentContact')) problems.parentContact = 'contactTooLong';
  if (error.fields.includes('deadline')) problems.deadline = 'deadlineInvalid';
  return problems;
}
