import { Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeySummary, CreatedApiKey } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy.service';
import type { AuthContext } from '../auth/auth-context';
import { hashToken, newToken } from '../auth/tokens';

interface ApiKeyRow {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A district's reporting keys: the secret is shown once and kept only as its SHA-256. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  async list(auth: AuthContext): Promise<ApiKeySummary[]> {
    this.access.requireRole(auth, 'district.manage');
    const rows = await this.dataSource.query<ApiKeyRow[]>(
      `SELECT id, name, created_at, last_used_at, revoked_at FROM api_key WHERE district_id = $1
       ORDER BY revoked_at IS NOT NULL, created_at DESC`,
      [auth.districtId],
    );
    return rows.map(toSummary);
  }

  async create(auth: AuthContext, name: string): Promise<CreatedApiKey> {
    this.access.requireRole(auth, 'district.manage');
    const secret = newToken();
    const rows = await this.dataSource.query<ApiKeyRow[]>(
      `INSERT INTO api_key (district_id, name, key_hash, created_by) VALUES ($1, $2, $3, $4)
       RETURNING id, name, created_at, last_used_at, revoked_at`,
      [auth.districtId, name, hashToken(secret), auth.userId],
    );
    return { apiKey: toSummary(rows[0]), secret };
  }

  async revoke(auth: AuthContext, keyId: string): Promise<ApiKeySummary> {
    this.access.requireRole(auth, 'district.manage');
    const [rows] = await this.dataSource.query<[ApiKeyRow[], number]>(
      `UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND district_id = $2
       RETURNING id, name, created_at, last_used_at, revoked_at`,
      [keyId, auth.districtId],
    );
    if (!rows[0]) throw new NotFoundException('API key not found');
    return toSummary(rows[0]);
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
