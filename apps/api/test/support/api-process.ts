import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_INVITE_KEY, TEST_PHONE_HMAC_KEY } from './test-app';

const ROOT = join(__dirname, '../../../..');
/** The production build, as `npx nx run api:build` leaves it (the api e2e target builds it first). */
const MAIN = join(ROOT, 'dist/api/apps/api/src/main.js');
const SOURCES = [join(ROOT, 'apps/api/src'), join(ROOT, 'libs/contracts/src')];

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT_CHARS = 20_000;

/** The API as its own operating-system process, which a test can kill like a crash would. */
export interface ApiProcess {
  /** http://127.0.0.1:<free port> */
  readonly url: string;
  readonly pid: number;
  running(): boolean;
  /** SIGKILL: no shutdown hook, no rollback from the API's side, sockets cut by the kernel. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it does not end in time; for afterAll. Safe to call twice. */
  stop(): Promise<void>;
  /** What the process printed last (warnings and errors only, by default), to explain a failure. */
  output(): string;
}

export interface ApiProcessOptions {
  databaseUrl: string;
  /** More environment, e.g. a small pool; the API validates it as at any start. */
  env?: Record<string, string>;
}

/**
 * Starts `node dist/api/apps/api/src/main.js` on a free port and resolves once
 * GET /api/health answers 200. The caller must stop() it, also when the test fails.
 */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  assertBuilt();
  // A free port can be taken between our probe and the API's listen: try another one then.
  for (let attempt = 1; ; attempt += 1) {
    const api = spawnApi(options, await freePort());
    try {
      await waitUntilHealthy(api);
      return api;
    } catch (error) {
      await api.stop();
      if (attempt >= 3 || !api.output().includes('EADDRINUSE')) throw error;
    }
  }
}

function spawnApi(options: ApiProcessOptions, port: number): ApiProcess {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    // Only what the API needs: no DATABASE_URL or keys of the surrounding shell leak in.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SNAPSHOTS_ENABLED: 'false',
      PHONE_HMAC_KEY: TEST_PHONE_HMAC_KEY,
      INVITE_ENCRYPTION_KEY: TEST_INVITE_KEY,
      PUBLIC_WEB_URL: 'http://localhost:3000',
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(`spawn failed: ${error.message}\n`)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const signalAndWait = async (signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> => {
    if (!running()) return true;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    return Promise.race([exited.then(() => true), timedOut]).finally(() => clearTimeout(timer));
  };

  return {
    url: `http://127.0.0.1:${port}`,
    pid: pidOf(child),
    running,
    kill: async () => {
      if (!(await signalAndWait('SIGKILL', STOP_TIMEOUT_MS)))
        throw new Error(`API process ${pidOf(child)} survived SIGKILL`);
    },
    stop: async () => {
      if (await signalAndWait('SIGTERM', STOP_TIMEOUT_MS)) return;
      await signalAndWait('SIGKILL', STOP_TIMEOUT_MS);
    },
    output: () => output,
  };
}

async function waitUntilHealthy(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!api.running()) throw new Error(`The API process exited while starting:\n${api.output()}`);
    const status = await fetch(`${api.url}/api/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await delay(100);
  }
  throw new Error(`The API process did not become healthy within ${START_TIMEOUT_MS / 1000} s:\n${api.output()}`);
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

let staleBuildReported = false;

/**
 * A missing build fails with what to run. A build older than the sources is
 * only reported: tests then exercise the code as last built.
 */
function assertBuilt(): void {
  if (!existsSync(MAIN)) {
    throw new Error(`The API is not built (${MAIN}): run "npx nx run api:build" first (the api:e2e target does).`);
  }
  const builtAt = statSync(MAIN).mtimeMs;
  const newer = SOURCES.flatMap(listFiles).find((file) => file.endsWith('.ts') && statSync(file).mtimeMs > builtAt);
  if (newer && !staleBuildReported) {
    staleBuildReported = true;
    process.stderr.write(
      `api-process: ${newer} is newer than the API build; run "npx nx run api:build" to test the current code.\n`,
    );
  }
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('The API process could not be spawned');
  return child.pid;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
