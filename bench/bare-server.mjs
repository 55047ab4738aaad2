// What the baseline (bench/baseline-server.mjs) and the lean ceiling
// (bench/lean-server.mjs) share: bare Fastify + pg, the API's built modules,
// the parent link's token rules and an error that carries its HTTP status.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { BENCH_API_DIST } from './bench-database.mjs';

const require = createRequire(import.meta.url);

/** A module of the API's build (dist), by its path there. */
export const dist = (path) => require(join(BENCH_API_DIST, path));

const { preparedStatementName } = dist('apps/api/src/database/prepared-query.js');

/**
 * `text` as a named prepared statement, under the name the API gives it
 * (database/prepared-query.ts): parsed once per connection, then only run.
 * For the statements the API prepares, so that a bare server does the same
 * work for them.
 */
export const prepared = (text, values) => ({ name: preparedStatementName(text), text, values });

export const hashToken = (token) => createHash('sha256').update(token, 'utf8').digest();
export const looksLikeToken = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The pool (DATABASE_URL, DATABASE_POOL_SIZE) and the Fastify app, whose errors
 * answer as the API's do; `logUnexpected` writes a failure without a status to
 * the server's log, so that a server does not fail quietly.
 */
export function bareServer({ logUnexpected }) {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const app = Fastify({ logger: false, trustProxy: true });
  app.setErrorHandler((error, request, reply) => {
    if (logUnexpected && !error.status) console.error(`${request.method} ${request.url}: ${error.message}`);
    reply.status(error.status ?? 500).send({ statusCode: error.status ?? 500, message: error.message });
  });
  return { pool, app };
}
