import {
  API_ROUTES,
  CHAT_AUDIENCES,
  CHAT_KINDS,
  CHAT_STATUSES,
  PATH_CATALOGUE,
  PERSON_KINDS,
  STEP_STATUSES,
  type FamilyInvite,
  type InviteStatus,
  type IssueInvitesRequest,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import { num } from '../../api/parse';
import { byId } from '../../api/queries';
import { list, oneOf, record, str, strOrNull } from '../parent/shape';
import type { ReminderRoster, ReminderPerson } from './reminders';

const INVITE_STATUSES: readonly InviteStatus[] = ['none', 'issued', 'opened', 'confirmed', 'problem', 'opted_out'];

function strings(o: Record<string, unknown>, key: string): string[] {
  return list(o, key).map((item) => {
    if (typeof item !== 'string') throw new TypeError(`Unexpected API response: ${key}`);
    return item;
  });
}

export function parseFamilyInvite(value: unknown): FamilyInvite {
  const o = record(value, 'invite');
  return {
    familyId: str(o, 'familyId'),
    students: strings(o, 'students'),
    parents: strings(o, 'parents'),
    status: oneOf(o.status, INVITE_STATUSES, 'status'),
    link: strOrNull(o, 'link'),
    code: strOrNull(o, 'code'),
    shortAddress: str(o, 'shortAddress'),
    problems: num(o, 'problems'),
    optedOut: num(o, 'optedOut'),
    issuedAt: strOrNull(o, 'issuedAt'),
    expiresAt: strOrNull(o, 'expiresAt'),
    firstOpenedAt: strOrNull(o, 'firstOpenedAt'),
    lastOpenedAt: strOrNull(o, 'lastOpenedAt'),
    lastRemindedAt: strOrNull(o, 'lastRemindedAt'),
  };
}

const parseInvites = (value: unknown): FamilyInvite[] => {
  if (!Array.isArray(value)) throw new TypeError('Unexpected API response: invites');
  return value.map(parseFamilyInvite);
};

function parsePerson(value: unknown): ReminderPerson {
  const o = record(value, 'person');
  return {
    id: str(o, 'id'),
    kind: oneOf(o.kind, PERSON_KINDS, 'kind'),
    displayName: str(o, 'displayName'),
    archived: o.archived === true,
    optedOut: o.optOut !== null && o.optOut !== undefined,
    steps: list(o, 'steps').map((item) => {
      const s = record(item, 'step');
      return { step: str(s, 'step'), status: oneOf(s.status, STEP_STATUSES, 'status') };
    }),
    chats: list(o, 'chats').map((item) => {
      const c = record(item, 'chat');
      return { chatId: str(c, 'chatId'), status: oneOf(c.status, CHAT_STATUSES, 'status') };
    }),
  };
}

/** The parts of the class roster that say whom to remind, read from `GET /api/classes/:id/roster`. */
export function parseReminderRoster(value: unknown): ReminderRoster {
  const o = record(value, 'roster');
  return {
    pathId: oneOf(o.pathId, PATH_CATALOGUE.ids, 'pathId'),
    chats: list(o, 'chats').map((item) => {
      const c = record(item, 'chat');
      return { id: str(c, 'id'), kind: oneOf(c.kind, CHAT_KINDS, 'kind'), audience: oneOf(c.audience, CHAT_AUDIENCES, 'audience') };
    }),
    families: list(o, 'families').map((item) => {
      const f = record(item, 'family');
      return { id: str(f, 'id'), people: [...list(f, 'students'), ...list(f, 'parents')].map(parsePerson) };
    }),
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
