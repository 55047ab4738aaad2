import { Injectable } from '@nestjs/common';
import type { ApiKeySummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { RateLimitWindow } from '../common/rate-limits.repository';
import { REPORTS_SQL } from './reports.sql';
import { firstRow } from '../database/rows';

interface ApiKeyRow {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A live key as the reporting API's guard sees it, with its rate-limit window after this request's hit. */
export interface UsedApiKey {
  id: string;
  districtId: string;
  window: RateLimitWindow;
}

/** `api_key`: a district's reporting keys, keyed by the SHA-256 of their secret (typed raw SQL). */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The district's keys, live ones first, newest first. */
  async listForDistrict(districtId: string): Promise<ApiKeySummary[]> {
    const rows = await this.dataSource.query<ApiKeyRow[]>(
      `SELECT id, name, created_at, last_used_at, revoked_at FROM api_key WHERE district_id = $1
       ORDER BY revoked_at IS NOT NULL, created_at DESC`,
      [districtId],
    );
    return rows.map(toSummary);
  }

  async insert(districtId: string, name: string, keyHash: Buffer, createdBy: string): Promise<ApiKeySummary> {
    const rows = await this.dataSource.query<ApiKeyRow[]>(
      `INSERT INTO api_key (district_id, name, key_hash, created_by) VALUES ($1, $2, $3, $4)
       RETURNING id, name, created_at, last_used_at, revoked_at`,
      [districtId, name, keyHash, createdBy],
    );
    return toSummary(firstRow(rows, 'INSERT INTO api_key'));
  }

  /** Revokes the district's key (a revoked one keeps its first revocation time); undefined when it has no such key. */
  async revoke(districtId: string, keyId: string): Promise<ApiKeySummary | undefined> {
    const [rows] = await this.dataSource.query<[ApiKeyRow[], number]>(
      `UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND district_id = $2
       RETURNING id, name, created_at, last_used_at, revoked_at`,
      [keyId, districtId],
    );
    return rows[0] && toSummary(rows[0]);
  }

  /**
   * The unrevoked key with this hash, in one statement with what its use
   * writes: its last use when that is older than `precisionSeconds`, and a
   * hit in its rate-limit bucket (windows of `windowSeconds`). Undefined, and
   * nothing written, when there is no such key.
   */
  async use(keyHash: Buffer, precisionSeconds: number, windowSeconds: number): Promise<UsedApiKey | undefined> {
    const rows = await preparedQuery<{ id: string; district_id: string; hits: number; retry_after: number }>(
      this.dataSource.manager,
      REPORTS_SQL.useApiKey,
      [keyHash, precisionSeconds, windowSeconds],
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        districtId: row.district_id,
        window: { hits: row.hits, retryAfterSeconds: row.retry_after },
      }
    );
  }
}

function toSummary(row: ApiKeyRow): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
