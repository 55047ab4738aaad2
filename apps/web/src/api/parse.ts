import {
  API_ERROR_CODES,
  PATH_CATALOGUE,
  STAFF_ROLES,
  type ApiErrorBody,
  type CurrentUser,
  type DistrictSummary,
  type SchoolClassSummary,
  type SchoolSummary,
  type SetupLink,
  type SetupLinkInfo,
  type StaffMember,
  type StaffStatus,
  type StaffWithSetupLink,
} from '@sferum/contracts';

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

const STAFF_STATUSES: readonly StaffStatus[] = ['pending_setup', 'active', 'deactivated'];

export const parseCurrentUser: Parser<CurrentUser> = (value) => {
  const o = record(value, 'current user');
  return {
    id: str(o, 'id'),
    email: str(o, 'email'),
    fullName: str(o, 'fullName'),
    role: oneOf(o, 'role', STAFF_ROLES),
    districtId: str(o, 'districtId'),
    districtName: str(o, 'districtName'),
    schoolId: strOrNull(o, 'schoolId'),
    schoolName: strOrNull(o, 'schoolName'),
  };
};

export const parseDistrict: Parser<DistrictSummary> = (value) => {
  const o = record(value, 'district');
  return { id: str(o, 'id'), name: str(o, 'name') };
};

export const parseSchool: Parser<SchoolSummary> = (value) => {
  const o = record(value, 'school');
  return {
    id: str(o, 'id'),
    districtId: str(o, 'districtId'),
    name: str(o, 'name'),
    pathId: pathId(o),
    pathChangedAt: optionalStr(o, 'pathChangedAt'),
    stepNotes: stringRecord(o, 'stepNotes'),
    academicYear: optionalStr(o, 'academicYear'),
    classCount: num(o, 'classCount'),
    teacherCount: num(o, 'teacherCount'),
  };
};

export const parseSchoolClass: Parser<SchoolClassSummary> = (value) => {
  const o = record(value, 'class');
  return {
    id: str(o, 'id'),
    districtId: str(o, 'districtId'),
    schoolId: str(o, 'schoolId'),
    grade: num(o, 'grade'),
    letter: str(o, 'letter'),
    name: str(o, 'name'),
    academicYear: str(o, 'academicYear'),
    archived: bool(o, 'archived'),
    teachers: list(
      o.teachers,
      (item) => {
        const t = record(item, 'teacher');
        return { id: str(t, 'id'), fullName: str(t, 'fullName') };
      },
      'teachers',
    ),
    parentContact: optionalStr(o, 'parentContact'),
    deadline: optionalStr(o, 'deadline'),
  };
};

export const parseStaffMember: Parser<StaffMember> = (value) => {
  const o = record(value, 'staff member');
  return {
    id: str(o, 'id'),
    email: str(o, 'email'),
    fullName: str(o, 'fullName'),
    role: oneOf(o, 'role', STAFF_ROLES),
    districtId: str(o, 'districtId'),
    schoolId: strOrNull(o, 'schoolId'),
    status: oneOf(o, 'status', STAFF_STATUSES),
    classIds: list(
      o.classIds,
      (id) => {
        if (typeof id !== 'string') throw new ResponseShapeError('classIds');
        return id;
      },
      'classIds',
    ),
    createdAt: str(o, 'createdAt'),
  };
};

export const parseSetupLink: Parser<SetupLink> = (value) => {
  const o = record(value, 'setup link');
  return { path: str(o, 'path'), expiresAt: str(o, 'expiresAt') };
};

export const parseStaffWithSetupLink: Parser<StaffWithSetupLink> = (value) => {
  const o = record(value, 'new staff member');
  return { staff: parseStaffMember(o.staff), setupLink: parseSetupLink(o.setupLink) };
};

export const parseSetupLinkInfo: Parser<SetupLinkInfo> = (value) => {
  const o = record(value, 'setup link info');
  return { email: str(o, 'email'), fullName: str(o, 'fullName'), role: oneOf(o, 'role', STAFF_ROLES) };
};

/** The API's error body, or null for anything else (an HTML error page, an empty body). */
export function parseApiErrorBody(value: unknown): ApiErrorBody | null {
  try {
    const o = record(value, 'error');
    const body: ApiErrorBody = { statusCode: num(o, 'statusCode'), error: str(o, 'error'), message: str(o, 'message') };
    if (Array.isArray(o.details)) {
      body.details = o.details.map((item) => {
        const d = record(item, 'detail');
        const messages = Array.isArray(d.messages) ? d.messages.filter((m): m is string => typeof m === 'string') : [];
        return { field: str(d, 'field'), messages };
      });
    }
    const code = API_ERROR_CODES.find((candidate) => candidate === o.code);
    if (code) body.code = code;
    return body;
  } catch {
    return null;
  }
}
