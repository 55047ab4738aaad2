import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimitsRepository, type RateLimitBucket, type RateLimitWindow } from './rate-limits.repository';

export class TooManyRequestsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counters in PostgreSQL, so that every copy of the API shares them (no state
 * in memory), in an UNLOGGED table, so that a hit waits for no fsync. A
 * bucket's window opens at its first hit and lasts `windowSeconds`; one upsert
 * per hit.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly buckets: RateLimitsRepository) {}

  /** Counts one hit in the bucket's current window and returns the window's total. */
  async hit(bucket: string, windowSeconds: number): Promise<RateLimitWindow> {
    const window = await this.buckets.hit(bucket, windowSeconds);
    await this.sometimesDeleteStale();
    return toState(window);
  }

  /**
   * One decision in one statement: 429 while `guard` has reached `guardLimit`
   * (counting nothing), else one hit counted in `counted` (the guard itself
   * or another bucket) and 429 once that bucket has more than `countedLimit`.
   */
  async consumeUnlessBlocked(
    guard: RateLimitBucket,
    guardLimit: number,
    counted: RateLimitBucket,
    countedLimit: number,
  ): Promise<void> {
    const decision = await this.buckets.hitUnlessBlocked(guard, guardLimit, counted);
    if (decision.blocked) throw new TooManyRequestsException(toState(decision.blocked).retryAfterSeconds);
    await this.sometimesDeleteStale();
    const state = toState(decision.counted);
    if (state.hits > countedLimit) throw new TooManyRequestsException(state.retryAfterSeconds);
  }

  /** The current window's total without counting a hit. */
  async peek(bucket: string, windowSeconds: number): Promise<RateLimitWindow> {
    return toState(await this.buckets.openWindow(bucket, windowSeconds));
  }

  /** Throws 429 (with Retry-After) once a bucket has more than `limit` hits in its window. */
  async consume(bucket: string, limit: number, windowSeconds: number): Promise<void> {
    const state = await this.hit(bucket, windowSeconds);
    if (state.hits > limit) {
      throw new TooManyRequestsException(state.retryAfterSeconds);
    }
  }

  /** One hit in a hundred also deletes the buckets idle for a day. */
  private async sometimesDeleteStale(): Promise<void> {
    if (Math.random() < 0.01) {
      await this.buckets.deleteStale();
    }
  }
}

/** No open window counts as none, and a client is never told to retry in less than a second. */
function toState(window: RateLimitWindow | undefined): RateLimitWindow {
  return { hits: window?.hits ?? 0, retryAfterSeconds: Math.max(1, window?.retryAfterSeconds ?? 1) };
}
