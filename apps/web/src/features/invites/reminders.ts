import {
  audienceIncludes,
  findBlocker,
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
import type { createTranslator } from 'next-intl';
import type { Messages } from '../../i18n/messages';
import type { AppLocale } from '../../i18n/routing';
import { deadlineDay } from './letters-model';

/** What a person reported as blocking a step or their class chat: a reason of the path, and their own words. */
export interface ReportedProblem {
  /** an id of `OnboardingPath.blockers`; null when someone marked it blocked without one */
  reason: string | null;
  note: string | null;
}

interface ItemState<Status> {
  status: Status;
  blockerReason: string | null;
  blockerNote: string | null;
}

export interface ReminderPerson {
  id: string;
  kind: PersonKind;
  displayName: string;
  archived: boolean;
  /** does not use Sferum/MAX: a choice, never reminded */
  optedOut: boolean;
  steps: Array<{ step: StepId } & ItemState<StepStatus>>;
  chats: Array<{ chatId: string } & ItemState<ChatStatus>>;
}

export interface ReminderRoster {
  pathId: string;
  chats: Array<{ id: string; kind: ChatKind; audience: ChatAudience; inviteUrl: string | null }>;
  families: Array<{ id: string; people: ReminderPerson[] }>;
}

/** What a person still has to do: a step of the path, or joining their class chat; with the problem they reported. */
export type MissingItem = ({ step: StepId } | { classChat: true }) & { problem?: ReportedProblem };

export interface PersonToRemind {
  name: string;
  kind: PersonKind;
  missing: MissingItem[];
}

/** Archived people are gone from the class; the opted-out have made a choice to respect, not a step to chase. */
function remindable(person: ReminderPerson): boolean {
  return !person.archived && !person.optedOut;
}

function problemOf(state: ItemState<StepStatus | ChatStatus> | undefined): { problem?: ReportedProblem } {
  return state?.status === 'blocked' ? { problem: { reason: state.blockerReason, note: state.blockerNote } } : {};
}

/** The class chats the class has for this kind of person (on MAX: with parents, with students). */
function ownClassChats(chats: ReminderRoster['chats'], kind: PersonKind) {
  return chats.filter((chat) => chat.kind === 'class' && audienceIncludes(chat.audience, kind));
}

/**
 * Families where someone has a step of the school's path not done or has not
 * joined their class chat, with what each person misses and what they
 * reported as blocking it; children first. Someone who does not use
 * Sferum/MAX is left out, and so is a family where nobody does.
 */
export function whomToRemind(roster: ReminderRoster, path: OnboardingPath): Map<string, PersonToRemind[]> {
  const result = new Map<string, PersonToRemind[]>();
  for (const family of roster.families) {
    const people: PersonToRemind[] = [];
    const ordered = [...family.people].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'student' ? -1 : 1));
    for (const person of ordered) {
      if (!remindable(person)) continue;
      const missing: MissingItem[] = [];
      for (const step of stepIdsOf(path)) {
        const state = person.steps.find((entry) => entry.step === step);
        if (state?.status !== 'done') missing.push({ step, ...problemOf(state) });
      }
      const ownChats = ownClassChats(roster.chats, person.kind).map((chat) => chat.id);
      const memberships = person.chats.filter((chat) => ownChats.includes(chat.chatId));
      if (ownChats.length > 0 && !memberships.some((chat) => chat.status === 'joined'))
        missing.push({ classChat: true, ...problemOf(memberships.find((chat) => chat.status === 'blocked')) });
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

/** Families with at least one person still in the class: none means the class list is still to be added. */
export function presentFamilies(roster: ReminderRoster): number {
  return roster.families.filter((family) => family.people.some((person) => !person.archived)).length;
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

/** The reminders' texts: `useTranslations('reminders')` in a component, `createTranslator` in a test. */
export type RemindersT = ReturnType<typeof createTranslator<Messages, 'reminders'>>;

/** What one family's reminder is made of. */
export interface FamilyReminder {
  path: OnboardingPath;
  people: PersonToRemind[];
  /** the family's personal link and its short code, typed at `shortAddress` */
  link: string;
  code: string | null;
  shortAddress: string;
  /** the class chats' invitation links pasted by the teacher, by audience */
  chats: ReminderRoster['chats'];
  /** YYYY-MM-DD: by when the class asks families to be in the chats; null for none, or once it has passed */
  deadline: string | null;
}

/** «до 20 декабря», while the class's deadline is today or later; a date gone by asks nothing of anyone. */
export function deadlineAhead(deadline: string | null, today: string): string | null {
  return deadline !== null && deadline >= today ? deadline : null;
}

function itemWords(path: OnboardingPath, item: MissingItem, kind: PersonKind, locale: AppLocale): string {
  const title = missingItemTitle(path, item, kind);
  return title ? inSentence(title[locale], locale) : 'step' in item ? item.step : '';
}

function list(items: string[], locale: AppLocale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/** A reported reason the path knows, apart from "something else": only those come with advice. */
function knownReason(path: OnboardingPath, problem: ReportedProblem) {
  return problem.reason === null || problem.reason === 'other' ? undefined : findBlocker(path, problem.reason);
}

/**
 * The family's problems grouped by reason, in the order first reported: the
 * reason's label, its advice for the family and for the teacher, and who is
 * stuck at what ("Соколова Дарья Андреевна — школьный профиль в MAX").
 */
export function familyProblems(path: OnboardingPath, people: PersonToRemind[], locale: AppLocale) {
  const groups = new Map<
    string,
    {
      label: string | null;
      parentAdvice: string | null;
      teacherAdvice: string | null;
      notes: string[];
      where: string[];
    }
  >();
  for (const person of people) {
    for (const item of person.missing) {
      if (!item.problem) continue;
      const blocker = knownReason(path, item.problem);
      const key = blocker?.id ?? 'other';
      const group = groups.get(key) ?? {
        label: blocker?.label[locale] ?? null,
        parentAdvice: blocker?.parentAdvice[locale] ?? null,
        teacherAdvice: blocker?.teacherAdvice[locale] ?? null,
        notes: [],
        where: [],
      };
      group.where.push(`${person.name} — ${itemWords(path, item, person.kind, locale)}`);
      const note = item.problem.note?.trim();
      if (note && !group.notes.includes(note)) group.notes.push(note);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/**
 * The family's line in the list, in a few words: what is missing (the class
 * chats named once) and the first reported problem, if any.
 */
export function reminderLine(
  t: RemindersT,
  locale: AppLocale,
  path: OnboardingPath,
  people: PersonToRemind[],
): { missing: string; problem: string | null } {
  const words: string[] = [];
  for (const person of people)
    for (const item of person.missing) {
      const text = 'classChat' in item ? t('line.classChat') : itemWords(path, item, person.kind, locale);
      if (!words.includes(text)) words.push(text);
    }
  const problems = familyProblems(path, people, locale);
  const first = problems[0];
  const problem = first
    ? t('line.problem', {
        label: first.label ?? first.notes[0] ?? t('line.otherProblem'),
        more: problems.length - 1,
      })
    : null;
  return { missing: t('line.missing', { items: words.join(', ') }), problem };
}

/**
 * The message for one family: what is left for whom, what they reported and
 * the advice for it, the chat invitation where someone misses a class chat,
 * and the family's own link and code. Plain text for any messenger.
 */
export function reminderMessage(t: RemindersT, locale: AppLocale, reminder: FamilyReminder): string {
  const { path, people } = reminder;
  const paragraphs: string[] = [`${t('text.greeting')} ${t('text.intro', { path: path.id })}`];

  paragraphs.push(
    [
      t('text.left'),
      ...people.map((person) =>
        t('text.personLine', {
          name: person.name,
          items: list(
            person.missing.map((item) => itemWords(path, item, person.kind, locale)),
            locale,
          ),
        }),
      ),
    ].join('\n'),
  );

  const by = reminder.deadline ? deadlineDay(reminder.deadline, locale) : null;
  if (by) paragraphs.push(t('text.deadline', { date: by }));

  for (const problem of familyProblems(path, people, locale)) {
    const where = problem.where.join('; ');
    if (problem.label && problem.parentAdvice)
      paragraphs.push(t('text.problem', { label: problem.label, where, advice: problem.parentAdvice }));
    else if (problem.notes.length > 0)
      paragraphs.push(t('text.problemNote', { note: problem.notes.join('; '), where }));
    else paragraphs.push(t('text.problemOther', { where }));
  }

  const invites = new Set<string>();
  for (const person of people) {
    if (!person.missing.some((item) => 'classChat' in item)) continue;
    for (const chat of ownClassChats(reminder.chats, person.kind)) {
      if (!chat.inviteUrl) continue;
      const title = path.chats.classChats.find((entry) => entry.audience === chat.audience)?.title[locale];
      invites.add(
        t('text.chatInvite', {
          audience: chat.audience,
          chat: inSentence(title ?? t('line.classChat'), locale),
          url: chat.inviteUrl,
        }),
      );
    }
  }
  if (invites.size > 0) paragraphs.push([...invites].join('\n'));

  paragraphs.push(
    [
      t('text.link', { link: reminder.link }),
      reminder.code ? t('text.code', { address: reminder.shortAddress, code: reminder.code }) : null,
    ]
      .filter((line) => line !== null)
      .join('\n'),
  );
  paragraphs.push(t('text.voluntary', { path: path.id }));
  return paragraphs.join('\n\n');
}

/**
 * The text for the class chat, the same for every family: what the steps are,
 * what goes wrong most often, and to ask the teacher for the family's own
 * link or code. No names and no personal link: everyone in the chat reads it.
 */
export function classChatMessage(
  t: RemindersT,
  locale: AppLocale,
  path: OnboardingPath,
  shortAddress: string,
  deadline: string | null,
): string {
  const steps = list(
    path.steps.map((step) => inSentence(step.title[locale], locale)),
    locale,
  );
  const by = deadline ? deadlineDay(deadline, locale) : null;
  return [
    `${t('text.greeting')} ${t('text.intro', { path: path.id })}`,
    t('chatText.steps', { steps }) + (by ? ` ${t('chatText.deadline', { date: by })}` : ''),
    [t('chatText.pitfalls'), ...path.pitfalls.map((pitfall) => `— ${pitfall[locale]}`)].join('\n'),
    t('chatText.askCode', { address: shortAddress }),
    t('chatText.voluntary', { path: path.id }),
  ].join('\n\n');
}
