import * as z from 'zod/mini';
import { ChatAudienceSchema } from './paths/path-types';
import { ChatKindSchema, OptOutChannelSchema, PersonKindSchema, ProgressSourceSchema } from './progress';

/**
 * What changed in a class since a staff member last looked: the history
 * (`progress_event`) since their last visit, as it still holds now.
 * - marked: a step marked done or a chat joined (and still so);
 * - blocked: a problem reported on a step or a chat (and still unsolved);
 * - opted_out: the person chose not to use Sferum/MAX (and still does).
 * The caller's own changes are not news to them and are left out.
 */
export const CHANGE_KINDS = ['marked', 'blocked', 'opted_out'] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/** With no visit recorded, the summary covers this many days before now. */
export const FIRST_VISIT_DAYS = 7;
/** The longest list of changes a summary carries; `counts` count them all. */
export const CHANGES_LIST_LIMIT = 50;

/** Families (not people: a parent marks for the whole family) with a change of each kind. */
export const ChangeCountsSchema = z.object({
  marked: z.number(),
  blocked: z.number(),
  optedOut: z.number(),
});
export type ChangeCounts = z.infer<typeof ChangeCountsSchema>;

/** A step or a chat a change was about. */
export const ChangedItemSchema = z.object({
  /** a step id of `pathId`, or null for a chat */
  step: z.nullable(z.string()),
  chat: z.nullable(
    z.object({
      kind: ChatKindSchema,
      audience: ChatAudienceSchema,
      /** the subject, for a subject chat */
      name: z.nullable(z.string()),
    }),
  ),
  /** the reason given, for a problem */
  blockerReason: z.nullable(z.string()),
});
export type ChangedItem = z.infer<typeof ChangedItemSchema>;

/** One person's change of one kind: what they marked, what blocks them, or that they opted out. */
export const ClassChangeSchema = z.object({
  kind: ChangeKindSchema,
  personId: z.string(),
  familyId: z.string(),
  personKind: PersonKindSchema,
  personName: z.string(),
  /** the family's students in this class: whose parent a parent is */
  studentNames: z.array(z.string()),
  /** the path the change was made on: its steps are `items`' steps */
  pathId: z.string(),
  /** oldest first, each once */
  items: z.array(ChangedItemSchema),
  /** how an opted-out person hears from the school instead */
  channel: z.nullable(OptOutChannelSchema),
  /** who made the latest of these changes: the family through its link, a colleague, an import */
  source: ProgressSourceSchema,
  /** the latest of these changes */
  at: z.string(),
});
export type ClassChange = z.infer<typeof ClassChangeSchema>;

/** GET /api/classes/:classId/changes: what changed since the caller's last visit. */
export const ClassChangesSchema = z.object({
  classId: z.string(),
  /** the caller's last visit; null when they have none */
  seenAt: z.nullable(z.string()),
  /** the start of the window: seenAt, or FIRST_VISIT_DAYS before asOf on a first visit */
  since: z.string(),
  /** the end of the window: what to send as the visit when the summary has been shown */
  asOf: z.string(),
  counts: ChangeCountsSchema,
  /** newest first, at most CHANGES_LIST_LIMIT */
  changes: z.array(ClassChangeSchema),
});
export type ClassChanges = z.infer<typeof ClassChangesSchema>;

/** PUT /api/classes/:classId/seen: the caller has seen the class as of `seenAt` (the summary's asOf). */
export interface MarkClassSeenRequest {
  seenAt: string;
}

export const ClassSeenSchema = z.object({
  classId: z.string(),
  /** the visit recorded: never earlier than one recorded before, never later than now */
  seenAt: z.string(),
});
export type ClassSeen = z.infer<typeof ClassSeenSchema>;

/** People of one kind in a class as a whole (PERSON_STATUSES), from the class counters. */
export const OverviewKindCountsSchema = z.object({
  people: z.number(),
  /** people who did not opt out: the base of "N из M" */
  participants: z.number(),
  connected: z.number(),
  blocked: z.number(),
  optedOut: z.number(),
});
export type OverviewKindCounts = z.infer<typeof OverviewKindCountsSchema>;

/** One class card of GET /api/class-overview. */
export const ClassOverviewSchema = z.object({
  classId: z.string(),
  /** the school's onboarding path */
  pathId: z.string(),
  students: OverviewKindCountsSchema,
  parents: OverviewKindCountsSchema,
  seenAt: z.nullable(z.string()),
  since: z.string(),
  /** families with news since `since` */
  changes: ChangeCountsSchema,
});
export type ClassOverview = z.infer<typeof ClassOverviewSchema>;

export const ClassOverviewListSchema = z.object({
  asOf: z.string(),
  classes: z.array(ClassOverviewSchema),
});
export type ClassOverviewList = z.infer<typeof ClassOverviewListSchema>;
