import { describe, expect, it } from '@jest/globals';
import { loginHref, safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeNextPath('/staff')).toBe('/staff');
    expect(safeNextPath('/en/schools/42?tab=1')).toBe('/en/schools/42?tab=1');
  });

  it('refuses anything that could lead to another site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/staff',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\tevil',
      'staff',
      '',
      null,
      undefined,
    ]) {
      expect(safeNextPath(value)).toBeNull();
    }
  });

  it('never returns to the sign-in page, a setup link or the API', () => {
    expect(safeNextPath('/login')).toBeNull();
    expect(safeNextPath('/en/login?next=%2Fstaff')).toBeNull();
    expect(safeNextPath('/setup/abc')).toBeNull();
    expect(safeNextPath('/en/setup/abc')).toBeNull();
    expect(safeNextPath('/api/auth/me')).toBeNull();
    expect(safeNextPath('/loginx')).toBe('/loginx');
  });

  it('resolves dot segments before deciding', () => {
    expect(safeNextPath('/staff/../setup/abc')).toBeNull();
    expect(safeNextPath('/a/../staff')).toBe('/staff');
  });
});

describe('loginHref', () => {
  it('carries a safe page to come back to and drops an unsafe one', () => {
    expect(loginHref('/en/staff')).toBe('/login?next=%2Fen%2Fstaff');
    expect(loginHref('//evil.example')).toBe('/login');
    expect(loginHref()).toBe('/login');
  });
});
