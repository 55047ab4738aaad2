import { createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { AuthContext, AuthenticatedRequest } from './auth-context';

export const IS_PUBLIC = 'auth:isPublic';

/** The route needs no staff session (health, sign-in, setup links, parent and reporting endpoints). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller's AuthContext; only on routes behind the session guard. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) {
    throw new UnauthorizedException('Sign in first');
  }
  return auth;
});
