import type { ParentChat, ParentFamily, ParentPerson, ParentStep } from '@sferum/contracts';

/** Test data for the parent page's specs: a family on the MAX path unless told otherwise. */

export function parentStep(
  id: string,
  status: ParentStep['status'] = 'not_started',
  more: Partial<ParentStep> = {},
): ParentStep {
  const touched = status !== 'not_started';
  return {
    step: id,
    status,
    blockerReason: null,
    blockerNote: null,
    markedBy: touched ? 'parent' : null,
    updatedAt: touched ? '2026-11-20T09:00:00.000Z' : null,
    ...more,
  };
}

export function parentChat(
  chatId: string,
  audience: ParentChat['audience'],
  more: Partial<ParentChat> = {},
): ParentChat {
  return {
    chatId,
    kind: 'class',
    audience,
    name: null,
    status: 'not_joined',
    blockerReason: null,
    blockerNote: null,
    markedBy: null,
    updatedAt: null,
    inviteUrl: null,
    ...more,
  };
}

export function parentPerson(
  more: Partial<ParentPerson> & Pick<ParentPerson, 'id' | 'kind' | 'displayName'>,
): ParentPerson {
  return {
    className: more.kind === 'student' ? '5А' : null,
    steps: [parentStep('max_account'), parentStep('school_profile')],
    chats: [],
    optOut: null,
    ...more,
  };
}

export function parentFamily(people: ParentPerson[], more: Partial<ParentFamily> = {}): ParentFamily {
  return {
    schoolName: 'Школа № 7',
    pathId: 'max',
    stepNotes: {},
    classes: [],
    expiresAt: '2027-08-31T20:59:00.000Z',
    people,
    ...more,
  };
}
