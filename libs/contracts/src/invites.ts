import type { ChatAudience } from './paths/path-types';
import type { BlockerReason, ChatKind, ChatStatus, PersonKind, StepId, StepStatus } from './progress';
import type { OptOut } from './roster';

/**
 * Where a family's personal link stands, as the teacher sees it: none, issued,
 * opened, confirmed (a step marked through it); `problem`: someone of the
 * family reported through it what blocks them; `opted_out`: everyone of the
 * family said they will not use Sferum/MAX.
 */
export type InviteStatus = 'none' | 'issued' | 'opened' | 'confirmed' | 'problem' | 'opted_out';

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
  /** the short code of the same link ("K7MQ-4XTD-9RZE"), typed at `shortAddress`; null without an active link */
  code: string | null;
  /** `<site>/p`, where the code is typed */
  shortAddress: string;
  /** blocked steps and chats the family's people reported through the link, now */
  problems: number;
  /** people of the family who do not use Sferum/MAX */
  optedOut: number;
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
  /** when it last changed; null while untouched. The parent's form sends it back as `seen`. */
  updatedAt: string | null;
}

export interface ParentChat {
  chatId: string;
  kind: ChatKind;
  audience: ChatAudience;
  /** the subject of a subject chat */
  name: string | null;
  status: ChatStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  markedBy: 'parent' | 'school' | null;
  updatedAt: string | null;
  /** the chat's invitation link, pasted by the teacher from MAX or Sferum; null while there is none */
  inviteUrl: string | null;
}

export interface ParentPerson {
  id: string;
  kind: PersonKind;
  displayName: string;
  /** "5А" for a student */
  className: string | null;
  steps: ParentStep[];
  chats: ParentChat[];
  optOut: OptOut | null;
}

/** What a parent link shows: one family and nothing else. */
export interface ParentFamily {
  schoolName: string;
  /** the school's onboarding path (paths/catalogue.ts) */
  pathId: string;
  /** the school's own note per step */
  stepNotes: Record<string, string>;
  /** the classes of the family's children, with how to reach the class teacher and the deadline */
  classes: ParentClass[];
  expiresAt: string;
  people: ParentPerson[];
}

export interface ParentClass {
  /** "5А" */
  className: string;
  /** the class teachers' names */
  teachers: string[];
  /** what the class teacher wrote for parents: how to reach them */
  parentContact: string | null;
  /** YYYY-MM-DD: by when the school asks families to be in the chats */
  deadline: string | null;
}

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
