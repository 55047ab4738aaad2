import { isApiError } from './api-error';

/** The general message for a failed request: a key under `errors` in the message files. */
export type ErrorMessageKey =
  'network' | 'server' | 'forbidden' | 'notFound' | 'conflict' | 'invalid' | 'tooMany' | 'unknown';

export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (!isApiError(error)) return 'unknown';
  const { status } = error;
  if (status === 0 || status === 502 || status === 504) return 'network';
  if (status >= 500) return 'server';
  switch (status) {
    case 400:
      return 'invalid';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return 'conflict';
    case 429:
      return 'tooMany';
    default:
      return 'unknown';
  }
}
