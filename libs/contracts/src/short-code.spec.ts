import { formatShortCode, normalizeShortCode, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from './short-code';

describe('short codes', () => {
  it('carry at least 60 bits in an alphabet without look-alikes', () => {
    expect(SHORT_CODE_ALPHABET).toHaveLength(32);
    expect(SHORT_CODE_LENGTH * Math.log2(SHORT_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
    for (const lookalike of ['0', 'O', '1', 'I']) expect(SHORT_CODE_ALPHABET).not.toContain(lookalike);
  });

  it('reads a code typed with or without dashes, in lower case, with spaces, or on a Russian keyboard', () => {
    for (const typed of ['K7MQ-4XTD-9RZE', 'k7mq4xtd9rze', ' k7mq 4xtd 9rze ', 'К7МQ-4ХТD-9RZЕ']) {
      expect(normalizeShortCode(typed)).toBe('K7MQ4XTD9RZE');
    }
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'K7MQ-4XTD', 'K7MQ-4XTD-9RZE-5', 'K0MQ-4XTD-9RZE', 'K7MQ-4XTD-9RZ!']) {
      expect(normalizeShortCode(typed)).toBeNull();
    }
  });

  it('prints in three groups of four', () => {
    expect(formatShortCode('K7MQ4XTD9RZE')).toBe('K7MQ-4XTD-9RZE');
  });
});
