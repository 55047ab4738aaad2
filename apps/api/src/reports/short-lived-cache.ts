/**
 * Values kept for a few seconds, one computation at a time per key: callers
 * that ask while it runs share its result, and a failure is not kept. With a
 * lifetime of 0 every call computes.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<T> }>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.lifetimeMs <= 0) return compute();
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > now) return entry.value;
    this.dropExpired(now);
    const value = compute();
    this.entries.set(key, { expiresAt: now + this.lifetimeMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
