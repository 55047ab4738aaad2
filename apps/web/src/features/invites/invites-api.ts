import {
  API_ROUTES,
  BLOCKER_REASONS,
  CHAT_KINDS,
  CHAT_STATUSES,
  MESSENGERS,
  PERSON_KINDS,
  STEP_IDS,
  STEP_STATUSES,
  type FamilyInvite,
  type InviteStatus,
  type IssueInvitesRequest,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import { byId } from '../../api/queries';
import { list, oneOf, oneOfOrNull, record, str, strOrNull } from '../parent/shape';
import type { ReminderRoster, ReminderPerson } from './reminders';

const INVITE_STATUSES: readonly InviteStatus[] = ['none', 'issued', 'opened', 'confirmed'];

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
    steps: list(o, 'steps').map((item) => {
      const s = record(item, 'step');
      return {
        step: oneOf(s.step, STEP_IDS, 'step'),
        status: oneOf(s.status, STEP_STATUSES, 'status'),
        blockerReason: oneOfOrNull(s.blockerReason, BLOCKER_REASONS, 'blockerReason'),
      };
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
    messenger: oneOf(o.messenger, MESSENGERS, 'messenger'),
    chats: list(o, 'chats').map((item) => {
      const c = record(item, 'chat');
      return { id: str(c, 'id'), kind: oneOf(c.kind, CHAT_KINDS, 'kind') };
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
