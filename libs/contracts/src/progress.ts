import * as z from 'zod/mini';

/**
 * The states a person's onboarding is stored in. Which steps there are, and
 * which blocker reasons each offers, is the school's path (paths/catalogue.ts):
 * step ids and reason ids are that catalogue's, stored as text.
 */
export type StepId = string;
export type BlockerReason = string;

export const STEP_STATUSES = ['not_started', 'done', 'blocked'] as const;
export const StepStatusSchema = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const BLOCKER_NOTE_MAX_LENGTH = 500;

export const CHAT_KINDS = ['class', 'subject', 'school'] as const;
export const ChatKindSchema = z.enum(CHAT_KINDS);
export type ChatKind = z.infer<typeof ChatKindSchema>;

export const CHAT_STATUSES = ['not_joined', 'joined', 'blocked'] as const;
export const ChatStatusSchema = z.enum(CHAT_STATUSES);
export type ChatStatus = z.infer<typeof ChatStatusSchema>;

export const PERSON_KINDS = ['student', 'parent'] as const;
export const PersonKindSchema = z.enum(PERSON_KINDS);
export type PersonKind = z.infer<typeof PersonKindSchema>;

/** Who made a change, as history shows it; `member_list`: the teacher pasted a chat's member list from MAX or Sferum. */
export const PROGRESS_SOURCES = ['teacher', 'parent_link', 'import', 'admin', 'member_list'] as const;
export const ProgressSourceSchema = z.enum(PROGRESS_SOURCES);
export type ProgressSource = z.infer<typeof ProgressSourceSchema>;

/**
 * How a family that does not use Sferum/MAX hears from the school instead.
 * Opting out is a lawful choice (MAX is voluntary), recorded apart: never a blocker.
 */
export const OPT_OUT_CHANNELS = ['e_diary', 'paper', 'phone', 'other'] as const;
export const OptOutChannelSchema = z.enum(OPT_OUT_CHANNELS);
export type OptOutChannel = z.infer<typeof OptOutChannelSchema>;
export const OPT_OUT_NOTE_MAX_LENGTH = 500;

/**
 * Where a person stands as a whole, independent of the path:
 * connected = every step of the path done and their class chat joined;
 * opted_out = does not use Sferum/MAX (counted apart, never as a failure);
 * blocked = a step or their class chat blocked; in_progress = something done;
 * not_started = nothing yet.
 */
export const PERSON_STATUSES = ['connected', 'in_progress', 'blocked', 'not_started', 'opted_out'] as const;
export const PersonStatusSchema = z.enum(PERSON_STATUSES);
export type PersonStatus = z.infer<typeof PersonStatusSchema>;

/**
 * What the per-class counters count: each step of the school's path (by its
 * id), the three kinds of chat, and `overall`, the person's status as a whole.
 */
export const CHAT_ITEMS = ['chat_class', 'chat_subject', 'chat_school'] as const;
export type ChatItem = (typeof CHAT_ITEMS)[number];
export const OVERALL_ITEM = 'overall';
/** A step id of the school's path, a ChatItem, or OVERALL_ITEM. */
export type ProgressItem = string;

/** The status a counter row can carry: a step's, a chat's, or a person's as a whole; `opted_out` on every item of an opted-out person. */
export const CounterStatusSchema = z.union([StepStatusSchema, ChatStatusSchema, PersonStatusSchema]);
export type CounterStatus = z.infer<typeof CounterStatusSchema>;

/** A step's or a chat's status: what a change of either sets. */
export const ItemStatusSchema = z.union([StepStatusSchema, ChatStatusSchema]);
