import { describe, expect, it } from '@jest/globals';
import { BLOCKER_REASONS, STEP_IDS, type BlockerReason, type KindReport, type StepCounts } from '@sferum/contracts';
import {
  blockedByReason,
  formatCount,
  formatShare,
  hasTrend,
  historySeries,
  nextSort,
  progressOf,
  reasonCounts,
  sortRows,
  type ReportRow,
} from './report-model';

type Reasons = Partial<Record<BlockerReason, number>>;

function step(done: number, reasons: Reasons = {}): StepCounts {
  const blockedByReason = Object.fromEntries(BLOCKER_REASONS.map((r) => [r, reasons[r] ?? 0])) as Record<BlockerReason, number>;
  return { notStarted: 0, done, blocked: Object.values(blockedByReason).reduce((a, b) => a + b, 0), blockedByReason, shareDone: 0 };
}

/** A kind with `people`, `messengerDone` of them through all three steps, and blockers per step. */
function kind(people: number, messengerDone: number, blockers: Partial<Record<(typeof STEP_IDS)[number], Reasons>> = {}): KindReport {
  return {
    people,
    steps: {
      vk_id: step(people, blockers.vk_id),
      sferum_profile: step(messengerDone, blockers.sferum_profile),
      messenger: step(messengerDone, blockers.messenger),
    },
    classChatJoined: 0,
    subjectChatsJoined: 0,
    subjectChatMemberships: 0,
    schoolChatJoined: 0,
  };
}

function row(name: string, students: number, studentsDone: number): ReportRow {
  return { id: name, name, students: kind(students, studentsDone), parents: kind(students, 0) };
}

describe('progressOf', () => {
  it('is the share of students with the messenger step, the last of the three, done', () => {
    expect(progressOf(row('5А', 20, 5))).toBe(0.25);
  });

  it('is 0 for a class without students, not NaN', () => {
    expect(progressOf(row('1Б', 0, 0))).toBe(0);
  });
});

describe('sortRows', () => {
  const rows = [row('Школа № 12', 10, 9), row('Школа № 2', 10, 1), row('Гимназия № 1', 10, 5), row('Лицей', 10, 5)];

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
    expect(rows[0].name).toBe('Школа № 12');
    expect(rows[1].name).toBe('Школа № 2');
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
  const students = kind(30, 10, {
    vk_id: { shared_phone: 4, no_smartphone: 1 },
    sferum_profile: { forgot_password: 2, shared_phone: 1 },
    messenger: { other: 1 },
  });
  const parents = kind(30, 5, { vk_id: { shared_phone: 2, no_vk_page_wanted: 3 }, messenger: { refuses_sferum: 1 } });

  it('sums each reason over the three steps', () => {
    expect(blockedByReason(students)).toEqual({
      shared_phone: 5,
      forgot_password: 2,
      no_smartphone: 1,
      no_vk_page_wanted: 0,
      refuses_sferum: 0,
      other: 1,
    });
  });

  it('adds students and parents per reason, the most frequent first, every reason listed', () => {
    const counts = reasonCounts({ students, parents });
    expect(counts[0]).toEqual({ reason: 'shared_phone', students: 5, parents: 2, total: 7 });
    expect(counts.map((c) => c.total)).toEqual([7, 3, 2, 1, 1, 1]);
    expect(counts.map((c) => c.reason).sort()).toEqual([...BLOCKER_REASONS].sort());
  });
});

describe('historySeries', () => {
  it('gives students’ and parents’ progress per day, oldest first', () => {
    const days = [
      { day: '2026-11-25', students: kind(10, 4), parents: kind(20, 5) },
      { day: '2026-11-24', students: kind(10, 2), parents: kind(20, 0) },
    ];
    expect(historySeries(days)).toEqual([
      { day: '2026-11-24', students: 0.2, parents: 0 },
      { day: '2026-11-25', students: 0.4, parents: 0.25 },
    ]);
    expect(hasTrend(historySeries(days))).toBe(true);
    expect(hasTrend(historySeries(days.slice(0, 1)))).toBe(false);
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
