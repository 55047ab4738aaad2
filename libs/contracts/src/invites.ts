import type { BlockerReason, ChatKind, ChatStatus, Messenger, PersonKind, StepId, StepStatus } from './progress';

/** Where a family's personal link stands, as the teacher sees it. */
export type InviteStatus = 'none' | 'issued' | 'opened' | 'confirmed';

/** The header that carries a parent link's token from the web server to the API (never a URL). */
export const PARENT_TOKEN_HEADER = 'x-parent-token';

/** The parent page's path on the web app. */
export const parentPagePath = (token: string): string => `/p/${token}`;

export interface FamilyInvite {
  familyId: string;
  students: string[];
  parents: string[];
  status: InviteStatus;
  /** the full link, shown to the teacher again as often as needed; null without an active link */
  link: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  firstOpenedAt: string | null;
  lastOpenedAt: string | null;
  lastRemindedAt: string | null;
}

export interface IssueInvitesRequest {
  familyIds: string[];
  /** new links even where one is active: earlier letters and messages stop working */
  regenerate?: boolean;
}

export interface ParentStep {
  step: StepId;
  status: StepStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  /** who marked it: the parent or the school */
  markedBy: 'parent' | 'school' | null;
}

export interface ParentChat {
  chatId: string;
  kind: ChatKind;
  /** the subject of a subject chat */
  name: string | null;
  status: ChatStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
}

export interface ParentPerson {
  id: string;
  kind: PersonKind;
  displayName: string;
  /** "5А" for a student */
  className: string | null;
  steps: ParentStep[];
  chats: ParentChat[];
}

/** What a parent link shows: one family and nothing else. */
export interface ParentFamily {
  schoolName: string;
  messenger: Messenger;
  expiresAt: string;
  people: ParentPerson[];
}

export interface ParentStatusRequest {
  status: StepStatus | ChatStatus;
  blockerReason?: BlockerReason;
  blockerNote?: string;
}
