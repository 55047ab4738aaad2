import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_SQL } from './rate-limit.sql';

export interface RateLimitState {
  hits: number;
  retryAfterSeconds: number;
}

export class TooManyRequestsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counters in PostgreSQL, so that every copy of the API shares them (no state
 * in memory). A bucket's window opens at its first hit and lasts
 * `windowSeconds`; one upsert per hit.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit in the bucket's current window and returns the window's total. */
  async hit(bucket: string, windowSeconds: number): Promise<RateLimitState> {
    const rows = await this.dataSource.query<Array<{ hits: number; retry_after: number }>>(
      RATE_LIMIT_SQL.hit,
      [bucket, windowSeconds],
    );
    if (Math.random() < 0.01) {
      await this.dataSource.query(RATE_LIMIT_SQL.cleanup);
    }
    return toState(rows[0]);
  }

  /** The current window's total without counting a hit. */
  async peek(bucket: string, windowSeconds: number): Promise<RateLimitState> {
    const rows = await this.dataSource.query<Array<{ hits: number; retry_after: number }>>(
      `SELECT hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
       FROM rate_limit_hit
       WHERE bucket = $1 AND window_start > now() - make_interval(secs => $2)`,
      [bucket, windowSeconds],
    );
    return toState(rows[0]);
  }

  /** Throws 429 (with Retry-After) once a bucket has more than `limit` hits in its window. */
  async consume(bucket: string, limit: number, windowSeconds: number): Promise<void> {
    const state = await this.hit(bucket, windowSeconds);
    if (state.hits > limit) {
      throw new TooManyRequestsException(state.retryAfterSeconds);
    }
  }
}

function toState(row: { hits: number; retry_after: number } | undefined): RateLimitState {
  return { hits: row?.hits ?? 0, retryAfterSeconds: Math.max(1, row?.retry_after ?? 1) };
}
