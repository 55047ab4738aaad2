/**
 * The parent page's readers of JSON answers: the field readers are the shared
 * ones; here only the value-based variants this page's parsers use.
 */
import { optionalStr, record, ResponseShapeError, str, type Fields } from '../../api/parse';

export { record, ResponseShapeError, str, type Fields };

/** Null or absent both read as null. */
export const strOrNull = optionalStr;

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new ResponseShapeError(what);
  return found;
}

export function oneOfOrNull<T extends string>(value: unknown, allowed: readonly T[], what: string): T | null {
  return value === null || value === undefined ? null : oneOf(value, allowed, what);
}

export function list(o: Fields, key: string): unknown[] {
  const value = o[key];
  if (!Array.isArray(value)) throw new ResponseShapeError(key);
  return value;
}
