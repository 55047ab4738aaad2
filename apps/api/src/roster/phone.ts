import { createHmac } from 'node:crypto';

/**
 * A phone number as one canonical string of digits, or undefined when it
 * cannot be a phone number. Russian numbers written as 8 999 …, +7 (999) … or
 * 999 … all become 7999…
 */
export function normalizePhone(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
  return digits.length >= 10 && digits.length <= 15 ? digits : undefined;
}

/**
 * The only trace of a phone number we keep: a keyed HMAC, enough to notice two
 * people of a school on one number (one number holds one VK ID), useless for
 * calling anyone or for matching against other databases without the key.
 */
export function phoneHmac(key: string, normalizedPhone: string): Buffer {
  return createHmac('sha256', key).update(normalizedPhone, 'utf8').digest();
}
