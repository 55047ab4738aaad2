import type { DataSource } from 'typeorm';
import { delay } from './api-process';

/**
 * The pid of a session of this database that waits for a lock session
 * `holderPid` holds (`written`: one that has already written in its
 * transaction), asked every 25 ms for at most 20 s; `what` names it in the
 * error. Asked on connections of their own: a session in a transaction keeps
 * seeing the activity of its first look.
 */
export async function waitForSessionBlockedBy(
  dataSource: DataSource,
  holderPid: number,
  { written, what }: { written: boolean; what: string },
): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await dataSource.query<Array<{ pid: number }>>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND ($2::boolean IS FALSE OR backend_xid IS NOT NULL)
         AND $1 = ANY(pg_blocking_pids(pid))`,
      [holderPid, written],
    );
    if (rows[0]) return rows[0].pid;
    if (Date.now() > deadline) throw new Error(`${what} never waited for the lock`);
    await delay(25);
  }
}

/** The tables a session has inserted into or changed in its open transaction. */
export async function tablesWrittenBy(dataSource: DataSource, pid: number): Promise<string[]> {
  const rows = await dataSource.query<Array<{ relname: string }>>(
    `SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
     WHERE l.pid = $1 AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r' ORDER BY 1`,
    [pid],
  );
  return rows.map((row) => row.relname);
}
