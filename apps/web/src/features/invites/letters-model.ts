import { formatShortCode, normalizeShortCode, type OnboardingPath } from '@sferum/contracts';
import type { AppLocale } from '../../i18n/routing';

/** One line of a letter's steps: the step's title, where to do it, and the school's note. */
export interface LetterStep {
  id: string;
  title: string;
  /** official addresses as one types them ("max.ru") */
  addresses: string[];
  /** the school's own note for this step */
  note: string | null;
  /** the last line: joining the chats */
  chats: boolean;
}

/** An address as a parent types it from paper: no scheme, no trailing slash (`https://web.max.ru/` → `web.max.ru`). */
export function printableUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/**
 * The short code as the letter prints it, "K7MQ-4XTD-9RZE". The API sends it
 * formatted already; grouping it again would print "K7MQ--4XT-D-9R-ZE", so it
 * is normalised first and anything that is no code is printed as it came.
 */
export function printedCode(code: string): string {
  const normalized = normalizeShortCode(code);
  return normalized ? formatShortCode(normalized) : code;
}

/**
 * The steps of the school's path as short lines of a letter: each step's
 * title with its official addresses and the school's note; then the chats,
 * titled by the caller. The how-to texts stay on the parent's page.
 */
export function letterSteps(
  path: OnboardingPath,
  locale: AppLocale,
  stepNotes: Record<string, string>,
  chatsTitle: string,
): LetterStep[] {
  return [
    ...path.steps.map((step) => ({
      id: step.id,
      title: step.title[locale],
      addresses: step.links.map((link) => printableUrl(link.url)),
      note: stepNotes[step.id]?.trim() || null,
      chats: false,
    })),
    { id: 'chats', title: chatsTitle, addresses: [], note: null, chats: true },
  ];
}

/** The letters in pairs, one pair per A4 sheet (two A5 halves); an odd last letter has a sheet of its own. */
export function pairPerSheet<T>(letters: readonly T[]): T[][] {
  const sheets: T[][] = [];
  for (let i = 0; i < letters.length; i += 2) sheets.push(letters.slice(i, i + 2));
  return sheets;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The letter's dates read "20 декабря" and "20 December": day first in both languages. */
export const letterDateLocale = (locale: AppLocale): string => (locale === 'ru' ? 'ru-RU' : 'en-GB');

/**
 * A deadline (YYYY-MM-DD) as the letter says it after «до»/"by": the day and
 * the month ("20 декабря", "20 December"). A deadline lies within the school
 * year, so the year is left out. Null for anything that is no calendar day.
 */
export function deadlineDay(deadline: string, locale: AppLocale): string | null {
  const match = CALENDAR_DAY.exec(deadline);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A calendar day, not an instant: made at noon UTC and shown in UTC, so no time zone moves it.
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return new Intl.DateTimeFormat(letterDateLocale(locale), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** How small a letter's type is: long notes or a long contact would otherwise run off its A5 half. */
export type LetterDensity = 'normal' | 'compact' | 'tight';

/**
 * Characters of the variable texts (the family's names, the teachers and
 * their contact, the school's notes) that each type size still fits beside
 * the fixed parts. Measured in Chromium's print layout: normal type held 161
 * characters and lost 16–30 px from 199 on; compact held every text up to
 * 456 and lost 12 px at 494; tight held up to 1,141, the most the fields
 * allow (two 300-character notes, a 300-character contact, a family of three
 * children and two parents with long names). The limits stay below what held.
 */
export const LETTER_DENSITY_LIMITS = { normal: 150, compact: 440 };

/** The type size a letter needs for its variable texts to keep to its half of the sheet. */
export function letterDensity(
  texts: { family: string; teacherLine: string; notes: string[] },
  limits: { normal: number; compact: number } = LETTER_DENSITY_LIMITS,
): LetterDensity {
  const length =
    texts.family.length + texts.teacherLine.length + texts.notes.reduce((sum, note) => sum + note.length, 0);
  return length <= limits.normal ? 'normal' : length <= limits.compact ? 'compact' : 'tight';
}
