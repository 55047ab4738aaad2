const DEFAULT_API_URL = 'http://127.0.0.1:3333';

/**
 * Origin of the API, read from `API_URL` on every call (not at build time), so
 * one build runs against any API. A bad value fails loudly with its name.
 */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): URL {
  const raw = env.API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  return url;
}

/** `path` (starting with `/api`) on the API's origin, with the query string kept. */
export function apiUrl(pathWithQuery: string, env?: Record<string, string | undefined>): URL {
  return new URL(pathWithQuery, apiBaseUrl(env));
}
