export const MIN_GRADE = 1;
export const MAX_GRADE = 11;

/** Class letters as Russian schools use them: one Cyrillic capital letter. */
export const CLASS_LETTER_PATTERN = /^[А-ЯЁ]$/;

/** "5" + "а" → "5А": the name a class goes by in every school document. */
export function formatClassName(grade: number, letter: string): string {
  return `${grade}${letter.trim().toLocaleUpperCase('ru-RU')}`;
}

/** The academic year a date falls in, as "2026/2027": it starts on 1 September. */
export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const startYear = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${startYear}/${startYear + 1}`;
}
