import * as z from 'zod/mini';
import { ChatAudienceSchema } from './paths/path-types';
import {
  ChatKindSchema,
  ChatStatusSchema,
  PersonKindSchema,
  StepStatusSchema,
  type BlockerReason,
  type ChatStatus,
  type StepStatus,
} from './progress';
import { OptOutSchema } from './roster';

/**
 * Where a family's personal link stands, as the teacher sees it: none, issued,
 * opened, confirmed (a step marked through it); `problem`: someone of the
 * family reported through it what blocks them; `opted_out`: everyone of the
 * family said they will not use Sferum/MAX.
 */
export const INVITE_STATUSES = ['none', 'issued', 'opened', 'confirmed', 'problem', 'opted_out'] as const;
export const InviteStatusSchema = z.enum(INVITE_STATUSES);
export type InviteStatus = z.infer<typeof InviteStatusSchema>;

/** The header that carries a parent link's token from the web server to the API (never a URL). */
export const PARENT_TOKEN_HEADER = 'x-parent-token';

/** The parent page's path on the web app. */
export const parentPagePath = (token: string): string => `/p/${token}`;

export const FamilyInviteSchema = z.object({
  familyId: z.string(),
  students: z.array(z.string()),
  parents: z.array(z.string()),
  status: InviteStatusSchema,
  /** the full link, shown to the teacher again as often as needed; null without an active link */
  link: z.nullable(z.string()),
  /** the short code of the same link ("K7MQ-4XTD-9RZE"), typed at `shortAddress`; null without an active link */
  code: z.nullable(z.string()),
  /** `<site>/p`, where the code is typed */
  shortAddress: z.string(),
  /** blocked steps and chats the family's people reported through the link, now */
  problems: z.number(),
  /** people of the family who do not use Sferum/MAX */
  optedOut: z.number(),
  issuedAt: z.nullable(z.string()),
  expiresAt: z.nullable(z.string()),
  firstOpenedAt: z.nullable(z.string()),
  lastOpenedAt: z.nullable(z.string()),
  lastRemindedAt: z.nullable(z.string()),
});
export type FamilyInvite = z.infer<typeof FamilyInviteSchema>;
export const FamilyInviteListSchema = z.array(FamilyInviteSchema);

export interface IssueInvitesRequest {
  familyIds: string[];
  /** new links even where one is active: earlier letters and messages stop working */
  regenerate?: boolean;
}

/** Who marked a step or chat, as the parent's page tells it. */
export const MarkedBySchema = z.nullable(z.enum(['parent', 'school']));

export const ParentStepSchema = z.object({
  step: z.string(),
  status: StepStatusSchema,
  blockerReason: z.nullable(z.string()),
  blockerNote: z.nullable(z.string()),
  /** who marked it: the parent or the school */
  markedBy: MarkedBySchema,
  /** when it last changed; null while untouched. The parent's form sends it back as `seen`. */
  updatedAt: z.nullable(z.string()),
});
export type ParentStep = z.infer<typeof ParentStepSchema>;

export const ParentChatSchema = z.object({
  chatId: z.string(),
  kind: ChatKindSchema,
  audience: ChatAudienceSchema,
  /** the subject of a subject chat */
  name: z.nullable(z.string()),
  status: ChatStatusSchema,
  blockerReason: z.nullable(z.string()),
  blockerNote: z.nullable(z.string()),
  markedBy: MarkedBySchema,
  updatedAt: z.nullable(z.string()),
  /** the chat's invitation link, pasted by the teacher from MAX or Sferum; null while there is none */
  inviteUrl: z.nullable(z.string()),
});
export type ParentChat = z.infer<typeof ParentChatSchema>;

export const ParentPersonSchema = z.object({
  id: z.string(),
  kind: PersonKindSchema,
  displayName: z.string(),
  /** "5А" for a student */
  className: z.nullable(z.string()),
  steps: z.array(ParentStepSchema),
  chats: z.array(ParentChatSchema),
  optOut: z.nullable(OptOutSchema),
});
export type ParentPerson = z.infer<typeof ParentPersonSchema>;

export const ParentClassSchema = z.object({
  /** "5А" */
  className: z.string(),
  /** the class teachers' names */
  teachers: z.array(z.string()),
  /** what the class teacher wrote for parents: how to reach them */
  parentContact: z.nullable(z.string()),
  /** YYYY-MM-DD: by when the school asks families to be in the chats */
  deadline: z.nullable(z.string()),
});
export type ParentClass = z.infer<typeof ParentClassSchema>;

/** What a parent link shows: one family and nothing else. */
export const ParentFamilySchema = z.object({
  schoolName: z.string(),
  /** the school's onboarding path (paths/catalogue.ts) */
  pathId: z.string(),
  /** the school's own note per step */
  stepNotes: z.record(z.string(), z.string()),
  /** the classes of the family's children, with how to reach the class teacher and the deadline */
  classes: z.array(ParentClassSchema),
  expiresAt: z.string(),
  people: z.array(ParentPersonSchema),
});
export type ParentFamily = z.infer<typeof ParentFamilySchema>;

/** What the parent's page showed for the item: a change by the school since then is not overwritten silently. */
export interface SeenState {
  status: StepStatus | ChatStatus;
  updatedAt: string | null;
}

export interface ParentStatusRequest {
  status: StepStatus | ChatStatus;
  blockerReason?: BlockerReason;
  blockerNote?: string;
  /** what the page showed; without it (the "confirm anyway" button) the change is made whatever the school marked */
  seen?: SeenState;
}

/** The teacher pastes a chat's invitation link (PUT /api/chats/:chatId/invite-link); null removes it. */
export interface SetChatInviteRequest {
  url: string | null;
}
