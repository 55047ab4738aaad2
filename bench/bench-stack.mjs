// What `npm run bench` and `npm run bench:soak` share: the bench database
// with its fixtures, the production API and the baseline started against it,
// an autocannon run, and the API's memory.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { assertPortsFree, ROOT, runToEnd, stopService, waitForHttp } from '../tools/stack.mjs';
import { BENCH_API_DIST, BENCH_SECRETS, databaseSize, openBenchServer } from './bench-database.mjs';
import { prepareFixtures, removeFixtures } from './bench-fixtures.mjs';

/** BENCH_API_PORT moves all three (API, baseline, lean ceiling: that port and the next two), for two runs side by side. */
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3591);
const BASELINE_PORT = API_PORT + 1;
const LEAN_PORT = API_PORT + 2;

/**
 * Starts the database, writes the fixtures, starts the API (NODE_ENV=production)
 * and, when asked, the baseline (bench/baseline-server.mjs) and the lean
 * ceiling (bench/lean-server.mjs); `work` gets them, and everything is stopped after.
 */
export async function withBenchStack({ baseline = true, lean = false }, work) {
  await assertPortsFree(
    [API_PORT, ...(baseline ? [BASELINE_PORT] : []), ...(lean ? [LEAN_PORT] : [])],
    'another benchmark may be running; set BENCH_API_PORT to move the three ports',
  );
  const server = await openBenchServer();
  const client = new pg.Client({ connectionString: server.url });
  const services = [];
  let fixtures;
  try {
    await client.connect();
    const size = await regionSize(client);
    console.log(
      `Region: ${size.students.toLocaleString('en')} students, ${size.people.toLocaleString('en')} people, ` +
        `${size.classes.toLocaleString('en')} classes; database ${await databaseSize(client)}.`,
    );
    // The build may bring migrations the bench database has not had yet (npm start does the same).
    await runToEnd('node', [join(BENCH_API_DIST, 'apps/api/src/cli/prepare-database.js')], {
      env: { ...process.env, DATABASE_URL: server.url },
      quiet: false,
    });
    fixtures = await prepareFixtures(client);
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: server.url,
      PHONE_HMAC_KEY: BENCH_SECRETS.PHONE_HMAC_KEY,
      INVITE_ENCRYPTION_KEY: BENCH_SECRETS.INVITE_ENCRYPTION_KEY,
      PUBLIC_WEB_URL: 'http://localhost:3000',
      SNAPSHOTS_ENABLED: 'false',
      HOST: '127.0.0.1',
    };
    // BENCH_PROFILE_DIR=<dir>: CPU profiles of the API and the baseline, written when they stop.
    const profile = process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
    const api = startLogged('api', [...profile, join(BENCH_API_DIST, 'apps/api/src/main.js')], {
      ...env,
      PORT: String(API_PORT),
    });
    services.push(api);
    const targets = { api: `http://127.0.0.1:${API_PORT}` };
    await waitForHttp(`${targets.api}/api/health`, api);
    if (baseline) {
      const bare = startLogged('baseline', [...profile, join(ROOT, 'bench/baseline-server.mjs')], {
        ...env,
        PORT: String(BASELINE_PORT),
      });
      services.push(bare);
      targets.baseline = `http://127.0.0.1:${BASELINE_PORT}`;
      await waitForHttp(`${targets.baseline}/api/v1/reports/district`, bare);
    }
    if (lean) {
      const ceiling = startLogged('lean', [...profile, join(ROOT, 'bench/lean-server.mjs')], {
        ...env,
        PORT: String(LEAN_PORT),
      });
      services.push(ceiling);
      targets.lean = `http://127.0.0.1:${LEAN_PORT}`;
      await waitForHttp(`${targets.lean}/api/v1/reports/district`, ceiling);
    }
    return await work({ client, databaseUrl: server.url, fixtures, size, targets, apiPid: api.pid });
  } finally {
    for (const service of services.reverse()) await stopService(service);
    if (fixtures)
      await removeFixtures(client, fixtures).catch((error) => console.error(`Removing the fixtures: ${error.message}`));
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

/**
 * A server whose output goes to .data/bench/<name>.log, as a production log
 * would go to a file: read through a pipe by this busy process, the API's
 * request log cost it a third of its CPU in writes.
 */
function startLogged(name, args, env) {
  const file = join(ROOT, `.data/bench/${name}.log`);
  const log = openSync(file, 'w');
  const child = spawn('node', args, { cwd: ROOT, env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.serviceName = name;
  child.output = `(its output is in ${file})`;
  return child;
}

async function regionSize(client) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*)::int FROM person WHERE kind = 'student') AS students, (SELECT count(*)::int FROM person) AS people,
            (SELECT count(*)::int FROM school_class) AS classes`,
  );
  if (rows[0].students === 0) throw new Error('The bench database is empty: run "npm run bench:seed" first.');
  return rows[0];
}

/**
 * One autocannon run; the numbers that go in the tables.
 * @param {{ url: string, request: object, seconds: number, connections: number, rate?: number }} options rate: requests per second in all
 */
export async function load({ url, request, seconds, connections, rate }) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [request],
    timeout: 10,
    ...(rate ? { overallRate: rate } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
  };
}

/** The resident memory of a process, in MB. */
export function residentMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}
