import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitService } from '../common/rate-limit.service';
import { AccessPolicy } from './access-policy.service';
import { AccessRepository } from './access.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { SetupLinksService } from './setup-links.service';

/** Staff sign-in, sessions, setup links and the access policy every feature uses. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    SetupLinksService,
    RateLimitService,
    AccessPolicy,
    AccessRepository,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AccessPolicy, SetupLinksService, SessionService, RateLimitService],
})
export class AuthModule {}
