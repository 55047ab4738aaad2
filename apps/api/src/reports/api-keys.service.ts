import { Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeySummary, CreatedApiKey } from '@sferum/contracts';
import { AccessPolicy } from '../auth/access-policy.service';
import type { AuthContext } from '../auth/auth-context';
import { hashToken, newToken } from '../auth/tokens';
import { ApiKeysRepository } from './api-keys.repository';

/** A district's reporting keys: the secret is shown once and kept only as its SHA-256. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly access: AccessPolicy,
  ) {}

  async list(auth: AuthContext): Promise<ApiKeySummary[]> {
    this.access.requireRole(auth, 'district.manage');
    return this.keys.listForDistrict(auth.districtId);
  }

  async create(auth: AuthContext, name: string): Promise<CreatedApiKey> {
    this.access.requireRole(auth, 'district.manage');
    const secret = newToken();
    const apiKey = await this.keys.insert(auth.districtId, name, hashToken(secret), auth.userId);
    return { apiKey, secret };
  }

  async revoke(auth: AuthContext, keyId: string): Promise<ApiKeySummary> {
    this.access.requireRole(auth, 'district.manage');
    const apiKey = await this.keys.revoke(auth.districtId, keyId);
    if (!apiKey) throw new NotFoundException('API key not found');
    return apiKey;
  }
}
