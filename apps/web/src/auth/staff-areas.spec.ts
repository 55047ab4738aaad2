import { describe, expect, it } from '@jest/globals';
import { landingPath, mayOpen, mayOpenSchool } from './staff-areas';

describe('landingPath', () => {
  it('sends each role to its own start page', () => {
    expect(landingPath({ role: 'teacher', schoolId: 's1' })).toBe('/classes');
    expect(landingPath({ role: 'school_admin', schoolId: 's1' })).toBe('/schools/s1');
    expect(landingPath({ role: 'district_admin', schoolId: null })).toBe('/schools');
  });
});

describe('mayOpen', () => {
  it('keeps teachers out of the admin pages and admins out of the teacher page', () => {
    expect(mayOpen({ role: 'teacher' }, 'staff')).toBe(false);
    expect(mayOpen({ role: 'teacher' }, 'school')).toBe(false);
    expect(mayOpen({ role: 'teacher' }, 'myClasses')).toBe(true);
    expect(mayOpen({ role: 'school_admin' }, 'districtSchools')).toBe(false);
    expect(mayOpen({ role: 'school_admin' }, 'staff')).toBe(true);
    expect(mayOpen({ role: 'district_admin' }, 'myClasses')).toBe(false);
    expect(mayOpen({ role: 'teacher' }, 'account')).toBe(true);
  });

  it('opens a class page to teachers and to both kinds of admin', () => {
    expect(mayOpen({ role: 'teacher' }, 'classPage')).toBe(true);
    expect(mayOpen({ role: 'school_admin' }, 'classPage')).toBe(true);
    expect(mayOpen({ role: 'district_admin' }, 'classPage')).toBe(true);
  });
});

describe('mayOpenSchool', () => {
  it('opens a school only to its own school admin, and every school to the district admin', () => {
    expect(mayOpenSchool({ role: 'school_admin', schoolId: 's1' }, 's1')).toBe(true);
    expect(mayOpenSchool({ role: 'school_admin', schoolId: 's1' }, 's2')).toBe(false);
    expect(mayOpenSchool({ role: 'district_admin', schoolId: null }, 's2')).toBe(true);
    expect(mayOpenSchool({ role: 'teacher', schoolId: 's1' }, 's1')).toBe(false);
  });
});
