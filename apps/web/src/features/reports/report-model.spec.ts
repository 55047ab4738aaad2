import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, stepShare, VK_PATH } from '@sferum/contracts';
import { kindReport, stepCounts } from './report-factory';
import {
  blockedByReason,
  formatCount,
  formatShare,
  hasTrend,
  historySeries,
  nextSort,
  overallCounts,
  pathsChanged,
  progressOf,
  reasonCounts,
  sortRows,
  type ReportRow,
} from './report-model';
import { at } from '../../testing/at';

function row(name: string, students: number, connected: number, optedOut = 0): ReportRow {
  return {
    id: name,
    name,
    students: kindReport({ people: students, connected, optedOut }),
    parents: kindReport({ people: students }),
  };
}

describe('progressOf', () => {
  it('is the share of students connected, on any path', () => {
    expect(progressOf(row('5А', 20, 5))).toBe(0.25);
  });

  it('leaves out those who do not use Sferum rather than counting them as not connected', () => {
    expect(progressOf(row('5Б', 25, 10, 5))).toBe(0.5);
  });

  it('is 0 for a class without students, or with everyone opted out, not NaN', () => {
    expect(progressOf(row('1Б', 0, 0))).toBe(0);
    expect(progressOf(row('1В', 3, 0, 3))).toBe(0);
  });
});

describe('stepShare', () => {
  it('is done among those the step counts who take part', () => {
    expect(stepShare(stepCounts(3, { notStarted: 5, blocked: 2, optedOut: 4 }))).toBe(0.3);
    expect(stepShare(stepCounts(0))).toBe(0);
  });
});

describe('overallCounts', () => {
  it('lists people by status in the reports’ order, opted out last and apart', () => {
    const kind = kindReport({
      people: 10,
      connected: 3,
      optedOut: 2,
      overall: { inProgress: 2, blocked: 1, notStarted: 2 },
    });
    expect(overallCounts(kind)).toEqual([
      { status: 'connected', count: 3 },
      { status: 'inProgress', count: 2 },
      { status: 'blocked', count: 1 },
      { status: 'notStarted', count: 2 },
      { status: 'optedOut', count: 2 },
    ]);
  });
});

describe('sortRows', () => {
  const rows = [row('Школа № 12', 10, 9), row('Школа № 2', 10, 1), row('Гимназия № 1', 10, 5), row('Лицей', 12, 5, 2)];

  it('sorts names as a person reads them: Cyrillic alphabet, numbers by value', () => {
    expect(sortRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.name)).toEqual([
      'Гимназия № 1',
      'Лицей',
      'Школа № 2',
      'Школа № 12',
    ]);
    expect(sortRows(rows, { key: 'name', direction: 'desc' }).map((r) => r.name)[0]).toBe('Школа № 12');
  });

  it('sorts by progress either way, ties by name', () => {
    expect(sortRows(rows, { key: 'progress', direction: 'desc' }).map((r) => r.name)).toEqual([
      'Школа № 12',
      'Гимназия № 1',
      'Лицей',
      'Школа № 2',
    ]);
    expect(sortRows(rows, { key: 'progress', direction: 'asc' }).map((r) => r.name)).toEqual([
      'Школа № 2',
      'Гимназия № 1',
      'Лицей',
      'Школа № 12',
    ]);
  });

  it('leaves the given rows in their order', () => {
    sortRows(rows, { key: 'progress', direction: 'desc' });
    expect(rows[0]?.name).toBe('Школа № 12');
    expect(rows[1]?.name).toBe('Школа № 2');
  });
});

describe('nextSort', () => {
  it('flips the direction of the same column and starts progress best first', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'progress')).toEqual({ key: 'progress', direction: 'desc' });
    expect(nextSort({ key: 'progress', direction: 'desc' }, 'progress')).toEqual({ key: 'progress', direction: 'asc' });
    expect(nextSort({ key: 'progress', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
  });
});

describe('blocked by reason', () => {
  const students = kindReport({
    people: 30,
    connected: 10,
    steps: {
      max_account: stepCounts(20, { blockedByReason: { shared_phone: 4, no_smartphone: 1 } }),
      school_profile: stepCounts(10, {
        blockedByReason: { role_not_confirmed: 2, shared_phone: 0, number_mismatch: 1 },
      }),
    },
  });
  const parents = kindReport({
    people: 30,
    connected: 5,
    steps: {
      max_account: stepCounts(25, { blockedByReason: { shared_phone: 2, foreign_number: 3 } }),
      school_profile: stepCounts(5, { blockedByReason: { role_not_confirmed: 1 } }),
    },
  });

  it('sums each reason of the path over its steps', () => {
    expect(blockedByReason(students, MAX_PATH)).toEqual({
      shared_phone: 4,
      foreign_number: 0,
      number_mismatch: 1,
      role_not_confirmed: 2,
      account_locked: 0,
      old_phone: 0,
      no_smartphone: 1,
      other: 0,
    });
  });

  it('adds students and parents per reason, the most frequent first, every step reason of the path listed', () => {
    const counts = reasonCounts({ students, parents }, MAX_PATH);
    expect(counts[0]).toEqual({ reason: 'shared_phone', students: 4, parents: 2, total: 6 });
    expect(counts.map((c) => c.total)).toEqual([6, 3, 3, 1, 1, 0, 0, 0]);
    expect(counts.map((c) => c.reason)).not.toContain('chat_missing');
  });

  it('counts nothing of a path whose steps the figures do not have', () => {
    expect(reasonCounts({ students, parents }, VK_PATH).every((c) => c.total === 0)).toBe(true);
  });
});

describe('historySeries', () => {
  const days = [
    {
      day: '2026-11-25',
      pathIds: ['max'],
      students: kindReport({ people: 10, connected: 4 }),
      parents: kindReport({ people: 20, connected: 5 }),
    },
    {
      day: '2026-11-24',
      pathIds: ['vk'],
      students: kindReport({ people: 10, connected: 2 }),
      parents: kindReport({ people: 20 }),
    },
  ];

  it('gives students’ and parents’ progress per day, oldest first', () => {
    expect(historySeries(days)).toEqual([
      { day: '2026-11-24', students: 0.2, parents: 0 },
      { day: '2026-11-25', students: 0.4, parents: 0.25 },
    ]);
    expect(hasTrend(historySeries(days))).toBe(true);
    expect(hasTrend(historySeries(days.slice(0, 1)))).toBe(false);
  });

  it('notices days on different paths', () => {
    expect(pathsChanged(days)).toBe(true);
    const [first, second] = [at(days, 0), at(days, 1)];
    expect(pathsChanged([first, { ...second, pathIds: ['max'] }])).toBe(false);
    expect(
      pathsChanged([
        { ...first, pathIds: ['vk', 'max'] },
        { ...second, pathIds: ['max', 'vk'] },
      ]),
    ).toBe(false);
  });
});

describe('number formats', () => {
  it('writes Russian percentages with «%» and thousands with a space', () => {
    expect(formatShare(0.425, 'ru').replace(/\s/g, ' ')).toBe('43 %');
    expect(formatCount(12345, 'ru').replace(/\s/g, ' ')).toBe('12 345');
    expect(formatShare(0.425, 'en')).toBe('43%');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
});
