import {
  kindProgress,
  OVERALL_STATUSES,
  PATH_CATALOGUE,
  type BlockerReason,
  type HistoryDay,
  type KindReport,
  type OnboardingPath,
  type OverallStatus,
  type ProgressReport,
} from '@sferum/contracts';

/** «Прогресс» of a school or class: its students'. */
export function progressOf(report: ProgressReport): number {
  return kindProgress(report.students);
}

/** The same share for the parents. */
export function parentProgressOf(report: ProgressReport): number {
  return kindProgress(report.parents);
}

export function overallCounts(kind: KindReport): Array<{ status: OverallStatus; count: number }> {
  return OVERALL_STATUSES.map((status) => ({ status, count: kind.overall[status] }));
}

/** The catalogue's path, or nothing for an id this build does not know (its figures then show without steps). */
export function knownPath(pathId: string): OnboardingPath | undefined {
  return PATH_CATALOGUE.has(pathId) ? PATH_CATALOGUE.get(pathId) : undefined;
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

/** The reasons a step of the path can name, in the path's order (the chats' own reasons are not counted per reason). */
function stepReasons(path: OnboardingPath): BlockerReason[] {
  return path.blockers
    .filter((blocker) => path.steps.some((step) => step.blockers.includes(blocker.id)))
    .map((blocker) => blocker.id);
}

/** People blocked for each reason of the path, summed over its steps, for one kind. */
export function blockedByReason(kind: KindReport, path: OnboardingPath): Record<BlockerReason, number> {
  const sums = Object.fromEntries(stepReasons(path).map((reason) => [reason, 0]));
  for (const step of path.steps) {
    const counts = kind.steps[step.id]?.blockedByReason ?? {};
    for (const reason of Object.keys(sums)) sums[reason] = (sums[reason] ?? 0) + (counts[reason] ?? 0);
  }
  return sums;
}

export interface ReasonCount {
  reason: BlockerReason;
  students: number;
  parents: number;
  total: number;
}

/** «Что мешает» on one path: students and parents blocked per reason, most frequent first, zero reasons kept last. */
export function reasonCounts(report: ProgressReport, path: OnboardingPath): ReasonCount[] {
  const students = blockedByReason(report.students, path);
  const parents = blockedByReason(report.parents, path);
  const order = stepReasons(path);
  return order
    .map((reason) => ({ reason, students: students[reason] ?? 0, parents: parents[reason] ?? 0 }))
    .map((count) => ({ ...count, total: count.students + count.parents }))
    .sort((a, b) => b.total - a.total || order.indexOf(a.reason) - order.indexOf(b.reason));
}

export interface HistoryPoint {
  day: string;
  students: number;
  parents: number;
}

/** Per day, the shares of students and of parents connected, oldest first. */
export function historySeries(days: readonly HistoryDay[]): HistoryPoint[] {
  return [...days]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((day) => ({ day: day.day, students: progressOf(day), parents: parentProgressOf(day) }));
}

/**
 * Whether the counted classes were on other paths on some days than on
 * others: a switch restarts the steps, so the curve drops there.
 */
export function pathsChanged(days: readonly HistoryDay[]): boolean {
  const keys = new Set(days.map((day) => [...day.pathIds].sort().join(',')));
  return keys.size > 1;
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
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
