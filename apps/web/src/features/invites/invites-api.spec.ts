import { describe, expect, it } from '@jest/globals';
import { parseFamilyInvite, parseReminderRoster } from './invites-api';

const AT = '2026-11-01T10:00:00.000Z';

describe('parseFamilyInvite', () => {
  const invite = {
    familyId: 'f1',
    students: ['Гусева Дарья'],
    parents: ['Гусев Антон'],
    status: 'opted_out',
    link: 'https://school.example/p/abc',
    code: 'K7MQ-4XTD-9RZE',
    shortAddress: 'https://school.example/p',
    problems: 0,
    optedOut: 2,
    issuedAt: AT,
    expiresAt: AT,
    firstOpenedAt: null,
    lastOpenedAt: null,
    lastRemindedAt: null,
  };

  it('reads a family that does not use Sferum, with its short code', () => {
    expect(parseFamilyInvite(invite)).toEqual(invite);
  });

  it('refuses a status it does not know', () => {
    expect(() => parseFamilyInvite({ ...invite, status: 'lost' })).toThrow(/status/);
  });
});

describe('parseReminderRoster', () => {
  it('reads the path, the chats’ audience and who opted out', () => {
    const step = {
      step: 'max_account',
      status: 'done',
      blockerReason: null,
      blockerNote: null,
      updatedAt: AT,
      updatedSource: null,
    };
    const roster = parseReminderRoster({
      pathId: 'max',
      chats: [{ id: 'c1', kind: 'class', audience: 'parents', name: null, classId: 'x', inviteUrl: null }],
      families: [
        {
          id: 'f1',
          students: [
            {
              id: 's1',
              kind: 'student',
              displayName: 'Дарья',
              archived: false,
              steps: [step],
              chats: [],
              optOut: null,
            },
          ],
          parents: [
            {
              id: 'p1',
              kind: 'parent',
              displayName: 'Антон',
              archived: false,
              steps: [step],
              chats: [],
              optOut: { channel: 'phone', note: null, at: AT, source: 'teacher' },
            },
          ],
        },
      ],
    });
    expect(roster.pathId).toBe('max');
    expect(roster.chats).toEqual([
      { id: 'c1', kind: 'class', audience: 'parents', name: null, classId: 'x', inviteUrl: null },
    ]);
    expect(roster.families[0]?.people.map((person) => [person.id, person.optedOut])).toEqual([
      ['s1', false],
      ['p1', true],
    ]);
  });
});
