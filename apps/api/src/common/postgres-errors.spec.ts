import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
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

  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a socket timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['a write to a closed socket', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['the connection ending mid-query', new Error('Connection terminated unexpectedly')],
    ['a connection that opened too slowly', new Error('Connection terminated due to connection timeout')],
    ['a server that gave no answer in time (query_timeout)', new Error('Query read timeout')],
    [
      'a query on a client that broke earlier',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a query on a closed client', new Error('Client was closed and is not queryable')],
    ['a query on a query runner released when its connection broke', new QueryRunnerAlreadyReleasedError()],
    [
      'the same, wrapped in a QueryFailedError',
      new QueryFailedError('SELECT 1', [], new QueryRunnerAlreadyReleasedError()),
    ],
    ['its entity manager used after that', new QueryRunnerProviderAlreadyReleasedError()],
    ['SQLSTATE class 08 (connection exception)', queryFailed('08006', 'connection failure')],
    ['08003 connection_does_not_exist', queryFailed('08003', 'connection does not exist')],
    ['57P01 admin_shutdown', queryFailed('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash_shutdown', queryFailed('57P02', 'terminating connection because of crash of another server process')],
    ['57P03 cannot_connect_now', queryFailed('57P03', 'the database system is starting up')],
    [
      'a statement cancelled by statement_timeout',
      queryFailed('57014', 'canceling statement due to statement timeout'),
    ],
    ['a server starting up, without a code', new Error('the database system is starting up')],
  ])('calls %s an unavailable database', (_what, error) => {
    expect(retryableDatabaseFailure(error)).toBe('unavailable');
  });

  it('calls a lock not granted within lock_timeout a transient conflict, to retry', () => {
    expect(retryableDatabaseFailure(queryFailed('55P03', 'canceling statement due to lock timeout'))).toBe(
      'transient_conflict',
    );
  });

  it('leaves a statement an administrator cancelled to the caller', () => {
    expect(retryableDatabaseFailure(queryFailed('57014', 'canceling statement due to user request'))).toBeUndefined();
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
    expect(retryableDatabaseFailure(new Error('Query read timeout of the CSV reader, said a user'))).toBeUndefined();
    expect(retryableDatabaseFailure('a string')).toBeUndefined();
    expect(retryableDatabaseFailure(null)).toBeUndefined();
  });
});
