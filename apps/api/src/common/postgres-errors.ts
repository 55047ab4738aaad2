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
 * - `unavailable`: PostgreSQL stopped, restarting or unreachable; the pool reconnects by itself.
 * - `pool_exhausted`: every pooled connection stayed busy for DATABASE_POOL_TIMEOUT_MS.
 * - `transient_conflict`: a deadlock or serialization failure; PostgreSQL rolled the transaction back.
 */
export type RetryableDatabaseFailure = 'unavailable' | 'pool_exhausted' | 'transient_conflict';

export function retryableDatabaseFailure(exception: unknown): RetryableDatabaseFailure | undefined {
  const candidates = errorChain(exception);
  // node-postgres' pool raises exactly this when no client was released in time (pg-pool `connect`).
  if (candidates.some((error) => error.message === POOL_TIMEOUT_MESSAGE)) return 'pool_exhausted';
  if (candidates.some(isUnavailable)) return 'unavailable';
  if (candidates.some((error) => error.code === '40P01' || error.code === '40001')) return 'transient_conflict';
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
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection is not established|the database system is (starting up|shutting down)/i;

function isUnavailable(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && (UNAVAILABLE_CODES.has(error.code) || error.code.startsWith('08'))) return true;
  return typeof error.message === 'string' && UNAVAILABLE_MESSAGES.test(error.message);
}

interface ErrorLike {
  code?: unknown;
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
