import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE, type ApiKeySummary, type CreateApiKeyRequest, type CreatedApiKey } from '@sferum/contracts';
import { IsString, Length } from 'class-validator';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { Trim } from '../common/dto-transforms';
import { UuidParam } from '../common/uuid-param.decorator';
import { ApiKeysService } from './api-keys.service';

class CreateApiKeyDto implements CreateApiKeyRequest {
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}

@ApiTags('reports (v1)')
@ApiCookieAuth(SESSION_COOKIE)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@Auth() auth: AuthContext): Promise<ApiKeySummary[]> {
    return this.keys.list(auth);
  }

  @Post()
  @ApiCreatedResponse({ description: 'The secret is in this answer only.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.keys.create(auth, dto.name);
  }

  @Post(':keyId/revoke')
  @HttpCode(HttpStatus.OK)
  revoke(@Auth() auth: AuthContext, @UuidParam('keyId') keyId: string): Promise<ApiKeySummary> {
    return this.keys.revoke(auth, keyId);
  }
}
