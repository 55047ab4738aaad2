import type { INestApplication } from '@nestjs/common';
import { Query } from 'pg';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_SQL } from '../../src/common/rate-limit.sql';

/**
 * The statements the application sends to PostgreSQL while `action` runs, in
 * order: what a request costs the database. Seen where node-postgres sends
 * each one on its connection, so that those TypeORM sends and the prepared
 * ones (database/prepared-query.ts) are all there. The rate limits' clean-up
 * of old buckets, run on one request in a hundred, is left out.
 */
export async function statementsOf(action: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(Query.prototype, 'submit');
  try {
    await action();
    return spy.mock.contexts.map(textOf).filter((sql) => sql !== RATE_LIMIT_SQL.cleanup);
  } finally {
    spy.mockRestore();
  }
}

/** node-postgres keeps a query's statement on it as `text`, which its types leave out. */
function textOf(query: object): string {
  if ('text' in query && typeof query.text === 'string') return query.text;
  throw new Error('node-postgres sent a query without its text');
}

/**
 * How often each of `statements` ran as a prepared statement on the
 * connection of an app with a pool of one (pg_prepared_statements is per
 * connection), in the order given; one not prepared there is left out.
 */
export async function preparedRunsOn(
  app: INestApplication,
  statements: readonly string[],
): Promise<Array<{ statement: string; runs: number }>> {
  const rows = await app.get(DataSource).query<Array<{ statement: string; runs: number }>>(
    `SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements
       WHERE statement = ANY($1::text[])`,
    [statements],
  );
  return statements.flatMap((statement) => rows.filter((row) => row.statement === statement));
}
