import {
  apiPath,
  ChatSummarySchema,
  FamilyInviteListSchema,
  FamilyInviteSchema,
  RosterPersonSchema,
  ROUTES,
  type ChatSummary,
  type FamilyInvite,
  type IssueInvitesRequest,
  type SchoolClassSummary,
  type SetChatInviteRequest,
  type SetParentInfoRequest,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiRequest } from '../../api/api-client';
import { knownPath, parserOf, parseSchoolClass, type Parser } from '../../api/parse';
import type { ReminderRoster } from './reminders';

export const parseFamilyInvite = parserOf(FamilyInviteSchema);
const parseInvites = parserOf(FamilyInviteListSchema);
const parseClassChat = parserOf(ChatSummarySchema);

/** The class roster as the links tab reads it: whom to remind, and the chats with their invitation links. */
export interface InvitesRoster extends ReminderRoster {
  chats: ChatSummary[];
}

/** Of the roster's people only what a reminder needs: the tab works without the rest. */
const ReminderPersonSchema = z.pick(RosterPersonSchema, {
  id: true,
  kind: true,
  displayName: true,
  archived: true,
  steps: true,
  chats: true,
  optOut: true,
});

const ReminderRosterSchema = z.object({
  pathId: z.string(),
  chats: z.array(ChatSummarySchema),
  families: z.array(
    z.object({ id: z.string(), students: z.array(ReminderPersonSchema), parents: z.array(ReminderPersonSchema) }),
  ),
});

const parseRosterPart = parserOf(ReminderRosterSchema, knownPath);

/** The parts of the class roster the links tab needs, read from `GET /api/classes/:id/roster`. */
export const parseReminderRoster: Parser<InvitesRoster> = (value) => {
  const { pathId, chats, families } = parseRosterPart(value);
  return {
    pathId,
    chats,
    families: families.map(({ id, students, parents }) => ({
      id,
      people: [...students, ...parents].map(({ optOut, steps, chats: memberships, ...person }) => ({
        ...person,
        optedOut: optOut !== null,
        steps: steps.map(({ step, status, blockerReason, blockerNote }) => ({
          step,
          status,
          blockerReason,
          blockerNote,
        })),
        chats: memberships.map(({ chatId, status, blockerReason, blockerNote }) => ({
          chatId,
          status,
          blockerReason,
          blockerNote,
        })),
      })),
    })),
  };
};

export const invitesKey = (classId: string) => ['invites', classId] as const;

export const invitesQuery = (classId: string) =>
  queryOptions({
    queryKey: [...invitesKey(classId), 'list'],
    queryFn: () => apiRequest(apiPath(ROUTES.classes.invites, { classId }), { parse: parseInvites }),
  });

export const reminderRosterQuery = (classId: string) =>
  queryOptions({
    queryKey: [...invitesKey(classId), 'roster'],
    queryFn: () => apiRequest(apiPath(ROUTES.classes.roster, { classId }), { parse: parseReminderRoster }),
  });

export function issueInvites(classId: string, request: IssueInvitesRequest): Promise<FamilyInvite[]> {
  return apiRequest(apiPath(ROUTES.classes.invites, { classId }), {
    method: 'POST',
    body: request,
    parse: parseInvites,
  });
}

export function revokeInvite(familyId: string): Promise<void> {
  return apiRequest(apiPath(ROUTES.families.inviteRevoke, { familyId }), { method: 'POST' });
}

export function markReminded(familyId: string): Promise<void> {
  return apiRequest(apiPath(ROUTES.families.reminded, { familyId }), { method: 'POST' });
}

/** Stores a chat's invitation link pasted from MAX or Sferum; null removes it. */
export function setChatInvite(chatId: string, url: string | null): Promise<ChatSummary> {
  const body: SetChatInviteRequest = { url };
  return apiRequest(apiPath(ROUTES.chats.inviteLink, { chatId }), { method: 'PUT', body, parse: parseClassChat });
}

/** The class teacher's contact for parents and the deadline, printed on the letters and shown on the parents' page. */
export function setParentInfo(classId: string, body: SetParentInfoRequest): Promise<SchoolClassSummary> {
  return apiRequest(apiPath(ROUTES.classes.parentInfo, { classId }), { method: 'PUT', body, parse: parseSchoolClass });
}
