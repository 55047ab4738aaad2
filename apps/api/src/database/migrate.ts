import { DataSource, MigrationExecutor } from 'typeorm';
import { withoutStatementTimeouts } from './long-statements';

/** Any constant works; it only has to be the same for every copy of the API. */
const MIGRATION_LOCK_KEY = 724_311_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several
 * copies of the API starting together migrate once, one after the other.
 * They run on the lock's connection, without the requests' statement and lock
 * timeouts: a migration may rewrite a large table or wait for requests to end.
 * Returns the names of the migrations that ran.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await withoutStatementTimeouts(runner, async () => {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((migration) => migration.name);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      }
    });
  } finally {
    await runner.release();
  }
}
