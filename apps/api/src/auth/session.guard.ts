import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SESSION_COOKIE } from '@sferum/contracts';
import type { AuthenticatedRequest } from './auth-context';
import { IS_PUBLIC, type PublicAccess } from './auth.decorators';
import { SessionService } from './session.service';

/** Every route needs a live staff session unless it is marked @Public(), which then looks none up unless asked to. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<PublicAccess | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'no-session') {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const cookies = request.cookies as Record<string, unknown> | undefined;
    const auth = await this.sessions.authenticate(cookies?.[SESSION_COOKIE]);
    if (auth) {
      request.auth = auth;
    }
    if (access === undefined && !auth) {
      throw new UnauthorizedException('Sign in first');
    }
    return true;
  }
}
