import type { ApiErrorBody } from '@sferum/contracts';

/** What a failed request to `/api/*` tells the interface. Status 0: the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(body?.message ?? (status === 0 ? 'No answer from the server' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  /** Fields the API named in a 400 answer. */
  get fields(): string[] {
    return this.body?.details?.map((detail) => detail.field) ?? [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Form errors for the fields a 400 answer named, in the words the form chose
 * for each field (the API's own texts are English and technical). Fields the
 * form does not know are left out; the caller shows a general message then.
 */
export function formErrorsFrom<Field extends string>(
  error: unknown,
  messages: Partial<Record<Field, string>>,
): Partial<Record<Field, string>> {
  if (!isApiError(error, 400)) return {};
  const errors: Partial<Record<Field, string>> = {};
  for (const field of error.fields) {
    const message = (messages as Record<string, string | undefined>)[field];
    if (message !== undefined) errors[field as Field] = message;
  }
  return errors;
}
