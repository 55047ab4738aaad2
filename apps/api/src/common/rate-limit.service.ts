import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimitsRepository, type RateLimitDecision, type RateLimitWindow } from './rate-limits.repository';

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
   * Enforces a decision taken in the statement that also found what the
   * request is about (rateLimitDecisionAfterLookUp): 429 when the guard
   * refused (nothing was counted), or once the counted bucket has more than
   * `countedLimit` hits.
   */
  async enforce(decision: RateLimitDecision, countedLimit: number): Promise<void> {
    if (decision.blocked) throw new TooManyRequestsException(atLeastOneSecond(decision.retryAfterSeconds));
    await this.decideCounted(decision.counted, countedLimit);
  }

  /** The current window's total without counting a hit. */
  async peek(bucket: string, windowSeconds: number): Promise<RateLimitWindow> {
    return toState(await this.buckets.openWindow(bucket, windowSeconds));
  }

  /** Throws 429 (with Retry-After) once a bucket has more than `limit` hits in its window. */
  async consume(bucket: string, limit: number, windowSeconds: number): Promise<void> {
    await this.decideCounted(await this.buckets.hit(bucket, windowSeconds), limit);
  }

  /**
   * The decision on a hit that the caller's own statement counted (with
   * `countHitSql`, along with what its request reads): 429 (with
   * Retry-After) once the bucket has more than `limit` hits in its window.
   */
  async decideCounted(window: RateLimitWindow | undefined, limit: number): Promise<void> {
    await this.sometimesDeleteStale();
    const state = toState(window);
    if (state.hits > limit) throw new TooManyRequestsException(state.retryAfterSeconds);
  }

  /** One hit in a hundred also deletes the buckets idle for a day. */
  private async sometimesDeleteStale(): Promise<void> {
    if (Math.random() < 0.01) {
      await this.buckets.deleteStale();
    }
  }
}

/** No open window counts as none. */
function toState(window: RateLimitWindow | undefined): RateLimitWindow {
  return { hits: window?.hits ?? 0, retryAfterSeconds: atLeastOneSecond(window?.retryAfterSeconds) };
}

/** A client is never told to retry in less than a second. */
function atLeastOneSecond(seconds: number | undefined): number {
  return Math.max(1, seconds ?? 1);
}
