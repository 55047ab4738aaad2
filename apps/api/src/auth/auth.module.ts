import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitService } from '../common/rate-limit.service';
import { RateLimitsRepository } from '../common/rate-limits.repository';
import { AccessPolicy } from './access-policy.service';
import { AccessRepository } from './access.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';
import { SetupLinksRepository } from './setup-links.repository';
import { SetupLinksService } from './setup-links.service';
import { StaffAccountsRepository } from './staff-accounts.repository';

/** Staff sign-in, sessions, setup links and the access policy every feature uses. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    SessionsRepository,
    SetupLinksService,
    SetupLinksRepository,
    StaffAccountsRepository,
    RateLimitService,
    RateLimitsRepository,
    AccessPolicy,
    AccessRepository,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AccessPolicy, SetupLinksService, SessionService, RateLimitService],
})
export class AuthModule {}
