import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_SQL } from './rate-limit.sql';

/** A bucket's hits in its current window and the seconds until that window closes. */
export interface RateLimitWindow {
  hits: number;
  retryAfterSeconds: number;
}

interface WindowRow {
  hits: number;
  retry_after: number;
}

interface DecisionRow {
  blocked_retry_after: number | null;
  hits: number | null;
  retry_after: number | null;
}

/** A bucket and the length of its windows. */
export interface RateLimitBucket {
  bucket: string;
  windowSeconds: number;
}

/** Refused by a guard bucket (nothing counted), or counted: the counted bucket's window after the hit. */
export type RateLimitDecision = { blocked: RateLimitWindow } | { blocked: null; counted: RateLimitWindow };

/** `rate_limit_hit`: one row per bucket (typed raw SQL, the benchmarked text from rate-limit.sql.ts). */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts a hit, opening a new window when the last one has closed. */
  async hit(bucket: string, windowSeconds: number): Promise<RateLimitWindow | undefined> {
    const rows = await this.dataSource.query<WindowRow[]>(RATE_LIMIT_SQL.hit, [bucket, windowSeconds]);
    return toWindow(rows[0]);
  }

  /**
   * In one statement: refuses while `guard` has `limit` hits or more in its
   * open window, and otherwise counts a hit in `counted`.
   */
  async hitUnlessBlocked(guard: RateLimitBucket, limit: number, counted: RateLimitBucket): Promise<RateLimitDecision> {
    const rows = await this.dataSource.query<DecisionRow[]>(RATE_LIMIT_SQL.hitUnlessBlocked, [
      guard.bucket,
      guard.windowSeconds,
      limit,
      counted.bucket,
      counted.windowSeconds,
    ]);
    // The statement returns exactly one row: the guard's refusal, or the counted window.
    const row = rows[0]!;
    if (row.blocked_retry_after !== null)
      return { blocked: { hits: limit, retryAfterSeconds: row.blocked_retry_after } };
    return { blocked: null, counted: { hits: row.hits ?? 0, retryAfterSeconds: row.retry_after ?? 0 } };
  }

  /** The bucket's open window, if it has one. */
  async openWindow(bucket: string, windowSeconds: number): Promise<RateLimitWindow | undefined> {
    const rows = await this.dataSource.query<WindowRow[]>(RATE_LIMIT_SQL.peek, [bucket, windowSeconds]);
    return toWindow(rows[0]);
  }

  /** Deletes the buckets idle for a day. */
  async deleteStale(): Promise<void> {
    await this.dataSource.query(RATE_LIMIT_SQL.cleanup);
  }
}

function toWindow(row: WindowRow | undefined): RateLimitWindow | undefined {
  return row && { hits: row.hits, retryAfterSeconds: row.retry_after };
}
