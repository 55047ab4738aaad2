import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a row for a unique constraint (the given one, or any). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/**
 * True when a row referred to a row that is gone: a change racing an erasure
 * (a parent added to a family being erased). Every id a client sends is checked
 * before writing, so only such a race gets here.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503';
}

/**
 * Database failures that a client should retry rather than report:
 * - `unavailable`: PostgreSQL stopped, restarting, unreachable, silent (frozen) or too slow
 *   (a statement ran past DATABASE_STATEMENT_TIMEOUT_MS); the pool reconnects by itself.
 * - `pool_exhausted`: every pooled connection stayed busy for DATABASE_POOL_TIMEOUT_MS
 *   (slow requests, or a server that stopped answering them).
 * - `transient_conflict`: a deadlock, a serialization failure or a lock not granted within
 *   DATABASE_LOCK_TIMEOUT_MS; PostgreSQL rolled the transaction back.
 */
export type RetryableDatabaseFailure = 'unavailable' | 'pool_exhausted' | 'transient_conflict';

export function retryableDatabaseFailure(exception: unknown): RetryableDatabaseFailure | undefined {
  const candidates = errorChain(exception);
  // node-postgres' pool raises exactly this when no client was released in time (pg-pool `connect`).
  if (candidates.some((error) => error.message === POOL_TIMEOUT_MESSAGE)) return 'pool_exhausted';
  if (candidates.some(isUnavailable)) return 'unavailable';
  if (candidates.some((error) => typeof error.code === 'string' && CONFLICT_CODES.has(error.code))) {
    return 'transient_conflict';
  }
  return undefined;
}

const POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/** SQLSTATE classes and codes, and socket errors, that mean "no database right now", not "bad request". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/**
 * Messages of node-postgres, pg-pool and TypeORM that carry no code: the socket
 * closed or timed out, the client is unusable after that, the server gave no
 * answer within the statement timeout plus a margin ("Query read timeout",
 * FailFastClient), or TypeORM's query runner was released when its connection
 * broke mid-transaction (QueryRunnerAlreadyReleasedError, and
 * QueryRunnerProviderAlreadyReleasedError from its entity manager).
 */
const UNAVAILABLE_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'Connection is not established',
    'the database system is (starting up|shutting down|in recovery mode)',
    '^Query read timeout$',
    'Client was closed and is not queryable',
    'Client has encountered a connection error and is not queryable',
    'Query runner already released',
    'connection provided by a query runner was already released',
  ].join('|'),
  'i',
);

/** 57014 query_canceled is ours to retry only when the statement timeout cancelled it, not an administrator. */
const STATEMENT_TIMEOUT = { code: '57014', message: /statement timeout/ };

/** Deadlock, serialization failure, and lock_not_available (55P03): the lock timeout passed. */
const CONFLICT_CODES = new Set(['40P01', '40001', '55P03']);

function isUnavailable(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('08'))) return true;
  if (error.name === 'QueryRunnerAlreadyReleasedError' || error.name === 'QueryRunnerProviderAlreadyReleasedError') {
    return true;
  }
  if (typeof error.message !== 'string') return false;
  if (error.code === STATEMENT_TIMEOUT.code) return STATEMENT_TIMEOUT.message.test(error.message);
  return UNAVAILABLE_MESSAGES.test(error.message);
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
}

/**
 * The error with what TypeORM, Node and aggregate errors wrap in it. Duck-typed:
 * socket errors come from Node's own realm, where `instanceof Error` may not hold.
 */
function errorChain(exception: unknown): ErrorLike[] {
  const errorLike = (value: unknown): value is ErrorLike => typeof value === 'object' && value !== null;
  if (!errorLike(exception)) return [];
  const nested = exception as { driverError?: unknown; cause?: unknown; errors?: unknown };
  const inner: unknown[] = Array.isArray(nested.errors) ? (nested.errors as unknown[]) : [];
  return [exception, nested.driverError, nested.cause, ...inner].filter(errorLike);
}
