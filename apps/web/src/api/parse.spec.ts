import { describe, expect, it } from '@jest/globals';
import { parseApiErrorBody, parseCurrentUser, parseSchool, parseStaffWithSetupLink } from './parse';

const user = {
  id: 'u1',
  email: 'teacher@school.ru',
  fullName: 'Смирнова Елена Игоревна',
  role: 'teacher',
  districtId: 'd1',
  districtName: 'Управление образования',
  schoolId: 's1',
  schoolName: 'Школа № 7',
};

describe('parseCurrentUser', () => {
  it('keeps the known fields only', () => {
    expect(parseCurrentUser({ ...user, passwordHash: 'x' })).toEqual(user);
  });

  it('refuses an unknown role or a missing field', () => {
    expect(() => parseCurrentUser({ ...user, role: 'root' })).toThrow(/role/);
    expect(() => parseCurrentUser({ ...user, email: undefined })).toThrow(/email/);
    expect(() => parseCurrentUser('<html>')).toThrow();
  });
});

describe('parseStaffWithSetupLink', () => {
  it('reads the new account and its link', () => {
    const staff = {
      id: 's9',
      email: 'new@school.ru',
      fullName: 'Новикова Анна',
      role: 'teacher',
      districtId: 'd1',
      schoolId: 's1',
      status: 'pending_setup',
      classIds: [],
      createdAt: '2026-03-01T10:00:00.000Z',
    };
    const setupLink = { path: '/setup/abc', expiresAt: '2026-03-08T10:00:00.000Z' };
    expect(parseStaffWithSetupLink({ staff, setupLink })).toEqual({ staff, setupLink });
  });
});

describe('parseApiErrorBody', () => {
  it('reads the API’s error shape and returns null for anything else', () => {
    expect(
      parseApiErrorBody({ statusCode: 401, error: 'Unauthorized', message: 'Invalid e-mail or password' }),
    ).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid e-mail or password',
    });
    expect(parseApiErrorBody({ statusCode: 409, error: 'Conflict', message: 'x', code: 'opted_out' })?.code).toBe(
      'opted_out',
    );
    expect(parseApiErrorBody({ statusCode: 409, error: 'Conflict', message: 'x', code: 'other' })).not.toHaveProperty(
      'code',
    );
    expect(parseApiErrorBody(null)).toBeNull();
    expect(parseApiErrorBody({ statusCode: '401' })).toBeNull();
  });
});

describe('parseSchool', () => {
  const school = {
    id: 's1',
    districtId: 'd1',
    name: 'Школа № 7',
    pathId: 'max',
    pathChangedAt: null,
    stepNotes: { school_profile: 'Роль подтверждает Ирина Петровна, каб. 12' },
    academicYear: '2026/2027',
    classCount: 22,
    teacherCount: 40,
  };

  it('reads the school’s path, its notes per step and its year', () => {
    expect(parseSchool(school)).toEqual(school);
    expect(parseSchool({ ...school, academicYear: null }).academicYear).toBeNull();
    // The contract's schema: every school answer has its notes, an empty object without any.
    expect(parseSchool({ ...school, stepNotes: {} }).stepNotes).toEqual({});
    expect(() => parseSchool({ ...school, stepNotes: undefined })).toThrow(/stepNotes/);
  });

  it('refuses a path the catalogue does not know and a note that is not text', () => {
    expect(() => parseSchool({ ...school, pathId: 'icq' })).toThrow(/pathId/);
    expect(() => parseSchool({ ...school, stepNotes: { school_profile: 7 } })).toThrow(/stepNotes/);
  });
});
