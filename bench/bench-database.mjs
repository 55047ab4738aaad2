// The benchmark's database: `sferum_bench` on the server named by
// DATABASE_URL, or on an embedded PostgreSQL of its own in .data/bench/postgres,
// tuned for a database of several gigabytes.
import { createHash, createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { apiModule, buildApi, devPostgres, ROOT } from '../tools/stack.mjs';

/** The bench database; `npm run bench -- --quick` works in one of its own (env BENCH_DATABASE), so it never replaces the region. */
const benchDatabase = () => process.env.BENCH_DATABASE || 'sferum_bench';

/** The API build the benchmark runs: a copy, so that a rebuild in the work tree cannot change it mid-run. */
export const BENCH_API_DIST = join(ROOT, '.data/bench/api-dist');

/** Builds the API and copies the build aside for this run. */
export function buildBenchApi() {
  buildApi();
  rmSync(BENCH_API_DIST, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist/api'), BENCH_API_DIST, { recursive: true });
  // Every module of the app must load from the copy: a build running elsewhere at the same time would leave holes.
  const check = spawnSync('node', [
    '-e',
    `require(${JSON.stringify(join(BENCH_API_DIST, 'apps/api/src/app.module.js'))})`,
  ]);
  if (check.status !== 0)
    throw new Error(`The copied API build is incomplete (another build running?): run again.\n${check.stderr}`);
}

/**
 * Keys of the synthetic region only. The generator encrypts the links with them
 * and the benchmark starts the API with them; no real data is ever under them.
 */
export const BENCH_SECRETS = {
  PHONE_HMAC_KEY: 'bench-only-phone-hmac-key-0123456789abcdef',
  INVITE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  LINK_SEED: 'bench-only-link-seed',
};

/** The embedded server's settings for a region-sized database (2 cores, 24 GiB here). */
const EMBEDDED_SETTINGS = {
  shared_buffers: '4GB',
  effective_cache_size: '12GB',
  maintenance_work_mem: '1GB',
  work_mem: '32MB',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  random_page_cost: '1.1',
  max_parallel_maintenance_workers: '2',
};

/** A family's parent link in the synthetic region, derived from its id so the benchmark can use any family. */
export function benchLinkToken(familyId) {
  return createHmac('sha256', BENCH_SECRETS.LINK_SEED).update(familyId).digest('base64url');
}

export function sha256(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Starts (or names) the server and returns the URL of the bench database.
 * @param {{ create?: boolean }} options create: drop and create the database
 */
export async function openBenchServer({ create = false } = {}) {
  const stoppers = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const { startEmbeddedPostgres } = devPostgres();
    const dataDir = join(ROOT, '.data/bench/postgres');
    let server = await startEmbeddedPostgres({ dataDir });
    if (await applySettings(server.url)) {
      await server.stop();
      server = await startEmbeddedPostgres({ dataDir });
    }
    stoppers.push(() => server.stop());
    serverUrl = server.url;
  }
  const admin = apiModule('database/database-admin.js');
  if (create) {
    await admin.dropDatabase(serverUrl, benchDatabase());
    await admin.createDatabase(serverUrl, benchDatabase());
  }
  return {
    serverUrl,
    url: admin.withDatabaseName(serverUrl, benchDatabase()),
    embedded: !process.env.DATABASE_URL,
    stop: async () => {
      while (stoppers.length > 0) await stoppers.pop()();
    },
  };
}

/** Writes the tuned settings (idempotent); true when the server must restart to take them. */
async function applySettings(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [name, value] of Object.entries(EMBEDDED_SETTINGS)) {
      await client.query(`ALTER SYSTEM SET ${client.escapeIdentifier(name)} = ${client.escapeLiteral(value)}`);
    }
    await client.query(`SELECT pg_reload_conf()`);
    await new Promise((wake) => setTimeout(wake, 300));
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_settings WHERE pending_restart`);
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

/** Size of the database, as PostgreSQL counts it. */
export async function databaseSize(client) {
  const { rows } = await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  return rows[0].size;
}
