import { describe, expect, it } from '@jest/globals';
import { MESSAGES } from '../../i18n/messages';
import { isCurrent, navItems } from './nav-items';

describe('navItems', () => {
  it('shows each role its own pages, and everyone the account page', () => {
    expect(navItems({ role: 'teacher', schoolId: 's1' }).map((item) => item.href)).toEqual(['/classes', '/account']);
    expect(navItems({ role: 'school_admin', schoolId: 's1' }).map((item) => item.href)).toEqual([
      '/schools/s1',
      '/reports/schools/s1',
      '/staff',
      '/account',
    ]);
    expect(navItems({ role: 'district_admin', schoolId: null }).map((item) => item.href)).toEqual([
      '/schools',
      '/reports/district',
      '/reports/keys',
      '/staff',
      '/account',
    ]);
  });

  it('gives the district admin the district report and the API keys, and nobody else', () => {
    const hrefs = (role: 'teacher' | 'school_admin') => navItems({ role, schoolId: 's1' }).map((item) => item.href);
    for (const role of ['teacher', 'school_admin'] as const) {
      expect(hrefs(role)).not.toContain('/reports/district');
      expect(hrefs(role)).not.toContain('/reports/keys');
    }
    expect(hrefs('teacher').some((href) => href.startsWith('/reports'))).toBe(false);
  });

  it('gives a school admin without a school no school pages', () => {
    expect(navItems({ role: 'school_admin', schoolId: null }).map((item) => item.href)).toEqual(['/staff', '/account']);
  });

  it('names every item with a message that exists in Russian, as «Отчёт по району» and «Отчёт по школе»', () => {
    const labels = [
      ...navItems({ role: 'district_admin', schoolId: null }),
      ...navItems({ role: 'school_admin', schoolId: 's1' }),
      ...navItems({ role: 'teacher', schoolId: 's1' }),
    ].map((item) => ({
      href: item.href,
      text: item.label.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], MESSAGES.ru),
    }));
    for (const { text } of labels) expect(typeof text).toBe('string');
    expect(labels).toContainEqual({ href: '/reports/district', text: 'Отчёт по району' });
    expect(labels).toContainEqual({ href: '/reports/schools/s1', text: 'Отчёт по школе' });
    expect(labels).toContainEqual({ href: '/reports/keys', text: 'Ключи API' });
  });
});

describe('isCurrent', () => {
  it('marks the item of the page and of the pages under it', () => {
    expect(isCurrent('/schools/s1', '/schools')).toBe(true);
    expect(isCurrent('/schools', '/schools')).toBe(true);
    expect(isCurrent('/schoolsx', '/schools')).toBe(false);
  });

  it('does not mark the school page current on its report, nor the report on the keys page', () => {
    expect(isCurrent('/reports/schools/s1', '/schools/s1')).toBe(false);
    expect(isCurrent('/reports/keys', '/reports/district')).toBe(false);
  });
});
