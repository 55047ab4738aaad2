import { STEP_NOTE_MAX_LENGTH, type OnboardingPath, type SetStepNotesRequest } from '@sferum/contracts';

/** Longer than the API takes, counted as it stores it: trimmed. */
export function noteTooLong(note: string): boolean {
  return note.trim().length > STEP_NOTE_MAX_LENGTH;
}

/**
 * The notes to send: each step of the path whose trimmed note differs from the
 * saved one; an emptied note goes as "" (the API then removes it).
 */
export function changedNotes(
  path: OnboardingPath,
  saved: Record<string, string>,
  edited: Record<string, string>,
): SetStepNotesRequest['notes'] {
  return path.steps
    .map((step) => ({ step: step.id, note: (edited[step.id] ?? '').trim() }))
    .filter(({ step, note }) => note !== (saved[step] ?? '').trim());
}
