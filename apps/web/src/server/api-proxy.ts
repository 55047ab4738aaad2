import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
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

/** One request to the API as node:http sends it: nothing added to what we pass. */
function requestApi(
  target: URL,
  init: { method: string; headers: Headers; body: Buffer | undefined },
): Promise<http.IncomingMessage> {
  const send = target.protocol === 'https:' ? https.request : http.request;
  const headers: http.OutgoingHttpHeaders = {};
  init.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (init.body) headers['content-length'] = String(init.body.byteLength);
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method: init.method, headers }, resolve);
    outgoing.setTimeout(UPSTREAM_HEADERS_TIMEOUT_MS, () => outgoing.destroy(new UpstreamTimeout()));
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

class UpstreamTimeout extends Error {}

/** The API's response headers as a Headers object, each Set-Cookie kept apart. */
function headersOf(incoming: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * Forwards one request to the API under the same path and query, and streams
 * the answer back with its status, headers and cookies. The browser only ever
 * talks to the web origin, so the session cookie stays first-party.
 *
 * Sent with node:http rather than fetch: fetch adds `Cache-Control: no-cache`
 * and `Pragma: no-cache` to a request carrying If-None-Match or
 * If-Modified-Since (the Fetch standard's "no-store" mode), and the API then
 * never answers 304. Here the conditional headers, ETag, Last-Modified and
 * Cache-Control pass unchanged both ways, and a 304 comes back as a 304.
 */
export async function forwardToApi(request: Request): Promise<Response> {
  const incomingUrl = new URL(request.url);
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? Buffer.from(await request.arrayBuffer()) : undefined;
  return sendToApi(incomingUrl.pathname + incomingUrl.search, {
    method,
    headers: requestHeadersForApi(request.headers),
    body: body && body.byteLength > 0 ? body : undefined,
  });
}

/**
 * One request to the API at `pathWithQuery` (starting with `/api`) with exactly
 * these headers, its answer streamed back with status, headers and cookies:
 * the forwarding above, and a page's route that fetches a file for its visitor.
 */
export async function sendToApi(
  pathWithQuery: string,
  init: { method: string; headers: Headers; body?: Buffer },
): Promise<Response> {
  const base = apiBaseUrl();
  let upstream: http.IncomingMessage;
  try {
    upstream = await requestApi(new URL(pathWithQuery, base), {
      method: init.method,
      headers: init.headers,
      body: init.body,
    });
  } catch (error) {
    return error instanceof UpstreamTimeout
      ? errorResponse(504, 'Gateway Timeout', 'The API did not answer in time.')
      : errorResponse(502, 'Bad Gateway', 'The API is not reachable.');
  }
  // The timeout covers waiting for the headers; a long download may take its time.
  upstream.setTimeout(0);

  const status = upstream.statusCode ?? 502;
  const nullBody = init.method === 'HEAD' || NULL_BODY_STATUSES.has(status);
  if (nullBody) upstream.resume();
  return new Response(nullBody ? null : (Readable.toWeb(upstream) as ReadableStream<Uint8Array>), {
    status,
    statusText: upstream.statusMessage,
    headers: responseHeadersFromApi(headersOf(upstream), base.origin),
  });
}
