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
