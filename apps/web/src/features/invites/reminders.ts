import {
  audienceIncludes,
  findStep,
  stepIdsOf,
  type ChatAudience,
  type ChatKind,
  type ChatStatus,
  type Localized,
  type OnboardingPath,
  type PersonKind,
  type StepId,
  type StepStatus,
} from '@sferum/contracts';

export interface ReminderPerson {
  id: string;
  kind: PersonKind;
  displayName: string;
  archived: boolean;
  /** does not use Sferum/MAX: a choice, never reminded */
  optedOut: boolean;
  steps: Array<{ step: StepId; status: StepStatus }>;
  chats: Array<{ chatId: string; status: ChatStatus }>;
}

export interface ReminderRoster {
  pathId: string;
  chats: Array<{ id: string; kind: ChatKind; audience: ChatAudience }>;
  families: Array<{ id: string; people: ReminderPerson[] }>;
}

/** What a person still has to do: a step of the path, or joining their class chat. */
export type MissingItem = { step: StepId } | { classChat: true };

export interface PersonToRemind {
  name: string;
  kind: PersonKind;
  missing: MissingItem[];
}

/** Archived people are gone from the class; the opted-out have made a choice to respect, not a step to chase. */
function remindable(person: ReminderPerson): boolean {
  return !person.archived && !person.optedOut;
}

/**
 * Families where someone has a step of the school's path not done or has not
 * joined their class chat, with what each person misses; children first.
 * Someone who does not use Sferum/MAX is left out, and so is a family where
 * nobody does.
 */
export function whomToRemind(roster: ReminderRoster, path: OnboardingPath): Map<string, PersonToRemind[]> {
  const classChats = roster.chats.filter((chat) => chat.kind === 'class');
  const result = new Map<string, PersonToRemind[]>();
  for (const family of roster.families) {
    const people: PersonToRemind[] = [];
    const ordered = [...family.people].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'student' ? -1 : 1));
    for (const person of ordered) {
      if (!remindable(person)) continue;
      const missing: MissingItem[] = stepIdsOf(path)
        .filter((step) => person.steps.find((state) => state.step === step)?.status !== 'done')
        .map((step) => ({ step }));
      // Only a class chat the class has for this kind of person (on MAX: with parents, with students).
      const ownChats = classChats.filter((chat) => audienceIncludes(chat.audience, person.kind)).map((chat) => chat.id);
      const inClassChat = person.chats.some((chat) => ownChats.includes(chat.chatId) && chat.status === 'joined');
      if (ownChats.length > 0 && !inClassChat) missing.push({ classChat: true });
      if (missing.length > 0) people.push({ name: person.displayName, kind: person.kind, missing });
    }
    if (people.length > 0) result.set(family.id, people);
  }
  return result;
}

/** Families where everyone (still in the class) has opted out: the school keeps them informed another way. */
export function optedOutFamilies(roster: ReminderRoster): Set<string> {
  return new Set(
    roster.families
      .filter((family) => {
        const present = family.people.filter((person) => !person.archived);
        return present.length > 0 && present.every((person) => person.optedOut);
      })
      .map((family) => family.id),
  );
}

/**
 * A title for the middle of a sentence: «Аккаунт в MAX» becomes «аккаунт в
 * MAX», while a name that starts with an abbreviation («VK ID») stays as it is.
 */
export function inSentence(title: string, locale: string): string {
  const [first = '', second = ''] = title;
  if (second !== '' && second === second.toLocaleUpperCase(locale) && second !== second.toLocaleLowerCase(locale))
    return title;
  return first.toLocaleLowerCase(locale) + title.slice(1);
}

/** The words for what is missing, from the school's path: a step's title, or the person's own class chat. */
export function missingItemTitle(path: OnboardingPath, item: MissingItem, kind: PersonKind): Localized | null {
  if ('classChat' in item) {
    return (
      (path.chats.classChats.find((chat) => audienceIncludes(chat.audience, kind)) ?? path.chats.classChats[0])
        ?.title ?? null
    );
  }
  return findStep(path, item.step)?.title ?? null;
}
