import { ApiError, parseRetryAfter } from './api-error';
import { parseApiErrorBody, type Parser } from './parse';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  body?: unknown;
}

async function send(path: string, { method = 'GET', body }: RequestOptions): Promise<Response> {
  let response: Response;
  try {
    // Same origin only: the web app forwards /api/* and the session cookie stays first-party.
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
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

/** Calls the API from the browser and returns its parsed answer; throws ApiError on failure. */
export function apiRequest<T>(path: string, options: RequestOptions & { parse: Parser<T> }): Promise<T>;
/** Calls the API from the browser for an answer without a body (204). */
export function apiRequest(path: string, options?: RequestOptions): Promise<void>;
export async function apiRequest<T>(
  path: string,
  options: RequestOptions & { parse?: Parser<T> } = {},
): Promise<T | void> {
  const response = await send(path, options);
  if (!options.parse) return;
  return options.parse(await response.json());
}
