// Starts the whole product on this machine: PostgreSQL (embedded unless
// DATABASE_URL is set), the API and the web app, from their production builds.
// Used by `npm start` (tools/start.mjs) and by the browser tests.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API_DIST = join(ROOT, 'dist/api/apps/api/src');
const DEV_POSTGRES_DIST = join(ROOT, 'dist/dev-postgres');
const require = createRequire(import.meta.url);

/** The compiled API modules the launcher reuses (config validation, database admin). */
export function apiModule(relativePath) {
  try {
    return require(join(API_DIST, relativePath));
  } catch (error) {
    throw new Error(`The API is not built (${relativePath}): run "npx nx run api:build" first.`, { cause: error });
  }
}

/**
 * The embedded PostgreSQL launcher (tools/dev-postgres), compiled on its own:
 * a development tool, not part of the API's production build.
 * @returns {typeof import('./dev-postgres/src/embedded-postgres')}
 */
export function devPostgres() {
  try {
    return require(join(DEV_POSTGRES_DIST, 'embedded-postgres.js'));
  } catch (error) {
    throw new Error('The embedded PostgreSQL launcher is not built: run "npx nx run dev-postgres:build" first.', {
      cause: error,
    });
  }
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/;

/**
 * Where the web app listens: on loopback unless HOST says otherwise (HOST=0.0.0.0 for every interface).
 * Next's middleware calls every loopback address "localhost" and takes a rewrite to any other origin for an
 * external one; bound to "127.0.0.1" it would proxy its own locale rewrite and answer `/` with a redirect to
 * itself. So loopback is handed to Next as "localhost", which is the origin its middleware uses too.
 * @param {string | undefined} host
 * @returns {{ hostname: string, urlHost: string }} what Next binds to, and the host for the printed address
 */
export function webListenAddress(host) {
  const wanted = (host ?? '').trim();
  if (wanted === '' || LOOPBACK.test(wanted)) return { hostname: 'localhost', urlHost: 'localhost' };
  const everywhere = wanted === '0.0.0.0' || wanted === '::';
  return { hostname: wanted, urlHost: everywhere ? 'localhost' : wanted.includes(':') ? `[${wanted}]` : wanted };
}

/**
 * @param {object} [options]
 * @param {string} [options.databaseUrl] a PostgreSQL server to use instead of the embedded one
 * @param {boolean} [options.freshDatabase] a new database, dropped by stop() (tests)
 * @param {boolean} [options.seedDemo] load the demo district once
 * @param {number} [options.apiPort]
 * @param {number} [options.webPort]
 * @param {boolean} [options.quiet] keep the API's and web's output to ourselves
 * @param {Record<string, string>} [options.env] extra environment for the API
 */
export async function startStack({
  databaseUrl = process.env.DATABASE_URL || undefined,
  freshDatabase = false,
  seedDemo = false,
  apiPort = 3333,
  webPort = 3000,
  quiet = false,
  env = {},
} = {}) {
  const stoppers = [];
  const stop = async () => {
    while (stoppers.length > 0) {
      await stoppers
        .pop()()
        .catch((error) => console.error(`While stopping: ${error.message}`));
    }
  };
  try {
    const serverUrl = await startDatabaseServer({ databaseUrl, freshDatabase, stoppers });
    const url = freshDatabase ? await createFreshDatabase(serverUrl, stoppers) : serverUrl;

    await runToEnd('node', [join(API_DIST, 'cli/prepare-database.js'), ...(seedDemo ? ['--seed-demo'] : [])], {
      env: { ...process.env, DATABASE_URL: url },
      quiet,
    });

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = startService('api', 'node', [join(API_DIST, 'main.js')], {
      env: {
        ...process.env,
        PHONE_HMAC_KEY: process.env.PHONE_HMAC_KEY || localSecret('phone-hmac.key'),
        INVITE_ENCRYPTION_KEY: process.env.INVITE_ENCRYPTION_KEY || localSecret('invite-encryption.key'),
        PUBLIC_WEB_URL: process.env.PUBLIC_WEB_URL || `http://localhost:${webPort}`,
        ...env,
        DATABASE_URL: url,
        PORT: String(apiPort),
        HOST: '127.0.0.1',
      },
      quiet,
    });
    stoppers.push(() => stopService(api));
    await waitForHttp(`${apiUrl}/api/health`, api);

    const listen = webListenAddress(process.env.HOST);
    const webUrl = `http://${listen.urlHost}:${webPort}`;
    const web = startService(
      'web',
      'node',
      [require.resolve('next/dist/bin/next'), 'start', '-p', String(webPort), '-H', listen.hostname],
      {
        cwd: join(ROOT, 'apps/web'),
        env: { ...process.env, API_URL: apiUrl, PORT: String(webPort) },
        quiet,
      },
    );
    stoppers.push(() => stopService(web));
    await waitForHttp(webUrl, web);

    return { webUrl, apiUrl, databaseUrl: url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** DATABASE_URL, or the embedded server on .data/postgres: for the CLI scripts. */
export async function openDatabase() {
  const stoppers = [];
  const url = await startDatabaseServer({
    databaseUrl: process.env.DATABASE_URL || undefined,
    freshDatabase: false,
    stoppers,
  });
  return {
    url,
    stop: async () => {
      while (stoppers.length > 0) await stoppers.pop()();
    },
  };
}

/** Builds the API and the embedded PostgreSQL launcher (Nx skips what did not change); exits on failure. */
export function buildApi() {
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api', 'dev-postgres', '--outputStyle=static'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

async function startDatabaseServer({ databaseUrl, freshDatabase, stoppers }) {
  if (databaseUrl) {
    // Same validation as the API's, so a bad value is named before anything starts.
    apiModule('config/app-config.js').loadDatabaseConfig({ DATABASE_URL: databaseUrl });
    return databaseUrl;
  }
  const { startEmbeddedPostgres } = devPostgres();
  const dataDir = freshDatabase ? mkdtempSync(join(tmpdir(), 'sferum-pg-')) : join(ROOT, '.data/postgres');
  if (freshDatabase) {
    stoppers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  }
  const server = await startEmbeddedPostgres({ dataDir });
  stoppers.push(() => server.stop());
  return server.url;
}

/** A key made once per clone and kept beside the embedded data, so hashes and links survive restarts. */
function localSecret(name) {
  const file = join(ROOT, '.data', name);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function createFreshDatabase(serverUrl, stoppers) {
  const admin = apiModule('database/database-admin.js');
  const name = admin.testDatabaseName();
  await admin.createDatabase(serverUrl, name);
  stoppers.push(() => admin.dropDatabase(serverUrl, name));
  return admin.withDatabaseName(serverUrl, name);
}

/** A child in its own process group, so that stopping it also stops what it started. */
export function startService(name, command, args, { cwd = ROOT, env, quiet }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = '';
  const forward = (stream, target) =>
    stream.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      child.output = (child.output + text).slice(-20_000);
      if (!quiet) {
        for (const line of text.split('\n').filter(Boolean)) target.write(`[${name}] ${line}\n`);
      }
    });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.serviceName = name;
  return child;
}

export function stopService(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    signalGroup(child, 'SIGTERM');
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function runToEnd(command, args, { env, quiet }) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${args[0]} exited with code ${code}\n${output}`.trim())),
    );
  });
}

/**
 * Fails unless nothing listens on these loopback ports: waitForHttp would
 * take another process's answer there for the one just started.
 */
export async function assertPortsFree(ports, hint) {
  for (const port of ports) {
    const probe = createServer();
    await new Promise((resolveFree, reject) => {
      probe.once('error', (error) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`Port ${port} on 127.0.0.1 is in use by another process: ${hint}`)
            : error,
        ),
      );
      probe.listen(port, '127.0.0.1', () => probe.close(resolveFree));
    });
  }
}

export async function waitForHttp(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${child.serviceName} exited (code ${child.exitCode}) before answering:\n${child.output}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`${child.serviceName} did not answer at ${url} within ${timeoutMs / 1000} s:\n${child.output}`);
}
