import { normalizePhone, phoneHmac } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['+7 (912) 345-67-89', '79123456789'],
    ['8 912 345 67 89', '79123456789'],
    ['9123456789', '79123456789'],
    ['79123456789', '79123456789'],
    ['+375 29 123-45-67', '375291234567'],
  ])('reads %s as %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it.each(['', '12345', 'call me', '+7 912 345 67 89 ext 5', '1'.repeat(16)])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

describe('phoneHmac', () => {
  it('gives the same 32 bytes for the same number and key, others for another key', () => {
    const a = phoneHmac('key-one-key-one-key-one-key-one-1', '79123456789');
    expect(a).toHaveLength(32);
    expect(phoneHmac('key-one-key-one-key-one-key-one-1', '79123456789').equals(a)).toBe(true);
    expect(phoneHmac('key-two-key-two-key-two-key-two-2', '79123456789').equals(a)).toBe(false);
    expect(a.toString('hex')).not.toContain('9123456789');
  });
});
