import createMiddleware from 'next-intl/middleware';
import type { NextRequest, NextResponse } from 'next/server';
import { routing } from './i18n/routing';
import {
  cameOverHttps,
  createNonce,
  isParentLinkPath,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from './server/security-headers';

const handleI18nRouting = createMiddleware(routing);

/** Locale routing, and the headers that depend on the request: a CSP with a fresh nonce, HSTS over HTTPS. */
export default function proxy(request: NextRequest): NextResponse {
  // The parent route sets its own policy (no script at all); two policies would both apply.
  const policy = isParentLinkPath(request.nextUrl.pathname)
    ? null
    : pageContentSecurityPolicy(createNonce(), { development: process.env.NODE_ENV === 'development' });
  if (policy) {
    // Next reads the nonce for its own scripts from the request's policy; next-intl forwards the request headers.
    request.headers.set('content-security-policy', policy);
  }
  const response = handleI18nRouting(request);
  if (policy) response.headers.set('content-security-policy', policy);
  if (cameOverHttps(request.nextUrl, request.headers)) {
    response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  }
  return response;
}

export const config = {
  // Everything but the forwarded API, Next's own assets and files with an extension.
  matcher: '/((?!api|_next|_vercel|.*\\..*).*)',
};
