/**
 * The path every student and parent walks, in order (see docs/domain.md):
 * a VK ID, the Sferum profile, the messenger app; then the chats.
 */
export const STEP_IDS = ['vk_id', 'sferum_profile', 'messenger'] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_STATUSES = ['not_started', 'done', 'blocked'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Why someone is stuck. `other` comes with a short note. */
export const BLOCKER_REASONS = [
  'shared_phone',
  'forgot_password',
  'no_smartphone',
  'no_vk_page_wanted',
  'refuses_sferum',
  'other',
] as const;
export type BlockerReason = (typeof BLOCKER_REASONS)[number];

export const BLOCKER_NOTE_MAX_LENGTH = 500;

export const CHAT_KINDS = ['class', 'subject', 'school'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export const CHAT_STATUSES = ['not_joined', 'joined', 'blocked'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** Which app a school's families use for the chats; it changes the texts, not the data. */
export const MESSENGERS = ['vk_messenger', 'max'] as const;
export type Messenger = (typeof MESSENGERS)[number];

export const PERSON_KINDS = ['student', 'parent'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** Who made a change, as history shows it. */
export const PROGRESS_SOURCES = ['teacher', 'parent_link', 'import', 'admin'] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];

/** What the per-class counters count: the three steps and the three kinds of chat. */
export const PROGRESS_ITEMS = ['vk_id', 'sferum_profile', 'messenger', 'chat_class', 'chat_subject', 'chat_school'] as const;
export type ProgressItem = (typeof PROGRESS_ITEMS)[number];

/** The steps before `step` on the path; done `step` implies all of them done. */
export function stepsBefore(step: StepId): StepId[] {
  return STEP_IDS.slice(0, STEP_IDS.indexOf(step));
}

/** The steps after `step`; they cannot stay done once `step` is not. */
export function stepsAfter(step: StepId): StepId[] {
  return STEP_IDS.slice(STEP_IDS.indexOf(step) + 1);
}
