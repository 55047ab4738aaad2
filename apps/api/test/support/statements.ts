import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { RATE_LIMIT_SQL } from '../../src/common/rate-limit.sql';

/**
 * The statements the application sends to PostgreSQL while `action` runs, in
 * order: what a request costs the database. The rate limits' clean-up of old
 * buckets, run on one request in a hundred, is left out.
 */
export async function statementsOf(action: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    await action();
    return spy.mock.calls.map((call) => call[0]).filter((sql) => sql !== RATE_LIMIT_SQL.cleanup);
  } finally {
    spy.mockRestore();
  }
}
