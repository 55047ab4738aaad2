import type { QueryClient } from '@tanstack/react-query';
import { ApiError, parseRetryAfter } from './api-error';
import { parseApiErrorBody, type Parser } from './parse';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a request reaches the API: `path` starts with /api. */
export type ApiFetch = (path: string, init: RequestInit) => Promise<Response>;

// Same origin only: the web app forwards /api/* and the session cookie stays first-party.
const fromBrowser: ApiFetch = (path, init) => fetch(path, { ...init, credentials: 'same-origin' });

interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
  /** The browser's own fetch unless given (the server's, while it prefetches a page's data). */
  via?: ApiFetch;
}

async function send(path: string, { method = 'GET', body, via = fromBrowser }: RequestOptions): Promise<Response> {
  let response: Response;
  try {
    response = await via(path, {
      method,
      cache: 'no-store',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) {
    const errorBody = parseApiErrorBody(await response.json().catch(() => null));
    throw new ApiError(response.status, errorBody, parseRetryAfter(response.headers.get('retry-after')));
  }
  return response;
}

/** Calls the API and returns its parsed answer; throws ApiError on failure. */
export function apiRequest<T>(path: string, options: RequestOptions & { parse: Parser<T> }): Promise<T>;
/** Calls the API for an answer without a body (204). */
export function apiRequest(path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { parse?: Parser<T> } = {},
): Promise<T | void> {
  const response = await send(path, options);
  if (!options.parse) return;
  return options.parse(await response.json());
}

const clientFetches = new WeakMap<QueryClient, ApiFetch>();

/**
 * The queries this client runs reach the API through `via`: the server's
 * client of one page request sends them with that visitor's cookie.
 */
export function sendQueriesVia(client: QueryClient, via: ApiFetch): void {
  clientFetches.set(client, via);
}

/**
 * A query's function: GETs `path` and parses the answer, through the fetch of
 * the client that runs it (see sendQueriesVia), the browser's otherwise. The
 * same query thus runs on the server for the first paint and in the browser after.
 */
export function getFromApi<T>(path: string, parse: Parser<T>): (context: { client: QueryClient }) => Promise<T> {
  return ({ client }) => apiRequest(path, { parse, via: clientFetches.get(client) });
}
