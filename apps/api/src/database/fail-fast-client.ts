import { Client, type ClientConfig } from 'pg';

/**
 * How much longer than the server's statement_timeout the client waits for an
 * answer: a server that is alive cancels the statement first (SQLSTATE 57014)
 * and keeps the connection; only a server that says nothing at all (frozen,
 * or cut off without a reset) is given up on here.
 */
export const ANSWER_MARGIN_MS = 1_000;

/** What node-postgres rejects a query with when `query_timeout` passes (pg's client.js). */
export const QUERY_READ_TIMEOUT_MESSAGE = 'Query read timeout';

/**
 * The pool's connection: a query the server does not answer within its
 * statement timeout plus a margin fails with "Query read timeout", and the
 * connection is then destroyed. node-postgres alone would keep that connection:
 * its transaction still open on the server, the ROLLBACK behind the unanswered
 * query dropped from its queue, and the next request's COMMIT would save the
 * failed request's half. Destroyed, the server rolls it back when it wakes, and
 * the pool (told by the connection's "error") opens a new one.
 */
export class FailFastClient extends Client {
  private readonly defaultWaitMs: number;
  private extendedUntilTransactionEnds = false;

  constructor(config: ClientConfig) {
    const statementTimeoutMs = Number(config.statement_timeout ?? 0);
    const defaultWaitMs = statementTimeoutMs > 0 ? statementTimeoutMs + ANSWER_MARGIN_MS : 0;
    super({ ...config, query_timeout: defaultWaitMs || undefined });
    this.defaultWaitMs = defaultWaitMs;
    const send = Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : undefined;
      const result = send(...args);
      if ((text === 'COMMIT' || text === 'ROLLBACK') && this.extendedUntilTransactionEnds) this.restoreWait();
      if (isPromise(result)) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === QUERY_READ_TIMEOUT_MESSAGE) this.abandon();
        });
      }
      return result;
    }) as Client['query'];
  }

  /**
   * Lets statements run up to `waitMs` (0: without limit) before the client gives up: for the
   * current transaction (back to the default with its COMMIT or ROLLBACK), or for the session
   * until `restoreWait()`. The caller sets the server's statement_timeout to match.
   */
  extendWait(waitMs: number, scope: 'transaction' | 'session'): void {
    this.extendedUntilTransactionEnds = scope === 'transaction';
    this.setWait(waitMs > 0 ? waitMs + ANSWER_MARGIN_MS : 0);
  }

  restoreWait(): void {
    this.extendedUntilTransactionEnds = false;
    this.setWait(this.defaultWaitMs);
  }

  /**
   * Unusable at once, so that the pool removes it when it is released, even
   * before the socket's close is noticed (pg-pool reads `_queryable`); then the socket goes.
   */
  private abandon(): void {
    (this as unknown as { _queryable: boolean })._queryable = false;
    this.connection.stream.destroy();
  }

  /** node-postgres reads the connection's `query_timeout` at every query. */
  private setWait(waitMs: number): void {
    (this as unknown as { connectionParameters: { query_timeout?: number } }).connectionParameters.query_timeout =
      waitMs || undefined;
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { catch?: unknown }).catch === 'function';
}
