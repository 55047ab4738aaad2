import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type ApiKeySummary,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  ApiKeySummaryListSchema,
  ApiKeySummarySchema,
  CreatedApiKeySchema,
  ROUTES,
} from '@sferum/contracts';
import { IsString, Length } from 'class-validator';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { Trim } from '../common/dto-transforms';
import { UuidParam } from '../common/uuid-param.decorator';
import { ApiKeysService } from './api-keys.service';
import { Responds } from '../common/contract/responds.decorator';

class CreateApiKeyDto implements CreateApiKeyRequest {
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

@ApiTags('reports (v1)')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get(ROUTES.apiKeys.list)
  @Responds(ApiKeySummaryListSchema)
  list(@Auth() auth: AuthContext): Promise<ApiKeySummary[]> {
    return this.keys.list(auth);
  }

  @Post(ROUTES.apiKeys.list)
  @Responds(CreatedApiKeySchema, { status: HttpStatus.CREATED, description: 'The secret is in this answer only.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.keys.create(auth, dto.name);
  }

  @Post(ROUTES.apiKeys.revoke)
  @HttpCode(HttpStatus.OK)
  @Responds(ApiKeySummarySchema)
  revoke(@Auth() auth: AuthContext, @UuidParam('keyId') keyId: string): Promise<ApiKeySummary> {
    return this.keys.revoke(auth, keyId);
  }
}
