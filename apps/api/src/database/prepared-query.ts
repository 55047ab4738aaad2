import { createHash } from 'node:crypto';
import { Client, type QueryResultRow } from 'pg';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  type EntityManager,
  type QueryRunner,
} from 'typeorm';

/**
 * Runs `text` (with `$n` parameters) as a named prepared statement on the
 * connection of `manager`: its transaction's, the read replica's
 * (readOnReplica), or, for a manager without one, a connection of the pool
 * for this statement alone, as `manager.query` would. PostgreSQL parses it
 * once per connection and, once its plan cache settles on a generic plan,
 * plans it once too; every later run is only Bind and Execute. TypeORM's
 * `manager.query` sends every statement unnamed, parsed and planned anew.
 *
 * Only for the hot statements of the `*.sql.ts` files, whose text is a
 * constant: each text stays prepared on every connection that ran it until
 * that connection closes, so a text built per call would pile up.
 *
 * It fails as `manager.query` fails (TypeORM's QueryFailedError around the
 * driver's error, the released-runner errors), so that postgres-errors.ts and
 * the exception filter tell them apart as before. TypeORM's query logger and
 * subscribers are not told: the API uses neither.
 */
export async function preparedQuery<Row>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const ownRunner = manager.queryRunner;
  if (ownRunner?.isReleased) throw new QueryRunnerProviderAlreadyReleasedError();
  const runner = ownRunner ?? manager.dataSource.createQueryRunner();
  try {
    return await runPrepared<Row>(runner, text, [...values]);
  } finally {
    if (!ownRunner) await runner.release();
  }
}

/** Hashed once per text: the texts are the few constants of the `*.sql.ts` files. */
const names = new Map<string, string>();

/** The statement's name: from its text, so that a changed text never meets a connection that prepared the old one. */
export function preparedStatementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `prepared_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

async function runPrepared<Row>(runner: QueryRunner, text: string, values: unknown[]): Promise<Row[]> {
  // As PostgresQueryRunner.query checks: a released runner would otherwise take a new connection and never give it back.
  if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const connection: unknown = await runner.connect();
  if (!(connection instanceof Client)) throw new Error('preparedQuery needs a PostgreSQL connection (node-postgres)');
  try {
    const result = await connection.query<QueryResultRow>({ name: preparedStatementName(text), text, values });
    return result.rows as Row[];
  } catch (error) {
    // Passed on as TypeORM passes it: node-postgres rejects with an Error, a socket's from Node's own realm.
    throw new QueryFailedError(text, values, error as Error);
  }
}
