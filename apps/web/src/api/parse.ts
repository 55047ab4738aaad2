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

/** A list of answers each read by `parse` (e.g. with the web's own checks after the schema). */
export function listOf<T>(parse: Parser<T>): Parser<T[]> {
  return (value) => {
    if (!Array.isArray(value)) throw new ResponseShapeError('list');
    return value.map((item) => parse(item));
  };
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
