import { DataSource, QueryFailedError } from 'typeorm';
import { isForeignKeyViolation, isUniqueViolation, retryableDatabaseFailure } from '../src/common/postgres-errors';
import { preparedQuery, preparedStatementName } from '../src/database/prepared-query';
import { readOnReplica } from '../src/database/read-replica';
import { OrgFactory } from './factories/org.factory';
import { firstOf } from './support/pick';
import { onePooledConnection } from './support/test-database';

const INSERT_PARENT = 'INSERT INTO prepared_parent (id) VALUES ($1)';
const INSERT_CHILD = 'INSERT INTO prepared_child (parent_id) VALUES ($1)';
const BACKEND = 'SELECT pg_backend_pid() AS pid';

/**
 * Statements run as named prepared statements (database/prepared-query.ts) on
 * the pool's connections, as the API's are: a pool of one, so that every
 * statement below runs on the same connection unless it was dropped, and the
 * API's limits (500 ms on the server, 1.5 s in the client).
 */
describe('prepared statements on the pooled connections', () => {
  let dataSource: DataSource;
  let factory: OrgFactory;

  beforeAll(async () => {
    dataSource = await onePooledConnection();
    factory = await OrgFactory.connect();
  });

  beforeEach(async () => {
    // Temporary: the connection's own, gone with it.
    await dataSource.query(
      `CREATE TEMP TABLE IF NOT EXISTS prepared_parent (id int PRIMARY KEY);
       CREATE TEMP TABLE IF NOT EXISTS prepared_child (parent_id int REFERENCES prepared_parent (id))`,
    );
  });

  afterAll(async () => {
    await factory?.close();
    await dataSource?.destroy();
  });

  const run = <Row>(text: string, values: unknown[] = []) => preparedQuery<Row>(dataSource.manager, text, values);
  /** How often each of the texts ran as a prepared statement on the pool's connection, by name. */
  const preparedOnConnection = (texts: string[]) =>
    dataSource.query<Array<{ name: string; runs: number }>>(
      `SELECT name, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements
       WHERE statement = ANY($1::text[]) ORDER BY runs`,
      [texts],
    );
  const backend = async () => firstOf(await run<{ pid: number }>(BACKEND)).pid;
  const failureOf = (pending: Promise<unknown>) =>
    pending.then(
      () => 'no error',
      (error: unknown) => error,
    );

  it('prepares a statement once on its connection, and then only runs it', async () => {
    const next = 'SELECT $1::int + 1 AS next';
    for (const n of [1, 2, 3]) expect(await run(next, [n])).toEqual([{ next: n + 1 }]);
    expect(await preparedOnConnection([next])).toEqual([{ name: preparedStatementName(next), runs: 3 }]);
  });

  it('names each text apart, so that two texts never meet under one name', async () => {
    const [a, b] = ['SELECT $1::int AS a', 'SELECT $1::int AS b'];
    expect(await run(a, [1])).toEqual([{ a: 1 }]);
    expect(await run(b, [2])).toEqual([{ b: 2 }]);
    expect(await run(b, [3])).toEqual([{ b: 3 }]);
    expect(preparedStatementName(a)).toMatch(/^prepared_[0-9a-f]{16}$/);
    expect(await preparedOnConnection([a, b])).toEqual([
      { name: preparedStatementName(a), runs: 1 },
      { name: preparedStatementName(b), runs: 2 },
    ]);
  });

  it("runs on the connection of the manager's transaction, and rolls back with it", async () => {
    const count = 'SELECT count(*)::int AS n FROM prepared_parent WHERE id = $1';
    const error = await failureOf(
      dataSource.transaction(async (manager) => {
        await preparedQuery(manager, INSERT_PARENT, [1]);
        // The pool's one connection is the transaction's: elsewhere this would wait for it and fail.
        expect(await preparedQuery(manager, count, [1])).toEqual([{ n: 1 }]);
        throw new Error('rolled back on purpose');
      }),
    );
    expect((error as Error).message).toBe('rolled back on purpose');
    expect(await run(count, [1])).toEqual([{ n: 0 }]);
  });

  it('runs on the read path of the reports, in its transaction', async () => {
    const level = await readOnReplica(
      dataSource,
      (manager) => preparedQuery(manager, `SELECT current_setting('transaction_isolation') AS level`, []),
      'REPEATABLE READ',
    );
    expect(level).toEqual([{ level: 'repeatable read' }]);
  });

  it('fails on a unique or a foreign key as a statement sent unnamed does', async () => {
    await run(INSERT_PARENT, [10]);
    const duplicate = await failureOf(run(INSERT_PARENT, [10]));
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(duplicate, 'prepared_parent_pkey')).toBe(true);
    const orphan = await failureOf(run(INSERT_CHILD, [11]));
    expect(orphan).toBeInstanceOf(QueryFailedError);
    expect(isForeignKeyViolation(orphan)).toBe(true);
  });

  it('fails on a serialization failure and on a lock not granted in time as a transient conflict', async () => {
    const districtId = await factory.district();
    const rename = 'UPDATE district SET name = name || $2 WHERE id = $1';
    const serialization = await failureOf(
      dataSource.transaction('REPEATABLE READ', async (manager) => {
        await preparedQuery(manager, 'SELECT name FROM district WHERE id = $1', [districtId]);
        await factory.dataSource.query(rename, [districtId, ' (другая правка)']);
        await preparedQuery(manager, rename, [districtId, ' (эта правка)']);
      }),
    );
    expect(serialization).toBeInstanceOf(QueryFailedError);
    expect((serialization as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('40001');
    expect(retryableDatabaseFailure(serialization)).toBe('transient_conflict');

    const holder = factory.dataSource.createQueryRunner();
    try {
      await holder.startTransaction();
      await holder.query('SELECT id FROM district WHERE id = $1 FOR UPDATE', [districtId]);
      const waited = await failureOf(run('SELECT id FROM district WHERE id = $1 FOR UPDATE', [districtId]));
      expect((waited as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('55P03');
      expect(retryableDatabaseFailure(waited)).toBe('transient_conflict');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('fails past the statement timeout as an unavailable database, keeping the connection and its statement', async () => {
    const sleep = 'SELECT pg_sleep($1)';
    const before = await backend();
    const error = await failureOf(run(sleep, [1]));
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('57014');
    expect(retryableDatabaseFailure(error)).toBe('unavailable');
    await run(sleep, [0]);
    expect(await backend()).toBe(before);
    expect(await preparedOnConnection([sleep])).toEqual([{ name: preparedStatementName(sleep), runs: 2 }]);
  });

  it('gives up on a server that does not answer, and drops that connection', async () => {
    const before = await backend();
    // The server no longer cancels (statement_timeout 0 for this session): only the client's wait ends the query.
    await dataSource.query('SET statement_timeout = 0');
    const error = await failureOf(run('SELECT pg_sleep($1)', [3]));
    expect((error as QueryFailedError & { driverError: Error }).driverError.message).toBe('Query read timeout');
    expect(retryableDatabaseFailure(error)).toBe('unavailable');
    expect(await backend()).not.toBe(before);
  });

  it('fails on a connection lost mid-transaction as an unavailable database, and runs again on a new one', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    const lost = firstOf(await preparedQuery<{ pid: number }>(runner.manager, BACKEND, [])).pid;
    try {
      await factory.dataSource.query('SELECT pg_terminate_backend($1)', [lost]);
      // The first may meet the connection's end, or the query runner released by it; the second meets the latter.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const cut = await failureOf(preparedQuery(runner.manager, BACKEND, []));
        expect(retryableDatabaseFailure(cut)).toBe('unavailable');
      }
    } finally {
      await runner.release();
    }
    expect(await backend()).not.toBe(lost);
    expect(await preparedOnConnection([BACKEND])).toEqual([{ name: preparedStatementName(BACKEND), runs: 1 }]);
  });
});
