/** A value and how much longer it may be served. */
export interface Fresh<T> {
  value: T;
  freshForMs: number;
}

/**
 * Values kept for as long as their computation says they are fresh, one
 * computation at a time per key: callers that ask while it runs share its
 * result, and a failure is not kept.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<string, { expiresAt: number | undefined; value: Promise<T> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, compute: () => Promise<Fresh<T>>): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && (entry.expiresAt === undefined || entry.expiresAt > now)) return entry.value;
    this.dropExpired(now);
    const kept: { expiresAt: number | undefined; value: Promise<T> } = {
      // Until the computation ends, callers wait for it.
      expiresAt: undefined,
      value: compute().then(
        (fresh) => {
          kept.expiresAt = this.now() + fresh.freshForMs;
          if (fresh.freshForMs <= 0 && this.entries.get(key) === kept) this.entries.delete(key);
          return fresh.value;
        },
        (error: unknown) => {
          if (this.entries.get(key) === kept) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.set(key, kept);
    return kept.value;
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
  }
}
