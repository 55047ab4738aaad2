import { createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { AuthContext, AuthenticatedRequest } from './auth-context';

export const IS_PUBLIC = 'auth:isPublic';

/** How a public route treats a staff session: never looked up, or used when the request carries one. */
export type PublicAccess = 'no-session' | 'session-if-any';

/**
 * The route needs no staff session (health, sign-in, setup links, parent and
 * reporting endpoints). The session is not even looked up, a query saved on
 * every parent page and report, unless the route uses it when there is one
 * (`{ sessionIfAny: true }`: sign-out ends the caller's session).
 */
export const Public = ({ sessionIfAny = false }: { sessionIfAny?: boolean } = {}): MethodDecorator & ClassDecorator =>
  SetMetadata(IS_PUBLIC, (sessionIfAny ? 'session-if-any' : 'no-session') satisfies PublicAccess);

/** The caller's AuthContext; only on routes behind the session guard. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) {
    throw new UnauthorizedException('Sign in first');
  }
  return auth;
});
