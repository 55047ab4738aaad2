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

/** The columns of a statement that took one decision (rateLimitDecisionAfterLookUp in rate-limit.sql.ts). */
export interface RateLimitDecisionRow {
  blocked_retry_after: number | null;
  hits: number | null;
  retry_after: number | null;
}

/** Refused by a guard bucket (nothing counted), or counted: the counted bucket's window after the hit. */
export type RateLimitDecision =
  { blocked: true; retryAfterSeconds: number } | { blocked: false; counted: RateLimitWindow };

/** The decision a statement's row carries: the guard's refusal, or the counted window (there is always one then). */
export function toRateLimitDecision(row: RateLimitDecisionRow): RateLimitDecision {
  if (row.blocked_retry_after !== null) return { blocked: true, retryAfterSeconds: row.blocked_retry_after };
  return { blocked: false, counted: { hits: row.hits ?? 0, retryAfterSeconds: row.retry_after ?? 0 } };
}

/** `rate_limit_hit`: one row per bucket (typed raw SQL, the benchmarked text from rate-limit.sql.ts). */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts a hit, opening a new window when the last one has closed. */
  async hit(bucket: string, windowSeconds: number): Promise<RateLimitWindow | undefined> {
    const rows = await this.dataSource.query<WindowRow[]>(RATE_LIMIT_SQL.hit, [bucket, windowSeconds]);
    return toWindow(rows[0]);
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
