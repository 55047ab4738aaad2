import {
  API_ROUTES,
  CHAT_AUDIENCES,
  CHAT_KINDS,
  CHAT_STATUSES,
  PATH_CATALOGUE,
  PERSON_KINDS,
  STEP_STATUSES,
  type ChatSummary,
  type FamilyInvite,
  type InviteStatus,
  type IssueInvitesRequest,
  type SchoolClassSummary,
  type SetChatInviteRequest,
  type SetParentInfoRequest,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import { list, num, oneOf, optionalStr, parseSchoolClass, record, ResponseShapeError, str, type Fields } from '../../api/parse';
import { byId } from '../../api/queries';
import type { ReminderRoster, ReminderPerson } from './reminders';

const INVITE_STATUSES: readonly InviteStatus[] = ['none', 'issued', 'opened', 'confirmed', 'problem', 'opted_out'];

function strings(o: Fields, key: string): string[] {
  return list(
    o[key],
    (item) => {
      if (typeof item !== 'string') throw new ResponseShapeError(key);
      return item;
    },
    key,
  );
}

export function parseFamilyInvite(value: unknown): FamilyInvite {
  const o = record(value, 'invite');
  return {
    familyId: str(o, 'familyId'),
    students: strings(o, 'students'),
    parents: strings(o, 'parents'),
    status: oneOf(o, 'status', INVITE_STATUSES),
    link: optionalStr(o, 'link'),
    code: optionalStr(o, 'code'),
    shortAddress: str(o, 'shortAddress'),
    problems: num(o, 'problems'),
    optedOut: num(o, 'optedOut'),
    issuedAt: optionalStr(o, 'issuedAt'),
    expiresAt: optionalStr(o, 'expiresAt'),
    firstOpenedAt: optionalStr(o, 'firstOpenedAt'),
    lastOpenedAt: optionalStr(o, 'lastOpenedAt'),
    lastRemindedAt: optionalStr(o, 'lastRemindedAt'),
  };
}

const parseInvites = (value: unknown): FamilyInvite[] => list(value, parseFamilyInvite, 'invites');

function parsePerson(value: unknown): ReminderPerson {
  const o = record(value, 'person');
  return {
    id: str(o, 'id'),
    kind: oneOf(o, 'kind', PERSON_KINDS),
    displayName: str(o, 'displayName'),
    archived: o.archived === true,
    optedOut: o.optOut !== null && o.optOut !== undefined,
    steps: list(
      o.steps,
      (item) => {
        const s = record(item, 'step');
        return { step: str(s, 'step'), status: oneOf(s, 'status', STEP_STATUSES) };
      },
      'steps',
    ),
    chats: list(
      o.chats,
      (item) => {
        const c = record(item, 'chat');
        return { chatId: str(c, 'chatId'), status: oneOf(c, 'status', CHAT_STATUSES) };
      },
      'chats',
    ),
  };
}

/** The class roster as the links tab reads it: whom to remind, and the chats with their invitation links. */
export interface InvitesRoster extends ReminderRoster {
  chats: ChatSummary[];
}

function parseClassChat(value: unknown): ChatSummary {
  const c = record(value, 'chat');
  return {
    id: str(c, 'id'),
    kind: oneOf(c, 'kind', CHAT_KINDS),
    audience: oneOf(c, 'audience', CHAT_AUDIENCES),
    name: optionalStr(c, 'name'),
    classId: optionalStr(c, 'classId'),
    inviteUrl: optionalStr(c, 'inviteUrl'),
  };
}

/** The parts of the class roster the links tab needs, read from `GET /api/classes/:id/roster`. */
export function parseReminderRoster(value: unknown): InvitesRoster {
  const o = record(value, 'roster');
  return {
    pathId: oneOf(o, 'pathId', PATH_CATALOGUE.ids),
    chats: list(o.chats, parseClassChat, 'chats'),
    families: list(
      o.families,
      (item) => {
        const f = record(item, 'family');
        return { id: str(f, 'id'), people: [...list(f.students, parsePerson, 'students'), ...list(f.parents, parsePerson, 'parents')] };
      },
      'families',
    ),
  };
}

const classPath = (classId: string) => byId(API_ROUTES.classes, classId);

export const invitesKey = (classId: string) => ['invites', classId] as const;

export const invitesQuery = (classId: string) =>
  queryOptions({
    queryKey: [...invitesKey(classId), 'list'],
    queryFn: () => apiRequest(`${classPath(classId)}/invites`, { parse: parseInvites }),
  });

export const reminderRosterQuery = (classId: string) =>
  queryOptions({
    queryKey: [...invitesKey(classId), 'roster'],
    queryFn: () => apiRequest(`${classPath(classId)}/roster`, { parse: parseReminderRoster }),
  });

export function issueInvites(classId: string, request: IssueInvitesRequest): Promise<FamilyInvite[]> {
  return apiRequest(`${classPath(classId)}/invites`, { method: 'POST', body: request, parse: parseInvites });
}

export function revokeInvite(familyId: string): Promise<void> {
  return apiRequest(`/api/families/${encodeURIComponent(familyId)}/invite/revoke`, { method: 'POST' });
}

export function markReminded(familyId: string): Promise<void> {
  return apiRequest(`/api/families/${encodeURIComponent(familyId)}/reminded`, { method: 'POST' });
}

/** Stores a chat's invitation link pasted from MAX or Sferum; null removes it. */
export function setChatInvite(chatId: string, url: string | null): Promise<ChatSummary> {
  const body: SetChatInviteRequest = { url };
  return apiRequest(`/api/chats/${encodeURIComponent(chatId)}/invite-link`, { method: 'PUT', body, parse: parseClassChat });
}

/** The class teacher's contact for parents and the deadline, printed on the letters and shown on the parents' page. */
export function setParentInfo(classId: string, body: SetParentInfoRequest): Promise<SchoolClassSummary> {
  return apiRequest(`${classPath(classId)}/parent-info`, { method: 'PUT', body, parse: parseSchoolClass });
}
