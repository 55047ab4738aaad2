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

/**
 * Whether the read replica answers a trivial statement within `timeoutMs`
 * (the health check's question). A replica that hangs is left to the pool's
 * and the fail-fast client's own limits, which drop its connection.
 */
export async function replicaAnswers(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  const runner = dataSource.createQueryRunner('slave');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`The replica did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([runner.query('SELECT 1'), timedOut]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await runner.release();
  }
}
