import {
  ApiErrorBodySchema,
  CurrentUserSchema,
  DistrictSummarySchema,
  PATH_CATALOGUE,
  SchoolClassSummarySchema,
  SchoolSummarySchema,
  SetupLinkInfoSchema,
  SetupLinkSchema,
  StaffMemberSchema,
  StaffWithSetupLinkSchema,
  type ApiErrorBody,
} from '@sferum/contracts';
import type { ZodMiniType } from 'zod/mini';

/** Turns a parsed JSON body into a typed value, or throws when its shape is wrong. */
export type Parser<T> = (value: unknown) => T;

export class ResponseShapeError extends Error {
  constructor(what: string) {
    super(`Unexpected API response: ${what}`);
  }
}

export type Fields = Record<string, unknown>;

export function record(value: unknown, what = 'object'): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ResponseShapeError(what);
  return value as Fields;
}

export function str(o: Fields, key: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new ResponseShapeError(key);
  return value;
}

export function strOrNull(o: Fields, key: string): string | null {
  return o[key] === null ? null : str(o, key);
}

export function num(o: Fields, key: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResponseShapeError(key);
  return value;
}

export function bool(o: Fields, key: string): boolean {
  const value = o[key];
  if (typeof value !== 'boolean') throw new ResponseShapeError(key);
  return value;
}

export function oneOf<T extends string>(o: Fields, key: string, allowed: readonly T[]): T {
  const value = str(o, key);
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new ResponseShapeError(key);
  return found;
}

/** Null or absent both read as null. */
export function optionalStr(o: Fields, key: string): string | null {
  return o[key] === null || o[key] === undefined ? null : str(o, key);
}

export function numOrNull(o: Fields, key: string): number | null {
  return o[key] === null || o[key] === undefined ? null : num(o, key);
}

export function oneOfOrNull<T extends string>(o: Fields, key: string, allowed: readonly T[]): T | null {
  return o[key] === null || o[key] === undefined ? null : oneOf(o, key, allowed);
}

/** An id of an onboarding path the catalogue knows: the web takes every step and text from it. */
export function pathId(o: Fields, key = 'pathId'): string {
  const value = str(o, key);
  if (!PATH_CATALOGUE.has(value)) throw new ResponseShapeError(key);
  return value;
}

/** An object of strings by key, e.g. a school's notes per step; absent reads as empty. */
export function stringRecord(o: Fields, key: string): Record<string, string> {
  if (o[key] === undefined || o[key] === null) return {};
  return Object.fromEntries(
    Object.entries(record(o[key], key)).map(([name, value]) => {
      if (typeof value !== 'string') throw new ResponseShapeError(key);
      return [name, value];
    }),
  );
}

export function list<T>(value: unknown, parse: Parser<T>, what: string): T[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(what);
  return value.map((item) => parse(item));
}

export function listOf<T>(parse: Parser<T>): Parser<T[]> {
  return (value) => list(value, parse, 'list');
}

/**
 * A contract schema (libs/contracts) as a Parser, with the web's own checks
 * after it (`also`, e.g. a path the catalogue knows). An answer of another
 * shape throws ResponseShapeError naming the first wrong field: the same
 * error the user saw before the schemas.
 */
export function parserOf<T>(schema: ZodMiniType<T>, ...also: Array<(value: T) => void>): Parser<T> {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const [issue] = result.error.issues;
      throw new ResponseShapeError(issue && issue.path.length > 0 ? issue.path.join('.') : 'body');
    }
    for (const check of also) check(result.data);
    return result.data;
  };
}

/** The web takes every step and text of a path from the catalogue: an id it does not know is a malformed answer. */
export function knownPath({ pathId }: { pathId: string }): void {
  if (!PATH_CATALOGUE.has(pathId)) throw new ResponseShapeError('pathId');
}

export const parseCurrentUser = parserOf(CurrentUserSchema);
export const parseDistrict = parserOf(DistrictSummarySchema);
export const parseSchool = parserOf(SchoolSummarySchema, knownPath);
export const parseSchoolClass = parserOf(SchoolClassSummarySchema);
export const parseStaffMember = parserOf(StaffMemberSchema);
export const parseSetupLink = parserOf(SetupLinkSchema);
export const parseStaffWithSetupLink = parserOf(StaffWithSetupLinkSchema);
export const parseSetupLinkInfo = parserOf(SetupLinkInfoSchema);

/** The API's error body, or null for anything else (an HTML error page, an empty body). */
export function parseApiErrorBody(value: unknown): ApiErrorBody | null {
  const result = ApiErrorBodySchema.safeParse(value);
  if (result.success) return result.data;
  // A code this web does not know yet (a newer API): the message still counts, without the code.
  if (typeof value === 'object' && value !== null && 'code' in value) {
    const { code: _unknown, ...rest } = value;
    return parseApiErrorBody(rest);
  }
  return null;
}
