import { describe, expect, it } from '@jest/globals';
import { parseClassRoster, parseProgressEvent, parseRosterPerson } from './roster-api';

const AT = '2026-11-01T10:00:00.000Z';

const personJson = {
  id: 'p1',
  familyId: 'f1',
  kind: 'parent',
  displayName: 'Гусева Анна',
  classId: null,
  version: 3,
  archived: false,
  hasPhone: true,
  sharedPhone: false,
  steps: [
    {
      step: 'max_account',
      status: 'blocked',
      blockerReason: 'foreign_number',
      blockerNote: null,
      updatedAt: AT,
      updatedSource: 'parent_link',
    },
  ],
  chats: [
    { chatId: 'c1', status: 'not_joined', blockerReason: null, blockerNote: null, updatedAt: AT, updatedSource: null },
  ],
  optOut: { channel: 'other', note: 'Записки через ребёнка', at: AT, source: 'parent_link' },
};

const rosterJson = {
  schoolClass: {
    id: 'class-1',
    districtId: 'd1',
    schoolId: 's1',
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
  chats: [{ id: 'c1', kind: 'class', audience: 'parents', name: null, classId: 'class-1', inviteUrl: null }],
  counters: [
    { personKind: 'parent', item: 'overall', status: 'opted_out', people: 1 },
    { personKind: 'parent', item: 'max_account', status: 'opted_out', people: 1 },
  ],
  families: [{ id: 'f1', students: [], parents: [personJson] }],
};

describe('parseClassRoster', () => {
  it('reads the school’s path, the chats’ audience, opted-out people and the overall counters', () => {
    const roster = parseClassRoster(rosterJson);
    expect(roster.pathId).toBe('max');
    expect(roster.chats[0]?.audience).toBe('parents');
    expect(roster.counters.map((counter) => `${counter.item}:${counter.status}`)).toEqual([
      'overall:opted_out',
      'max_account:opted_out',
    ]);
    expect(roster.families[0]?.parents[0]?.optOut).toEqual({
      channel: 'other',
      note: 'Записки через ребёнка',
      at: AT,
      source: 'parent_link',
    });
    expect(roster.families[0]?.parents[0]?.steps[0]?.blockerReason).toBe('foreign_number');
  });

  it('refuses a path the catalogue does not know, and the old `messenger` answer', () => {
    expect(() => parseClassRoster({ ...rosterJson, pathId: 'telegram' })).toThrow(/pathId/);
    const { pathId: _pathId, ...old } = rosterJson;
    expect(() => parseClassRoster({ ...old, messenger: 'max' })).toThrow(/pathId/);
  });

  it('reads a person without an opt-out as taking part, and refuses an unknown channel', () => {
    expect(parseRosterPerson({ ...personJson, optOut: null }).optOut).toBeNull();
    expect(() => parseRosterPerson({ ...personJson, optOut: { ...personJson.optOut, channel: 'telegram' } })).toThrow(
      /channel/,
    );
  });
});

describe('parseProgressEvent', () => {
  const event = {
    id: 'e1',
    personId: 'p1',
    kind: 'opt_out',
    pathId: 'max',
    step: null,
    chatId: null,
    fromStatus: 'participating',
    toStatus: 'opted_out',
    channel: 'e_diary',
    blockerReason: null,
    blockerNote: null,
    source: 'teacher',
    actorName: 'Смирнова Е. И.',
    createdAt: AT,
  };

  it('reads an opt-out with its channel, and a step of an older path', () => {
    expect(parseProgressEvent(event)).toMatchObject({ kind: 'opt_out', toStatus: 'opted_out', channel: 'e_diary' });
    expect(
      parseProgressEvent({
        ...event,
        kind: 'step',
        pathId: 'vk',
        step: 'vk_id',
        fromStatus: 'not_started',
        toStatus: 'done',
        channel: null,
      }),
    ).toMatchObject({ kind: 'step', pathId: 'vk', step: 'vk_id', channel: null });
  });

  it('refuses an unknown kind of event', () => {
    expect(() => parseProgressEvent({ ...event, kind: 'import' })).toThrow(/kind/);
  });
});
