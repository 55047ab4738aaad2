import { describe, expect, it } from '@jest/globals';
import { looksLikeEmail } from './email';

describe('looksLikeEmail', () => {
  it('accepts an address with a domain and refuses the usual slips', () => {
    expect(looksLikeEmail(' ivanova@school7.ru ')).toBe(true);
    expect(looksLikeEmail('ivanova@school7')).toBe(false);
    expect(looksLikeEmail('ivanova school7.ru')).toBe(false);
    expect(looksLikeEmail('ivanova@@school7.ru')).toBe(false);
  });
});
