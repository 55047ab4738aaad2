// What `npm run db:backup` and `npm run db:restore` share: which server, which
// client tools, and the dump and restore themselves. Plain functions over a
// connection URL, so that the API's end-to-end test drives the same code path
// as a user does (through tools/db-backup.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import pg from 'pg';

export class BackupError extends Error {
  name = 'BackupError';
}

/**
 * A database URL split into what may be shown and passed on a command line
 * (the URL without its password) and the password, which goes to the client
 * tools through PGPASSWORD only: never into an argument list that `ps` shows,
 * never into a message.
 */
export function connectionOf(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new BackupError('DATABASE_URL must look like postgres://user:password@host:5432/database');
  }
  if (!/^postgres(ql)?:$/.test(url.protocol) || url.pathname.length <= 1) {
    throw new BackupError('DATABASE_URL must look like postgres://user:password@host:5432/database');
  }
  const password = decodeURIComponent(url.password);
  url.password = '';
  const user = decodeURIComponent(url.username) || 'postgres';
  const label = `${user}@${url.hostname}:${url.port || '5432'}/${decodeURIComponent(url.pathname.slice(1))}`;
  return { fullUrl: databaseUrl, publicUrl: url.toString(), password, label };
}

/** The environment for a client tool: the password (if any) only here. */
function toolEnvironment(connection) {
  const env = { ...process.env, PGCONNECT_TIMEOUT: process.env.PGCONNECT_TIMEOUT || '10' };
  delete env.DATABASE_URL;
  if (connection.password) env.PGPASSWORD = connection.password;
  return env;
}

export async function withClient(connection, work) {
  const client = new pg.Client({ connectionString: connection.fullUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to ${connection.label}: ${error.message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's major version: 15 for 15.x (10 and later number majors by the first part). */
export async function serverMajor(connection) {
  return withClient(connection, async (client) => {
    const { rows } = await client.query(`SELECT current_setting('server_version_num')::int AS num`);
    return Math.floor(rows[0].num / 10_000);
  });
}

/** Relations (tables, views, sequences) outside the system schemas: 0 for a new, empty database. */
export async function countUserRelations(client) {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  return rows[0].n;
}

/**
 * A client program (pg_dump, pg_restore, psql) of exactly the server's major
 * version: pg_dump refuses a newer server, and what a newer pg_dump writes an
 * older pg_restore cannot read. PG_BIN_DIR, when set, is the only place
 * looked at; otherwise Debian's versioned folder, Homebrew's, then PATH.
 */
export function findClientTool(name, major) {
  const candidates = process.env.PG_BIN_DIR
    ? [join(resolve(process.env.PG_BIN_DIR), name)]
    : [
        `/usr/lib/postgresql/${major}/bin/${name}`,
        `/opt/homebrew/opt/postgresql@${major}/bin/${name}`,
        `/usr/local/opt/postgresql@${major}/bin/${name}`,
        ...(process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, name)),
      ];
  const seen = [];
  for (const candidate of [...new Set(candidates)]) {
    if (!isExecutable(candidate)) continue;
    const version = toolVersion(candidate);
    if (version?.major === major) return candidate;
    seen.push(`${candidate} (${version ? version.text : 'no version'})`);
  }
  const where = process.env.PG_BIN_DIR
    ? `in PG_BIN_DIR (${process.env.PG_BIN_DIR})`
    : `in /usr/lib/postgresql/${major}/bin or on PATH`;
  throw new BackupError(
    [
      `No ${name} of PostgreSQL ${major} found ${where}; the server is PostgreSQL ${major}, and ${name} must be the same major version.`,
      seen.length > 0 ? `Found only: ${seen.join(', ')}.` : undefined,
      `Install the client tools: on Debian or Ubuntu "apt-get install postgresql-client-${major}" ` +
        `(Debian 12 ships 15; other versions come from apt.postgresql.org), on macOS "brew install postgresql@${major}"; ` +
        `or set PG_BIN_DIR to the folder that holds ${name}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function toolVersion(file) {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /\(PostgreSQL\) (\d+)(\.\d+)?/.exec(result.stdout ?? '');
  return match ? { major: Number(match[1]), text: `${match[1]}${match[2] ?? ''}` } : undefined;
}

/**
 * pg_dump in its custom format (compressed, restored selectively and in any
 * order by pg_restore). One consistent snapshot even while the API writes.
 */
export async function dumpDatabase(connection, pgDump, file) {
  const result = await run(
    pgDump,
    ['--format=custom', '--no-password', `--file=${file}`, `--dbname=${connection.publicUrl}`],
    {
      env: toolEnvironment(connection),
    },
  );
  if (result.code !== 0) throw new BackupError(`pg_dump failed (exit ${result.code}):\n${result.stderr.trim()}`);
}

/** The archive's table of contents; fails on a file that is not a pg_dump archive. */
export async function listArchive(pgRestore, file) {
  const result = await run(pgRestore, ['--list', file], { env: process.env });
  if (result.code !== 0) {
    throw new BackupError(`${file} is not a backup that pg_restore can read:\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** The number of tables whose data the archive holds. */
export function tableDataEntries(toc) {
  return toc.split('\n').filter((line) => /^\d+;.* TABLE DATA /.test(line)).length;
}

/**
 * The archive into the database in one transaction: all of it or nothing.
 * `replace` first drops every schema of the database (public is made anew),
 * inside that same transaction, so a failed restore leaves the old data.
 * pg_restore writes the SQL; psql runs it (pg_restore's own --single-transaction
 * could not include the drop).
 */
export async function restoreDatabase(connection, { pgRestore, psql, file, replace }) {
  const dropStatements = replace
    ? await withClient(connection, async (client) => {
        const { rows } = await client.query(
          `SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%' ORDER BY nspname`,
        );
        return [
          'SET client_min_messages = warning',
          ...rows.map((row) => `DROP SCHEMA ${client.escapeIdentifier(row.nspname)} CASCADE`),
          'CREATE SCHEMA public',
        ];
      })
    : [];
  const env = toolEnvironment(connection);
  const producer = spawn(pgRestore, ['--no-owner', '--no-privileges', '--file=-', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const consumer = spawn(
    psql,
    [
      '--no-psqlrc',
      '--no-password',
      '--quiet',
      '--set=ON_ERROR_STOP=1',
      '--single-transaction',
      ...dropStatements.flatMap((statement) => ['--command', statement]),
      '--file=-',
      `--dbname=${connection.publicUrl}`,
    ],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  producer.stdout.pipe(consumer.stdin);
  consumer.stdin.on('error', () => undefined); // psql stopped on an error: pg_restore's EPIPE says nothing more
  const [restoreResult, psqlResult] = await Promise.all([finished(producer), finished(consumer)]);
  if (psqlResult.code !== 0) {
    throw new BackupError(
      `The restore failed and was rolled back; the database is as it was:\n${psqlResult.stderr.trim()}`,
    );
  }
  if (restoreResult.code !== 0) {
    throw new BackupError(`pg_restore failed (exit ${restoreResult.code}):\n${restoreResult.stderr.trim()}`);
  }
}

function run(command, args, { env }) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return finished(child);
}

function finished(child) {
  return new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => fail(new BackupError(`${child.spawnfile} could not run: ${error.message}`)));
    child.once('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/**
 * A server that `npm start` (or anything else) is running on the embedded data
 * folder right now: its URL, read from postmaster.pid and confirmed by asking
 * the server for its data directory. Undefined when none answers.
 */
export async function runningEmbeddedServer(dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT current_setting('data_directory') AS dir`);
    return resolve(rows[0].dir) === resolve(dataDir) ? url : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
