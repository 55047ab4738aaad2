import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes from the CSPRNG, base64url: sessions, setup links, parent links, API keys. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash of a token is stored; the token itself is shown once and forgotten. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A token as we issue them: 43 base64url characters. Anything else is not looked up. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
