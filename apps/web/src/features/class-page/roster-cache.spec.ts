import { describe, expect, it } from '@jest/globals';
import type { ChatMembershipState, ClassRoster, RosterPerson } from '@sferum/contracts';
import { QueryClient } from '@tanstack/react-query';
import { rosterKeys } from './roster-api';
import { applyChange, withChange } from './roster-cache';

const AT = '2026-11-01T10:00:00.000Z';
const membership = (chatId: string, status: ChatMembershipState['status']): ChatMembershipState => ({
  chatId,
  status,
  blockerReason: null,
  blockerNote: null,
  updatedAt: AT,
  updatedSource: null,
});

function person(
  id: string,
  familyId: string,
  kind: RosterPerson['kind'],
  version: number,
  chats: ChatMembershipState[],
): RosterPerson {
  return {
    id,
    familyId,
    kind,
    displayName: id,
    classId: kind === 'student' ? 'class-a' : null,
    version,
    archived: false,
    hasPhone: false,
    sharedPhone: false,
    steps: [],
    chats,
    optOut: null,
  };
}

const mother = person('mother', 'f1', 'parent', 1, [membership('chat-a', 'not_joined')]);
const child = person('child', 'f1', 'student', 1, [membership('chat-a', 'not_joined')]);
const other = person('other', 'f2', 'student', 4, []);

function roster(classId: string, chatId: string): ClassRoster {
  return {
    schoolClass: {
      id: classId,
      districtId: 'd',
      schoolId: 's',
      grade: 5,
      letter: 'А',
      name: '5А',
      academicYear: '2026/27',
      archived: false,
      teachers: [],
      parentContact: null,
      deadline: null,
    },
    pathId: 'max',
    chats: [{ id: chatId, kind: 'class', audience: 'parents', name: null, classId, inviteUrl: null }],
    counters: [{ personKind: 'parent', item: 'max_account', status: 'not_started', people: 1 }],
    families: [
      { id: 'f1', students: [child], parents: [mother] },
      { id: 'f2', students: [other], parents: [] },
    ],
  };
}

// The answer for a parent of children in two classes: the chats of both, and both classes' counters.
const motherAfter = person('mother', 'f1', 'parent', 2, [
  membership('chat-a', 'joined'),
  membership('chat-b', 'joined'),
]);
const change = {
  person: motherAfter,
  classes: [
    {
      classId: 'class-a',
      counters: [{ personKind: 'parent' as const, item: 'max_account', status: 'done' as const, people: 1 }],
    },
    {
      classId: 'class-b',
      counters: [{ personKind: 'parent' as const, item: 'max_account', status: 'done' as const, people: 3 }],
    },
  ],
};

describe('withChange', () => {
  it('swaps the person in with only the chats this roster lists, and takes this class’s counters', () => {
    const next = withChange(roster('class-a', 'chat-a'), 'class-a', change);
    expect(next.families[0]?.parents[0]).toEqual({ ...motherAfter, chats: [membership('chat-a', 'joined')] });
    expect(next.families[0]?.students[0]).toBe(child);
    expect(next.families[1]?.students[0]).toBe(other);
    expect(next.counters).toEqual(change.classes[0]?.counters);
  });

  it('keeps the counters of a class the answer does not name', () => {
    const before = roster('class-c', 'chat-c');
    expect(withChange(before, 'class-c', change).counters).toBe(before.counters);
  });

  it('takes every person of a bulk answer', () => {
    const otherAfter = { ...other, version: 5 };
    const next = withChange(roster('class-a', 'chat-a'), 'class-a', {
      updated: [otherAfter, { ...child, version: 2 }],
      classes: [],
    });
    expect(next.families.flatMap((family) => family.students).map((student) => student.version)).toEqual([2, 5]);
  });
});

describe('applyChange', () => {
  it('updates every cached roster of the classes, with and without the archive, and leaves other queries alone', () => {
    const client = new QueryClient();
    client.setQueryData(rosterKeys.roster('class-a', false), roster('class-a', 'chat-a'));
    client.setQueryData(rosterKeys.roster('class-a', true), roster('class-a', 'chat-a'));
    client.setQueryData(rosterKeys.roster('class-b', false), roster('class-b', 'chat-b'));
    client.setQueryData(rosterKeys.history('mother'), []);
    applyChange(client, change);
    for (const [key, counters] of [
      [rosterKeys.roster('class-a', false), change.classes[0]?.counters],
      [rosterKeys.roster('class-a', true), change.classes[0]?.counters],
      [rosterKeys.roster('class-b', false), change.classes[1]?.counters],
    ] as const) {
      const cached = client.getQueryData<ClassRoster>(key);
      expect(cached?.counters).toEqual(counters);
      expect(cached?.families[0]?.parents[0]?.version).toBe(2);
    }
    expect(
      client.getQueryData<ClassRoster>(rosterKeys.roster('class-b', false))?.families[0]?.parents[0]?.chats,
    ).toEqual([membership('chat-b', 'joined')]);
    expect(client.getQueryData(rosterKeys.history('mother'))).toEqual([]);
    expect(client.getQueryState(rosterKeys.history('mother'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(rosterKeys.roster('class-a', false))?.isInvalidated).toBe(false);
  });
});
