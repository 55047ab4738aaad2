import { describe, expect, it } from '@jest/globals';
import { isCurrent, navItems } from './nav-items';

describe('navItems', () => {
  it('shows each role its own pages, and everyone the account page', () => {
    expect(navItems({ role: 'teacher', schoolId: 's1' }).map((item) => item.href)).toEqual(['/classes', '/account']);
    expect(navItems({ role: 'school_admin', schoolId: 's1' }).map((item) => item.href)).toEqual([
      '/schools/s1',
      '/staff',
      '/account',
    ]);
    expect(navItems({ role: 'district_admin', schoolId: null }).map((item) => item.href)).toEqual([
      '/schools',
      '/staff',
      '/account',
    ]);
  });
});

describe('isCurrent', () => {
  it('marks the item of the page and of the pages under it', () => {
    expect(isCurrent('/schools/s1', '/schools')).toBe(true);
    expect(isCurrent('/schools', '/schools')).toBe(true);
    expect(isCurrent('/schoolsx', '/schools')).toBe(false);
  });
});
