import { ShortLivedCache } from './short-lived-cache';

describe('ShortLivedCache', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('computes once for callers that ask while the value is fresh, and again once it is stale', async () => {
    const cache = new ShortLivedCache<number>(now);
    let computed = 0;
    const compute = () => Promise.resolve({ value: ++computed, freshForMs: 30_000 });
    expect(await Promise.all([cache.get('d1', compute), cache.get('d1', compute)])).toEqual([1, 1]);
    clock += 29_999;
    expect(await cache.get('d1', compute)).toBe(1);
    clock += 1;
    expect(await cache.get('d1', compute)).toBe(2);
    expect(await cache.get('d2', compute)).toBe(3);
  });

  it('keeps each value as long as its computation said', async () => {
    const cache = new ShortLivedCache<string>(now);
    await cache.get('d1', () => Promise.resolve({ value: 'counted elsewhere', freshForMs: 5_000 }));
    clock += 4_999;
    expect(await cache.get('d1', () => Promise.resolve({ value: 'again', freshForMs: 30_000 }))).toBe(
      'counted elsewhere',
    );
    clock += 1;
    expect(await cache.get('d1', () => Promise.resolve({ value: 'again', freshForMs: 30_000 }))).toBe('again');
  });

  it('does not keep a failure', async () => {
    const cache = new ShortLivedCache<string>(now);
    await expect(cache.get('d1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('d1', () => Promise.resolve({ value: 'counted', freshForMs: 30_000 }))).toBe('counted');
  });

  it('computes every time a value is fresh for no time at all', async () => {
    const cache = new ShortLivedCache<number>(now);
    let computed = 0;
    await cache.get('d1', () => Promise.resolve({ value: ++computed, freshForMs: 0 }));
    await cache.get('d1', () => Promise.resolve({ value: ++computed, freshForMs: 0 }));
    expect(computed).toBe(2);
  });
});
