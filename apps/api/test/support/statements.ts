import { Query } from 'pg';
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
