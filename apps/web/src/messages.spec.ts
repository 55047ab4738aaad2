import { describe, expect, it } from '@jest/globals';
import { MESSAGES } from './i18n/messages';

const { ru, en } = MESSAGES;

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('message files', () => {
  it('give English every key that Russian has, and no other', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(ru).sort());
  });

  it('leave no message empty', () => {
    for (const messages of [ru, en]) {
      const values = keysOf(messages).map((path) =>
        path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages),
      );
      expect(values.filter((value) => typeof value !== 'string' || value.trim() === '')).toEqual([]);
    }
  });
});
