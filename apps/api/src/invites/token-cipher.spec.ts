import { randomBytes } from 'node:crypto';
import { TokenCipher } from './token-cipher';

describe('TokenCipher', () => {
  const key = randomBytes(32).toString('base64');

  it('gives the token back, and never holds it in plain text', () => {
    const cipher = new TokenCipher(key);
    const token = 'q7Vb3kX9_wZ2-mN8pR4tY6uI1oP5aS0dF3gH7jK9lL2';
    const blob = cipher.encrypt(token);
    expect(blob.toString('utf8')).not.toContain(token);
    expect(blob.toString('base64')).not.toContain(token);
    expect(cipher.decrypt(blob)).toBe(token);
  });

  it('refuses a tampered ciphertext and a different key', () => {
    const blob = new TokenCipher(key).encrypt('secret-token');
    const tampered = Buffer.from(blob);
    tampered.writeUInt8(tampered.readUInt8(14) ^ 0xff, 14);
    expect(() => new TokenCipher(key).decrypt(tampered)).toThrow();
    expect(() => new TokenCipher(randomBytes(32).toString('base64')).decrypt(blob)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new TokenCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
