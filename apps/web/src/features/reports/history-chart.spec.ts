import { describe, expect, it } from '@jest/globals';
import { tickIndexes } from './history-chart';

describe('the history chart’s date labels', () => {
  it('shows every day when there is room', () => {
    expect(tickIndexes(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('puts the labels a whole number of days apart, with the first and the last day', () => {
    // 15 days and room for 10 labels: every other day, never two neighbours.
    expect(tickIndexes(15, 10)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    const ticks = tickIndexes(30, 7);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(29);
    expect(ticks.length).toBeLessThanOrEqual(7);
    const gaps = ticks.slice(1).map((tick, i) => tick - (ticks[i] ?? 0));
    expect(Math.min(...gaps.slice(0, -1))).toBe(Math.max(...gaps.slice(0, -1)));
    // The last gap may be longer, never shorter than half a step.
    expect(gaps.at(-1)).toBeGreaterThanOrEqual((gaps[0] ?? 0) / 2);
  });

  it('keeps the first and the last with room for two', () => {
    expect(tickIndexes(30, 2)).toEqual([0, 29]);
  });
});
