import { DataSource, QueryFailedError } from 'typeorm';
import { allowLongStatements, withoutStatementTimeouts } from '../src/database/long-statements';
import { runPendingMigrations } from '../src/database/migrate';
import { retryableDatabaseFailure } from '../src/common/postgres-errors';
import { firstOf } from './support/pick';
import { onePooledConnection } from './support/test-database';

/**
 * The pool's limits on one connection (a pool of one, so that every query
 * below runs on the same connection unless it was dropped): 500 ms on the
 * server, and 1.5 s in the client for a server that does not answer.
 */
describe('statement and lock timeouts of the pooled connections', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await onePooledConnection();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const backend = async () =>
    firstOf(await dataSource.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid')).pid;
  const settings = async () =>
    firstOf(
      await dataSource.query<Array<{ statement: string; lock: string }>>(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock`,
      ),
    );
  const failureOf = (pending: Promise<unknown>) =>
    pending.then(
      () => 'no error',
      (error: unknown) => error,
    );

  it('sets both on every connection, and a statement past its limit is a retryable unavailable database', async () => {
    expect(await settings()).toEqual({ statement: '500ms', lock: '400ms' });
    const error = await failureOf(dataSource.query('SELECT pg_sleep(1)'));
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('57014');
    expect(retryableDatabaseFailure(error)).toBe('unavailable');
  });

  it('lets a long job run longer within its transaction only, on the server and in the client', async () => {
    const before = await backend();
    const slept = await dataSource.transaction(async (manager) => {
      await allowLongStatements(manager, { statementMs: 4_000, lockMs: 4_000 });
      // Past both the server's default (500 ms) and the client's (1.5 s).
      return manager.query<unknown[]>('SELECT pg_sleep(2)');
    });
    expect(slept).toHaveLength(1);
    expect(await backend()).toBe(before);
    expect(await settings()).toEqual({ statement: '500ms', lock: '400ms' });
  });

  it('runs migrations without the limits, and gives the connection its defaults back', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const during = (await withoutStatementTimeouts(runner, () =>
        runner.query(
          `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                  pg_sleep(2)::text AS slept`,
        ),
      )) as Array<{ statement: string; lock: string }>;
      expect(firstOf(during)).toMatchObject({ statement: '0', lock: '0' });
    } finally {
      await runner.release();
    }
    expect(await runPendingMigrations(dataSource)).toEqual([]);
    expect(await settings()).toEqual({ statement: '500ms', lock: '400ms' });
  });

  it('gives up on a server that does not answer, and drops that connection', async () => {
    const before = await backend();
    // The server no longer cancels (statement_timeout 0 for this session): only the client's wait ends the query.
    await dataSource.query('SET statement_timeout = 0');
    const error = await failureOf(dataSource.query('SELECT pg_sleep(3)'));
    expect((error as QueryFailedError & { driverError: Error }).driverError.message).toBe('Query read timeout');
    expect(retryableDatabaseFailure(error)).toBe('unavailable');
    // A new connection, with the defaults: the old one, still busy on the server, was not handed out again.
    expect(await backend()).not.toBe(before);
    expect(await settings()).toEqual({ statement: '500ms', lock: '400ms' });
  });
});
