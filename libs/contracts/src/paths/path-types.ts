import * as z from 'zod/mini';
import type { ChatKind, PersonKind } from '../progress';

/** A text in both of the interface's languages. */
export interface Localized {
  ru: string;
  en: string;
}

/** A text that may differ for the student and for the parent; both are always written. */
export interface PerKind<T> {
  student: T;
  parent: T;
}

/** An official address a person needs for a step: the app, its web version, a site. */
export interface PathLink {
  /** stable within the path, e.g. `max_web` */
  id: string;
  label: Localized;
  /** always https */
  url: string;
}

/** Why someone is stuck, with what the parent can do and what the teacher can do. */
export interface PathBlocker {
  /** stable within the path, e.g. `role_not_confirmed` */
  id: string;
  label: Localized;
  /** shown on the parent page and the letter */
  parentAdvice: Localized;
  /** shown to the teacher beside the person */
  teacherAdvice: Localized;
}

export interface PathStep {
  /** stored in `person_step.step`; lower-case letters, digits and `_` */
  id: string;
  title: Localized;
  /** what to do, for the student and for the parent */
  howTo: PerKind<Localized>;
  hints: PerKind<Localized[]>;
  links: PathLink[];
  /** ids of `OnboardingPath.blockers` that apply to this step */
  blockers: string[];
}

/** Who a class chat is for: everyone of the class, or only its students or parents. */
export const CHAT_AUDIENCES = ['all', 'students', 'parents'] as const;
export const ChatAudienceSchema = z.enum(CHAT_AUDIENCES);
export type ChatAudience = z.infer<typeof ChatAudienceSchema>;

/** One chat of the path: the chats a class has, the subject chats, the school chat. */
export interface PathChat {
  kind: ChatKind;
  audience: ChatAudience;
  title: Localized;
}

export interface PathChats {
  /** the class chats a class has on this path (one for everyone, or one with parents and one with students) */
  classChats: [PathChat, ...PathChat[]];
  subject: PathChat;
  school: PathChat;
  /** how one joins a chat, for the student and for the parent */
  howTo: PerKind<Localized>;
  hints: PerKind<Localized[]>;
  /** ids of `OnboardingPath.blockers` that apply to the chats */
  blockers: string[];
}

/**
 * An onboarding path: the steps a school's families walk to get into the
 * school's chats, in order. Data, not code: a region's own procedure is one
 * more entry in the catalogue (see paths/catalogue.ts).
 */
export interface OnboardingPath {
  /** stored in `school.path_id`; lower-case letters, digits and `_` */
  id: string;
  name: Localized;
  /** the app the chats live in: "MAX", "VK Мессенджер" */
  appName: Localized;
  /** an older path, kept for schools that still use it */
  legacy: boolean;
  /** one or two sentences for the school page and the switch dialog */
  description: Localized;
  steps: PathStep[];
  chats: PathChats;
  /** every reason a step or chat of this path can name */
  blockers: PathBlocker[];
  /** what goes wrong most often, folded on the parent page and printed on the letter */
  pitfalls: Localized[];
  /** https hosts whose chat invitation links the school may paste */
  inviteHosts: string[];
}

/** Which chats of a class a person belongs in, by kind of person. */
export function audienceIncludes(audience: ChatAudience, kind: PersonKind): boolean {
  return audience === 'all' || (audience === 'students' ? kind === 'student' : kind === 'parent');
}
