import { SESSION_COOKIE } from '@sferum/contracts';
import type { NextRequest } from 'next/server';
import { loginHref } from '../../auth/safe-next';
import { getPathname } from '../../i18n/navigation';
import { isAppLocale, routing, type AppLocale } from '../../i18n/routing';
import { sendToApi } from '../../server/api-proxy';

/** The headers of the API's file that the download keeps (its ETag too: a browser may ask again conditionally). */
const FILE_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag'];

export function exportLocale(raw: string): AppLocale {
  return isAppLocale(raw) ? raw : routing.defaultLocale;
}

/**
 * Answers with a report's XLSX as the API builds it, fetched with the
 * visitor's own session, in the page's language. No session sends the visitor
 * to sign in and back to `pagePath` instead of a JSON error in a file. A
 * conditional request goes on to the API, and its 304 comes back as it is.
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
  const headers = new Headers({ cookie: `${SESSION_COOKIE}=${session ?? ''}` });
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch) headers.set('if-none-match', ifNoneMatch);
  // Sent as the /api forwarding sends (node:http): fetch would add `Cache-Control: no-cache`, and no 304 came back.
  const upstream = session ? await sendToApi(`${apiPath}?locale=${locale}`, { method: 'GET', headers }) : null;
  if (!upstream || upstream.status === 401) {
    const login = getPathname({ href: loginHref(getPathname({ href: pagePath, locale })), locale });
    return new Response(null, { status: 303, headers: { location: login } });
  }
  const kept = new Headers();
  for (const name of FILE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) kept.set(name, value);
  }
  if (upstream.status === 304) return new Response(null, { status: 304, headers: kept });
  if (!upstream.ok) {
    await upstream.body?.cancel();
    return new Response(null, { status: upstream.status });
  }
  return new Response(upstream.body, { headers: kept });
}
