import { academicYearOf } from '@sferum/contracts';

function shift(year: string, by: number): string {
  const start = Number(year.slice(0, 4)) + by;
  return `${start}/${start + 1}`;
}

/**
 * The academic years a class form offers: the current one (the default), the
 * one before and the next, plus the class's own year when it is further away.
 */
export function academicYearChoices(today: Date, classYear?: string): { current: string; years: string[] } {
  const current = academicYearOf(today);
  const years = [shift(current, -1), current, shift(current, 1)];
  if (classYear && !years.includes(classYear)) years.push(classYear);
  years.sort();
  return { current, years };
}
