import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { RateLimitService } from '../common/rate-limit.service';
import { ApiKeysRepository } from './api-keys.repository';

export interface ApiKeyContext {
  keyId: string;
  districtId: string;
}

export interface ApiKeyRequest extends Request {
  apiKey?: ApiKeyContext;
}

/** Requests a minute per key: a reporting script needs a handful. */
const LIMIT_PER_KEY = 60;
const LIMIT_WINDOW_SECONDS = 60;
/** "Last used" is kept to the minute: writing it on every request made every report a write (docs/benchmarks.md). */
const LAST_USED_PRECISION_SECONDS = 60;

/**
 * `Authorization: Bearer <key>` of a live key; the request then reads only
 * that key's district. The key, its last use and its rate-limit hit are one
 * statement (ApiKeysRepository.use).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly rateLimits: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiKeyRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const secret = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1];
    const key = looksLikeToken(secret)
      ? await this.keys.use(hashToken(secret), LAST_USED_PRECISION_SECONDS, LIMIT_WINDOW_SECONDS)
      : undefined;
    if (!key) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="reports"');
      throw new UnauthorizedException('A valid reporting API key is required: Authorization: Bearer <key>');
    }
    await this.rateLimits.decideCounted(key.window, LIMIT_PER_KEY);
    request.apiKey = { keyId: key.id, districtId: key.districtId };
    return true;
  }
}
