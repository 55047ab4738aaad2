import { describe, expect, it } from '@jest/globals';
import { formatAsOf } from './report-as-of';

describe('formatAsOf', () => {
  it('writes the moment in Moscow time, whatever the viewer’s zone', () => {
    expect(formatAsOf('2026-12-02T18:25:59.000Z', 'ru')).toEqual({ date: '2 декабря 2026 г.', time: '21:25' });
    expect(formatAsOf('2026-12-02T22:10:00.000Z', 'ru')).toEqual({ date: '3 декабря 2026 г.', time: '01:10' });
  });
});
