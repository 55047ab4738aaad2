export const MIN_GRADE = 1;
export const MAX_GRADE = 11;

/** Class letters as Russian schools use them: one Cyrillic capital letter. */
export const CLASS_LETTER_PATTERN = /^[А-ЯЁ]$/;

/** "5" + "а" → "5А": the name a class goes by in every school document. */
export function formatClassName(grade: number, letter: string): string {
  return `${grade}${letter.trim().toLocaleUpperCase('ru-RU')}`;
}

/** "2026/2027" → "2027/2028": the year a school moves into. */
export function nextAcademicYear(year: string): string {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}/${start + 1}`;
}

/** The academic year a date falls in, as "2026/2027": it starts on 1 September. */
export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const startYear = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${startYear}/${startYear + 1}`;
}

/** Latin capitals that look like Cyrillic ones: "5A" typed on a Latin keyboard layout is 5А. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/**
 * A class as lists write it, read back into its grade and letter: "5А",
 * "5 А", "5-а", "5«А»", `5 "А"`, "5а класс", "5 кл. А" and "5A" typed with a
 * Latin A are all 5А. Null when the text is not one of grades 1–11 with one
 * letter (a grade alone, "5АБ", "кружок").
 */
export function parseClassName(text: string): { grade: number; letter: string } | null {
  const compact = text
    .toLocaleUpperCase('ru-RU')
    .replace(/[A-Z]/g, (latin) => LATIN_LOOKALIKES[latin] ?? latin)
    .replace(/(^|[^А-ЯЁ])(КЛАСС[А-ЯЁ]*|КЛ)(?![А-ЯЁ])/g, '$1 ')
    .replace(/[\s\-\u2010-\u2015«»"'„“”‘’`.,:;()№]/g, '');
  const match = /^0?(\d{1,2})([А-ЯЁ])$/.exec(compact);
  const letter = match?.[2];
  if (!match || letter === undefined) return null;
  const grade = Number(match[1]);
  if (grade < MIN_GRADE || grade > MAX_GRADE) return null;
  return { grade, letter };
}

/** The class's name as formatClassName writes it ("5 а" → "5А"), or null when the text names no class. */
export function normalizeClassName(text: string): string | null {
  const parsed = parseClassName(text);
  return parsed ? formatClassName(parsed.grade, parsed.letter) : null;
}
