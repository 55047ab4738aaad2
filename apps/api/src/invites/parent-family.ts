import {
  formatClassName,
  stepIdsOf,
  type ChatKind,
  type OnboardingPath,
  type ParentFamily,
  type ParentStep,
  type ProgressSource,
} from '@sferum/contracts';
import type { FamilyRow } from './parent-page.repository';

/**
 * The parent's page from its one row (ParentPageRepository.family): steps in
 * the order of the school's path (a step the path no longer has goes last),
 * who marked each item, chats named. Pure, so that the benchmark's bare
 * baseline maps the same way.
 */
export function toParentFamily(row: FamilyRow, path: OnboardingPath, expiresAt: Date): ParentFamily {
  const order = new Map(stepIdsOf(path).map((id, index) => [id, index]));
  const rank = (step: string) => order.get(step) ?? order.size;
  return {
    schoolName: row.school_name,
    pathId: path.id,
    stepNotes: row.step_notes,
    classes: row.classes.map((c) => ({
      className: formatClassName(c.grade, c.letter),
      teachers: c.teachers,
      parentContact: c.parentContact,
      deadline: c.deadline,
    })),
    expiresAt: expiresAt.toISOString(),
    people: row.people.map((person) => ({
      id: person.id,
      kind: person.kind,
      displayName: person.displayName,
      className: person.grade !== null && person.letter !== null ? formatClassName(person.grade, person.letter) : null,
      steps: [...person.steps]
        .sort((a, b) => rank(a.step) - rank(b.step))
        .map(({ source, updatedAt, ...step }) => ({ ...step, ...marked(source, updatedAt) })),
      chats: person.chats.map(({ subject, grade, letter, source, updatedAt, ...chat }) => ({
        ...chat,
        name: chatName(chat.kind, subject, grade, letter),
        ...marked(source, updatedAt),
      })),
      optOut: person.optOut ? { ...person.optOut, at: new Date(person.optOut.at).toISOString() } : null,
    })),
  };
}

/** Who marked an item and when, as the parent's page shows it and sends it back (`seen`); untouched: null. */
function marked(
  source: ProgressSource | null,
  updatedAt: string,
): { markedBy: ParentStep['markedBy']; updatedAt: string | null } {
  if (source === null) return { markedBy: null, updatedAt: null };
  return { markedBy: source === 'parent_link' ? 'parent' : 'school', updatedAt: new Date(updatedAt).toISOString() };
}

/** A subject chat is named by its subject, a class chat by its class ("5А"), the school chat by nothing. */
function chatName(kind: ChatKind, subject: string | null, grade: number | null, letter: string | null): string | null {
  if (kind === 'subject') return subject;
  if (kind === 'class' && grade !== null && letter !== null) return formatClassName(grade, letter);
  return null;
}
