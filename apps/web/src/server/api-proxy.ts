import type { ApiErrorBody } from '@sferum/contracts';
import { apiBaseUrl } from './api-url';

// Headers that describe one connection, not the message (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** How long the API may take to start answering before the browser gets a 504. */
const UPSTREAM_HEADERS_TIMEOUT_MS = 30_000;

function connectionListed(headers: Headers): Set<string> {
  const listed = (headers.get('connection') ?? '').split(',');
  return new Set(listed.map((name) => name.trim().toLowerCase()).filter(Boolean));
}

/**
 * Headers the API receives: everything the browser sent (cookies included)
 * except per-connection ones. `host` and `content-length` are set anew by fetch;
 * `accept-encoding` is dropped so the API answers uncompressed and fetch hands
 * the bytes through untouched (Next compresses the response to the browser).
 */
export function requestHeadersForApi(incoming: Headers): Headers {
  const skip = connectionListed(incoming);
  const out = new Headers();
  incoming.forEach((value, name) => {
    if (
      HOP_BY_HOP.has(name) ||
      skip.has(name) ||
      name === 'host' ||
      name === 'content-length' ||
      name === 'accept-encoding' ||
      name.startsWith('x-middleware-')
    ) {
      return;
    }
    out.set(name, value);
  });
  return out;
}

/**
 * Headers the browser receives: the API's, minus per-connection ones, with each
 * Set-Cookie kept as its own header, and a Location that points at the API's
 * own origin turned into a path on the web origin.
 */
export function responseHeadersFromApi(upstream: Headers, apiOrigin: string): Headers {
  const skip = connectionListed(upstream);
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (
      HOP_BY_HOP.has(name) ||
      skip.has(name) ||
      name === 'content-length' ||
      name === 'content-encoding' ||
      name === 'set-cookie'
    ) {
      return;
    }
    out.set(name, value);
  });
  for (const cookie of upstream.getSetCookie()) {
    out.append('set-cookie', cookie);
  }
  const location = out.get('location');
  if (location?.startsWith(`${apiOrigin}/`)) {
    out.set('location', location.slice(apiOrigin.length));
  }
  return out;
}

function errorResponse(statusCode: 502 | 504, error: string, message: string): Response {
  const body: ApiErrorBody = { statusCode, error, message };
  return Response.json(body, { status: statusCode, headers: { 'cache-control': 'no-store' } });
}

/**
 * Forwards one request to the API under the same path and query, and streams
 * the answer back with its status, headers and cookies. The browser only ever
 * talks to the web origin, so the session cookie stays first-party.
 */
export async function forwardToApi(request: Request): Promise<Response> {
  const incomingUrl = new URL(request.url);
  const base = apiBaseUrl();
  const target = new URL(incomingUrl.pathname + incomingUrl.search, base);
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), UPSTREAM_HEADERS_TIMEOUT_MS);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method,
      headers: requestHeadersForApi(request.headers),
      body: body && body.byteLength > 0 ? body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: abort.signal,
    });
  } catch {
    return abort.signal.aborted
      ? errorResponse(504, 'Gateway Timeout', 'The API did not answer in time.')
      : errorResponse(502, 'Bad Gateway', 'The API is not reachable.');
  } finally {
    clearTimeout(timer);
  }

  const nullBody = method === 'HEAD' || NULL_BODY_STATUSES.has(upstream.status);
  return new Response(nullBody ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeadersFromApi(upstream.headers, base.origin),
  });
}
