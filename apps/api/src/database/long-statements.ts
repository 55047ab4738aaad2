import type { EntityManager, QueryRunner } from 'typeorm';
import { FailFastClient } from './fail-fast-client';

/**
 * Limits for work that legitimately runs longer than a request's statement:
 * an import waits for another import of the same class and writes thousands
 * of rows, the new school year and the daily snapshot go over whole schools
 * and districts. Still bounded, so that a frozen server ends them too.
 */
export const LONG_JOB_TIMEOUTS = { statementMs: 120_000, lockMs: 60_000 } as const;

/**
 * Raises the statement and lock timeouts for the rest of `manager`'s
 * transaction (SET LOCAL: the pooled connection gets its defaults back at
 * COMMIT or ROLLBACK), on the server and in the client's wait for an answer.
 */
export async function allowLongStatements(
  manager: EntityManager,
  timeouts: { statementMs: number; lockMs: number } = LONG_JOB_TIMEOUTS,
): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('allowLongStatements needs a transaction (SET LOCAL)');
  // Integers validated here, so they can go into SET, which takes no parameters.
  await runner.query(
    `SET LOCAL statement_timeout = ${integer(timeouts.statementMs)}; SET LOCAL lock_timeout = ${integer(timeouts.lockMs)}`,
  );
  clientOf(runner)?.extendWait(timeouts.statementMs, 'transaction');
}

/**
 * Migrations can rewrite large tables: no statement or lock limit for the
 * session of `runner` until `restore` is called (before the connection goes back to the pool).
 */
export async function withoutStatementTimeouts<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.query('SET statement_timeout = 0; SET lock_timeout = 0');
  clientOf(runner)?.extendWait(0, 'session');
  try {
    return await work();
  } finally {
    await runner.query('RESET statement_timeout; RESET lock_timeout').catch(() => undefined);
    clientOf(runner)?.restoreWait();
  }
}

function clientOf(runner: QueryRunner): FailFastClient | undefined {
  const connection = (runner as unknown as { databaseConnection?: unknown }).databaseConnection;
  return connection instanceof FailFastClient ? connection : undefined;
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a timeout in milliseconds: ${value}`);
  return value;
}
