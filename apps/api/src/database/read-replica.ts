import type { DataSource, EntityManager } from 'typeorm';

/** What a hot standby offers: it runs no SERIALIZABLE transaction. */
export type ReplicaIsolation = 'READ COMMITTED' | 'REPEATABLE READ';

/**
 * Runs read-only `work` on a connection to the read replica (TypeORM's
 * `slave` pool: DATABASE_REPLICA_URL), or on the primary when none is
 * configured; in one transaction of `isolation` when given. Only the reports
 * read this way: a replica may be a moment behind, and it cannot read an
 * UNLOGGED table (the rate limits, the report cache) nor write anything.
 * Everything else uses the data source as it is, which always means the primary.
 */
export async function readOnReplica<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation?: ReplicaIsolation,
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    if (!isolation) return await work(runner.manager);
    await runner.startTransaction(isolation);
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
