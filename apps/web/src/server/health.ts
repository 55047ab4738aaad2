import { API_ROUTES, type HealthResponse } from '@sferum/contracts';
import { apiUrl } from './api-url';

/** What the home page shows: the three states a visitor can tell apart. */
export type HealthView =
  { state: 'up'; version: string } | { state: 'databaseDown'; version: string } | { state: 'unreachable' };

const HEALTH_TIMEOUT_MS = 2000;

function isHealthResponse(body: unknown): body is HealthResponse {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    (b.status === 'ok' || b.status === 'error') &&
    (b.database === 'up' || b.database === 'down') &&
    typeof b.version === 'string' &&
    typeof b.uptimeSeconds === 'number'
  );
}

/** Turns the API's answer (a parsed JSON body, or nothing) into a view state. */
export function toHealthView(body: unknown): HealthView {
  if (!isHealthResponse(body)) return { state: 'unreachable' };
  if (body.database === 'down') return { state: 'databaseDown', version: body.version };
  if (body.status === 'ok') return { state: 'up', version: body.version };
  return { state: 'unreachable' };
}

/**
 * Asks the API for its health. The API answers 503 with the same body when the
 * database is down, so the body counts, not the status code. Never throws.
 */
export async function fetchHealth(fetchImpl: typeof fetch = fetch): Promise<HealthView> {
  try {
    const response = await fetchImpl(apiUrl(API_ROUTES.health), {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    const body: unknown = await response.json();
    return toHealthView(body);
  } catch {
    return { state: 'unreachable' };
  }
}
