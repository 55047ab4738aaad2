import {
  academicYearOf,
  CLASS_LETTER_PATTERN,
  NEW_YEAR_MAX_ERASURE_DAYS,
  type NewYearPreview,
} from '@sferum/contracts';

/** The letters of the new first grades as typed ("а, б в"): upper case, each once, in order; or what is not a letter. */
export function parseFirstGradeLetters(text: string): { letters: string[] } | { invalid: string[] } {
  const tokens = text
    .split(/[\s,;]+/)
    .map((token) => token.trim().toLocaleUpperCase('ru-RU'))
    .filter((token) => token !== '');
  const invalid = tokens.filter((token) => !CLASS_LETTER_PATTERN.test(token));
  if (invalid.length > 0) return { invalid: [...new Set(invalid)] };
  return { letters: [...new Set(tokens)].sort((a, b) => a.localeCompare(b, 'ru')) };
}

/** The erasure period as the number field holds it (a number, or '' while empty): whole days, 0–365. */
export function erasureDaysOf(value: number | string): number | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return null;
  return value >= 0 && value <= NEW_YEAR_MAX_ERASURE_DAYS ? value : null;
}

/**
 * The admin confirms by typing the year being started; spaces do not count,
 * and a dash does for the slash ("2027-2028").
 */
export function confirmsYear(typed: string, toYear: string): boolean {
  return typed.replace(/\s+/g, '').replace(/[-‐‑–—]/g, '/') === toYear;
}

/**
 * Whether «Новый учебный год» can be run now: not for a year already started
 * (the API says so), and not while the school's classes are already in a year
 * after the calendar's one, which is where a school is just after its move in
 * late August: offering the year after that would invite a second move.
 */
export type NewYearState = 'ready' | 'alreadyDone' | 'ahead';

export function newYearState(preview: Pick<NewYearPreview, 'alreadyDone' | 'fromYear'>, today: Date): NewYearState {
  if (preview.alreadyDone) return 'alreadyDone';
  return preview.fromYear > academicYearOf(moscowDay(today)) ? 'ahead' : 'ready';
}

/** Midnight UTC of the day it is in Moscow (UTC+3, no daylight saving), where the API counts its days. */
function moscowDay(now: Date): Date {
  const moscow = new Date(now.getTime() + 3 * 60 * 60 * 1000);
  return new Date(Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth(), moscow.getUTCDate()));
}

/** YYYY-MM-DD, `days` after today in Moscow: when the leavers' data goes if the move is run today. */
export function erasureDay(today: Date, days: number): string {
  const day = moscowDay(today);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** YYYY-MM-DD: parents' links of the year "2027/2028" work until its 31 August. */
export function linksUntil(toYear: string): string {
  return `${toYear.slice(5, 9)}-08-31`;
}

/** What the preview adds up to: classes moving up, classes leaving with how many students, new first grades. */
export function newYearCounts(preview: Pick<NewYearPreview, 'classes' | 'newFirstGrades'>) {
  const leaving = preview.classes.filter((schoolClass) => schoolClass.action === 'archive');
  return {
    promoted: preview.classes.length - leaving.length,
    archived: leaving.length,
    leavers: leaving.reduce((sum, schoolClass) => sum + schoolClass.students, 0),
    created: preview.newFirstGrades.length,
  };
}
