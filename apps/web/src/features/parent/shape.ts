/** Small readers for JSON answers of the API: parse, don't cast. A wrong shape throws. */
export type Fields = Record<string, unknown>;

export class ShapeError extends Error {
  constructor(what: string) {
    super(`Unexpected API response: ${what}`);
  }
}

export function record(value: unknown, what = 'object'): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(what);
  return value as Fields;
}

export function str(o: Fields, key: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new ShapeError(key);
  return value;
}

export function strOrNull(o: Fields, key: string): string | null {
  return o[key] === null || o[key] === undefined ? null : str(o, key);
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new ShapeError(what);
  return found;
}

export function oneOfOrNull<T extends string>(value: unknown, allowed: readonly T[], what: string): T | null {
  return value === null || value === undefined ? null : oneOf(value, allowed, what);
}

export function list(o: Fields, key: string): unknown[] {
  const value = o[key];
  if (!Array.isArray(value)) throw new ShapeError(key);
  return value;
}
