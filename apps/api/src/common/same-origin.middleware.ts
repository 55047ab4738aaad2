import type { NextFunction, Request, RequestHandler, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site
 * (CSRF). SameSite=Lax cookies alone still let a same-site page or an old
 * browser through; the Fetch Metadata and Origin headers settle it. Requests
 * without either header come from programs, not from a browser tab, and carry
 * no ambient cookie to abuse.
 */
export function sameOriginOnly(publicWebUrl: string): RequestHandler {
  const configuredOrigin = new URL(publicWebUrl).origin;
  return (request: Request, response: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(request.method)) {
      next();
      return;
    }
    if (isSameOrigin(request, configuredOrigin)) {
      next();
      return;
    }
    response.status(403).json({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Cross-origin request refused',
    });
  };
}

function isSameOrigin(request: Request, configuredOrigin: string): boolean {
  const fetchSite = request.get('sec-fetch-site');
  if (fetchSite) {
    return fetchSite === 'same-origin' || fetchSite === 'none';
  }
  const origin = request.get('origin');
  if (!origin) {
    return true;
  }
  if (origin === configuredOrigin) {
    return true;
  }
  // The web app forwards /api/* and names the host the browser used.
  const host = request.get('x-forwarded-host') ?? request.get('host');
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
