// `npm run db:backup [-- --file <path>]` and `npm run db:restore -- <file> [--force]`:
// pg_dump / pg_restore of DATABASE_URL, or of the embedded server on .data/postgres
// (the one `npm start` runs: used while it runs, started for the moment when not).
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackupError,
  connectionOf,
  countUserRelations,
  dumpDatabase,
  findClientTool,
  listArchive,
  restoreDatabase,
  runningEmbeddedServer,
  serverMajor,
  tableDataEntries,
  withClient,
} from './db-backup-lib.mjs';
import { buildApi, openDatabase, ROOT } from './stack.mjs';

const USAGE = `Usage:
  npm run db:backup                        a backup into .data/backups/<date-time>.dump
  npm run db:backup -- --file <path>       a backup into that file
  npm run db:restore -- <file>             the backup into an empty database
  npm run db:restore -- <file> --force     the backup replaces everything in the database`;

const EMBEDDED_DATA = join(ROOT, '.data/postgres');

// A backup holds personal data: only its owner may read it.
process.umask(0o077);

try {
  const { command, file, force } = parseCommandLine(process.argv.slice(2));
  const target = await openTarget(command);
  try {
    if (command === 'backup') await backup(target, file);
    else await restore(target, file, force);
  } finally {
    await target.stop();
  }
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}

function parseCommandLine(argv) {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { file: { type: 'string' }, force: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new BackupError(`${error.message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const file = values.file ?? positionals[0];
  const valid =
    (command === 'backup' && positionals.length === 0 && !values.force) ||
    (command === 'restore' && file !== undefined && positionals.length <= (values.file ? 0 : 1));
  if (!valid) throw new BackupError(USAGE);
  return { command, file: file === undefined ? undefined : resolve(file), force: values.force };
}

/** DATABASE_URL; else the embedded server that `npm start` runs, or one started for this command. */
async function openTarget(command) {
  if (process.env.DATABASE_URL) {
    return { connection: connectionOf(process.env.DATABASE_URL), stop: async () => undefined };
  }
  const running = await runningEmbeddedServer(EMBEDDED_DATA);
  if (running) {
    console.log('Using the embedded PostgreSQL that is running on .data/postgres.');
    return { connection: connectionOf(running), stop: async () => undefined };
  }
  if (command === 'backup' && !existsSync(join(EMBEDDED_DATA, 'PG_VERSION'))) {
    throw new BackupError(
      'Nothing to back up: DATABASE_URL is not set and .data/postgres holds no database yet (npm start makes it).',
    );
  }
  console.log('Starting the embedded PostgreSQL on .data/postgres for this command…');
  buildApi();
  let database;
  try {
    database = await openDatabase();
  } catch (error) {
    throw new BackupError(`Could not start the embedded PostgreSQL: ${error.message}`);
  }
  return { connection: connectionOf(database.url), stop: database.stop };
}

async function backup({ connection }, file) {
  const major = await serverMajor(connection);
  const pgDump = findClientTool('pg_dump', major);
  const pgRestore = findClientTool('pg_restore', major);
  const destination = file ?? join(ROOT, '.data/backups', `${timestamp()}.dump`);
  if (existsSync(destination))
    throw new BackupError(`${destination} already exists: choose another --file or delete it first.`);
  mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });

  // Written under another name first: a file with the final name is a whole backup.
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    await dumpDatabase(connection, pgDump, partial);
    const tables = tableDataEntries(await listArchive(pgRestore, partial));
    chmodSync(partial, 0o600);
    renameSync(partial, destination);
    const size = Math.max(1, Math.round(statSync(destination).size / 1024));
    console.log(
      `Backed up ${connection.label} (PostgreSQL ${major}, ${tables} tables) to ${shown(destination)} (${size} KB).`,
    );
  } finally {
    rmSync(partial, { force: true });
  }
}

async function restore({ connection }, file, force) {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const major = await serverMajor(connection);
  const pgRestore = findClientTool('pg_restore', major);
  const psql = findClientTool('psql', major);
  const tables = tableDataEntries(await listArchive(pgRestore, file));

  const existing = await withClient(connection, countUserRelations);
  if (existing > 0 && !force) {
    throw new BackupError(
      `${connection.label} is not empty (${existing} tables, sequences and views). A restore goes into an empty database; ` +
        'run again with --force to replace everything in this one.',
    );
  }
  await restoreDatabase(connection, { pgRestore, psql, file, replace: existing > 0 });
  console.log(
    `Restored ${shown(file)} into ${connection.label} (${tables} tables${existing > 0 ? ', replacing what was there' : ''}). ` +
      'The API applies any migration the backup predates when it starts.',
  );
}

/** 2026-11-26T19-58-09Z: sorts by time and is a valid file name everywhere. */
function timestamp() {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

function shown(file) {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
}
