import { QueryFailedError } from 'typeorm';
import { retryableDatabaseFailure } from './postgres-errors';

/** A driver error as TypeORM wraps it, with a SQLSTATE. */
const queryFailed = (code: string, message: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('retryableDatabaseFailure', () => {
  it('tells a pool whose connections all stayed busy from a database that is gone', () => {
    expect(retryableDatabaseFailure(new Error('timeout exceeded when trying to connect'))).toBe('pool_exhausted');
    expect(retryableDatabaseFailure(new Error('Connection terminated due to connection timeout'))).toBe('unavailable');
    expect(
      retryableDatabaseFailure(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe('unavailable');
    expect(retryableDatabaseFailure(queryFailed('57P01', 'terminating connection due to administrator command'))).toBe(
      'unavailable',
    );
  });

  it('finds the cause inside what TypeORM and Node wrap around it', () => {
    const wrapped = new Error('Could not run the query', {
      cause: new Error('timeout exceeded when trying to connect'),
    });
    expect(retryableDatabaseFailure(wrapped)).toBe('pool_exhausted');
    expect(retryableDatabaseFailure(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNRESET' })]))).toBe(
      'unavailable',
    );
  });

  it('calls a deadlock or a serialization failure a transient conflict', () => {
    expect(retryableDatabaseFailure(queryFailed('40P01', 'deadlock detected'))).toBe('transient_conflict');
    expect(retryableDatabaseFailure(queryFailed('40001', 'could not serialize access'))).toBe('transient_conflict');
  });

  it('leaves other errors to the caller', () => {
    expect(
      retryableDatabaseFailure(queryFailed('23505', 'duplicate key value violates unique constraint')),
    ).toBeUndefined();
    expect(
      retryableDatabaseFailure(new Error('timeout exceeded when trying to connect to the moon, said a user')),
    ).toBeUndefined();
    expect(retryableDatabaseFailure('a string')).toBeUndefined();
    expect(retryableDatabaseFailure(null)).toBeUndefined();
  });
});
