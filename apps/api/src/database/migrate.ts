import { DataSource } from 'typeorm';

/** Any constant works; it only has to be the same for every copy of the API. */
const MIGRATION_LOCK_KEY = 724_311_001;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several
 * copies of the API starting together migrate once, one after the other.
 * Returns the names of the migrations that ran.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
