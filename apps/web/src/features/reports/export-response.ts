import { SESSION_COOKIE } from '@sferum/contracts';
import type { NextRequest } from 'next/server';
import { loginHref } from '../../auth/safe-next';
import { getPathname } from '../../i18n/navigation';
import { isAppLocale, routing, type AppLocale } from '../../i18n/routing';
import { apiUrl } from '../../server/api-url';

/** The headers of the API's file that the download keeps. */
const FILE_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

export function exportLocale(raw: string): AppLocale {
  return isAppLocale(raw) ? raw : routing.defaultLocale;
}

/**
 * Answers with a report's XLSX as the API builds it, fetched with the
 * visitor's own session, in the page's language. No session sends the visitor
 * to sign in and back to `pagePath` instead of a JSON error in a file.
 */
export async function reportExport({
  request,
  locale,
  apiPath,
  pagePath,
}: {
  request: NextRequest;
  locale: AppLocale;
  apiPath: string;
  pagePath: string;
}): Promise<Response> {
  const session = request.cookies.get(SESSION_COOKIE)?.value;
  const upstream = session
    ? await fetch(apiUrl(`${apiPath}?locale=${locale}`), {
        headers: { cookie: `${SESSION_COOKIE}=${session}` },
        cache: 'no-store',
      })
    : null;
  if (!upstream || upstream.status === 401) {
    const login = getPathname({ href: loginHref(getPathname({ href: pagePath, locale })), locale });
    return new Response(null, { status: 303, headers: { location: login } });
  }
  if (!upstream.ok) return new Response(null, { status: upstream.status });
  const headers = new Headers();
  for (const name of FILE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { headers });
}
