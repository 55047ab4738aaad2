import { ShortLivedCache } from './short-lived-cache';

describe('ShortLivedCache', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('computes once for callers that ask while the value is fresh, and again once it is stale', async () => {
    const cache = new ShortLivedCache<number>(30_000, now);
    let computed = 0;
    const compute = () => Promise.resolve(++computed);
    expect(await Promise.all([cache.get('d1', compute), cache.get('d1', compute)])).toEqual([1, 1]);
    clock += 29_999;
    expect(await cache.get('d1', compute)).toBe(1);
    clock += 1;
    expect(await cache.get('d1', compute)).toBe(2);
    expect(await cache.get('d2', compute)).toBe(3);
  });

  it('does not keep a failure', async () => {
    const cache = new ShortLivedCache<string>(30_000, now);
    await expect(cache.get('d1', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('d1', () => Promise.resolve('counted'))).toBe('counted');
  });

  it('computes every time with a lifetime of 0', async () => {
    const cache = new ShortLivedCache<number>(0, now);
    let computed = 0;
    await cache.get('d1', () => Promise.resolve(++computed));
    await cache.get('d1', () => Promise.resolve(++computed));
    expect(computed).toBe(2);
  });
});
