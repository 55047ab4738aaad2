import { describe, expect, it } from '@jest/globals';
import { getPathname } from './navigation';

describe('getPathname', () => {
  it('leaves Russian paths without a prefix and puts English ones under /en', () => {
    expect(getPathname({ href: '/', locale: 'ru' })).toBe('/');
    expect(getPathname({ href: '/', locale: 'en' })).toBe('/en');
    expect(getPathname({ href: '/p/abc', locale: 'en' })).toBe('/en/p/abc');
  });
});
