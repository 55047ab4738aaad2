import {
  BLOCKER_REASONS,
  STEP_IDS,
  type BlockerReason,
  type HistoryDay,
  type KindReport,
  type ProgressReport,
} from '@sferum/contracts';

/**
 * «Прогресс» of a school or class: the share of its students who have done all
 * three steps. Done messenger implies the two steps before it done (see
 * `stepsBefore`), so this is the messenger step's share of done. 0 with nobody.
 */
export function progressOf(report: ProgressReport): number {
  const { people, steps } = report.students;
  return people === 0 ? 0 : steps.messenger.done / people;
}

/** The same share for the parents. */
export function parentProgressOf(report: ProgressReport): number {
  const { people, steps } = report.parents;
  return people === 0 ? 0 : steps.messenger.done / people;
}

export type SortKey = 'name' | 'progress';
export type SortDirection = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export interface ReportRow extends ProgressReport {
  id: string;
  name: string;
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/**
 * Rows in the asked order; ties in progress fall back to the name (A→Я), so
 * the order never jumps between renders. A new array; the input is left alone.
 */
export function sortRows<R extends ReportRow>(rows: readonly R[], sort: Sort): R[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'progress') {
      const diff = progressOf(a) - progressOf(b);
      if (diff !== 0) return sign * diff;
      return collator.compare(a.name, b.name);
    }
    return sign * collator.compare(a.name, b.name);
  });
}

/**
 * The sort after a click on a column header: the same column flips its
 * direction; a new one starts A→Я for names and best-first for progress.
 */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'progress' ? 'desc' : 'asc' };
}

/** People blocked for each reason, summed over the three steps of one kind. */
export function blockedByReason(kind: KindReport): Record<BlockerReason, number> {
  const sums = Object.fromEntries(BLOCKER_REASONS.map((reason) => [reason, 0])) as Record<BlockerReason, number>;
  for (const step of STEP_IDS) {
    for (const reason of BLOCKER_REASONS) sums[reason] += kind.steps[step].blockedByReason[reason];
  }
  return sums;
}

export interface ReasonCount {
  reason: BlockerReason;
  students: number;
  parents: number;
  total: number;
}

/** «Что мешает»: students and parents blocked per reason, most frequent first, zero reasons kept last. */
export function reasonCounts(report: ProgressReport): ReasonCount[] {
  const students = blockedByReason(report.students);
  const parents = blockedByReason(report.parents);
  return BLOCKER_REASONS.map((reason) => ({
    reason,
    students: students[reason],
    parents: parents[reason],
    total: students[reason] + parents[reason],
  })).sort((a, b) => b.total - a.total || BLOCKER_REASONS.indexOf(a.reason) - BLOCKER_REASONS.indexOf(b.reason));
}

export interface HistoryPoint {
  day: string;
  students: number;
  parents: number;
}

/** Per day, the shares of students and of parents with the messenger step done, oldest first. */
export function historySeries(days: readonly HistoryDay[]): HistoryPoint[] {
  return [...days]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((day) => ({ day: day.day, students: progressOf(day), parents: parentProgressOf(day) }));
}

/** A chart of a trend needs at least two days. */
export function hasTrend(points: readonly HistoryPoint[]): boolean {
  return points.length >= 2;
}

/** A whole number with thousands separated by a (non-breaking) space, as Russian writes it: 12 345. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 0 }).format(value);
}

/** A share 0..1 as a whole percent: «42 %» in Russian, "42%" in English. */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}
