import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassRoster, RosterFamily } from '@sferum/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createDatabase, dropDatabase, testDatabaseName, withDatabaseName } from '../src/database/database-admin';
import { DEMO_ACCOUNTS, DEMO_IDS, seedDemoData } from '../src/demo/demo-seed';
import { createMigratedDatabase } from './support/test-database';
import { createTestApp } from './support/test-app';
import { firstOf } from './support/pick';

const TOOL = join(__dirname, '../../../tools/db-backup.mjs');
const SCHOOL_ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'school_admin')!;

interface ToolRun {
  code: number;
  output: string;
}

/** `npm run db:backup` / `db:restore` as a user runs them, against the given database. */
function runTool(args: string[], databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TOOL, ...args],
      { env: { ...process.env, ...env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The URL with a password in it: whatever the server does with it, the tools must not print it. */
function withPassword(url: string): { url: string; password: string } {
  const parsed = new URL(url);
  if (!parsed.password) parsed.password = 'never-print-this-3f9a';
  return { url: parsed.toString(), password: decodeURIComponent(parsed.password) };
}

/**
 * Every table of the schema (the migrations table too), row by row: the row
 * count and an md5 of its rows in a fixed order; every sequence's position;
 * every index and constraint. Two databases with equal fingerprints hold the
 * same data in the same schema.
 */
async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = await dataSource.query<Array<{ name: string }>>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const row = firstOf(
      await dataSource.query<Array<{ n: number; digest: string }>>(
        `SELECT count(*)::int AS n, md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
       FROM public."${name}" t`,
      ),
    );
    result[`table ${name}`] = `${row.n} rows, ${row.digest}`;
  }
  const sequences = await dataSource.query<Array<{ name: string; position: string | null }>>(
    `SELECT sequencename AS name, last_value::text AS position FROM pg_sequences WHERE schemaname = 'public'`,
  );
  for (const { name, position } of sequences) result[`sequence ${name}`] = position ?? 'unused';
  const schema = firstOf(
    await dataSource.query<Array<{ indexes: string; constraints: string }>>(
      `SELECT (SELECT md5(string_agg(indexdef, ';' ORDER BY indexdef)) FROM pg_indexes WHERE schemaname = 'public') AS indexes,
            (SELECT md5(string_agg(conname || pg_get_constraintdef(oid), ';' ORDER BY conname))
             FROM pg_constraint WHERE connamespace = 'public'::regnamespace) AS constraints`,
    ),
  );
  result.indexes = schema.indexes;
  result.constraints = schema.constraints;
  return result;
}

async function connect(url: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
  await dataSource.initialize();
  return dataSource;
}

describe('backups: npm run db:backup and db:restore', () => {
  const serverUrl = process.env.TEST_SERVER_URL!;
  const workDir = mkdtempSync(join(tmpdir(), 'sferum-backup-test-'));
  const dumpFile = join(workDir, 'school.dump');
  const cleanups: Array<() => Promise<unknown>> = [];
  let sourceUrl: string;
  let source: DataSource;
  let sourceApp: NestExpressApplication;
  let before: Record<string, string>;

  /** A new, empty database on the test server, dropped after the tests. */
  async function emptyDatabase(): Promise<string> {
    const name = testDatabaseName('sferum_restore');
    await createDatabase(serverUrl, name);
    cleanups.push(() => dropDatabase(serverUrl, name));
    return withDatabaseName(serverUrl, name);
  }

  beforeAll(async () => {
    // A database with something in every table: the demo district, and on top of
    // it what a school does through the API (a phone hash, a parent link, a blocker note).
    const database = await createMigratedDatabase(serverUrl);
    cleanups.push(() => database.drop());
    sourceUrl = database.url;
    source = await connect(sourceUrl);
    await seedDemoData(source.manager);
    sourceApp = await createTestApp({ DATABASE_URL: sourceUrl, LOGIN_LIMIT_PER_IP: '1000' });
    const admin = request.agent(sourceApp.getHttpServer());
    await admin
      .post('/api/auth/login')
      .send({ email: SCHOOL_ADMIN.email, password: SCHOOL_ADMIN.password })
      .expect(200);
    const family = (
      await admin
        .post(`/api/classes/${DEMO_IDS.class1A}/students`)
        .send({ displayName: 'Резервов Пётр', parents: [{ displayName: 'Резервова Анна', phone: '+7 900 555-44-33' }] })
        .expect(201)
    ).body as RosterFamily;
    const student = firstOf(family.students);
    await admin
      .put(`/api/people/${student.id}/steps/max_account`)
      .send({ version: student.version, status: 'blocked', blockerReason: 'other', blockerNote: 'телефон у бабушки' })
      .expect(200);
    await admin
      .post(`/api/classes/${DEMO_IDS.class1A}/invites`)
      .send({ familyIds: [family.id] })
      .expect(200);
    before = await fingerprint(source);
  }, 60_000);

  afterAll(async () => {
    await sourceApp?.close();
    await source?.destroy();
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('restores into a new database exactly what was backed up, every table row by row, and the API works on it', async () => {
    for (const table of [
      'person',
      'family',
      'invite',
      'progress_event',
      'progress_snapshot',
      'staff_user',
      'migrations',
    ]) {
      expect(before[`table ${table}`]).not.toMatch(/^0 rows/);
    }
    const secret = withPassword(sourceUrl);
    const backup = await runTool(['backup', '--file', dumpFile], secret.url);
    expect(backup).toMatchObject({ code: 0, output: expect.stringMatching(/^Backed up .* to .*school\.dump/m) });
    expect(backup.output).not.toContain(secret.password);
    expect(existsSync(dumpFile)).toBe(true);

    const targetUrl = await emptyDatabase();
    const target = withPassword(targetUrl);
    const restore = await runTool(['restore', dumpFile], target.url);
    expect(restore).toMatchObject({ code: 0, output: expect.stringMatching(/^Restored .*school\.dump into /m) });
    expect(restore.output).not.toContain(target.password);

    const restored = await connect(targetUrl);
    cleanups.push(() => restored.destroy());
    expect(await fingerprint(restored)).toEqual(before);

    // The restored database serves the API: the same roster, to the same account.
    const app = await createTestApp({ DATABASE_URL: targetUrl, LOGIN_LIMIT_PER_IP: '1000' });
    try {
      const roster = async (server: NestExpressApplication): Promise<ClassRoster> => {
        const agent = request.agent(server.getHttpServer());
        await agent
          .post('/api/auth/login')
          .send({ email: SCHOOL_ADMIN.email, password: SCHOOL_ADMIN.password })
          .expect(200);
        return (await agent.get(`/api/classes/${DEMO_IDS.class5A}/roster`).expect(200)).body as ClassRoster;
      };
      const restoredRoster = await roster(app);
      expect(restoredRoster.families.length).toBeGreaterThan(0);
      expect(restoredRoster).toEqual(await roster(sourceApp));
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses to restore over a database that holds data, and replaces it all only with --force', async () => {
    const targetUrl = await emptyDatabase();
    expect((await runTool(['restore', dumpFile], targetUrl)).code).toBe(0);
    const target = await connect(targetUrl);
    cleanups.push(() => target.destroy());
    await target.query(`INSERT INTO district (name) VALUES ('Район после резервной копии')`);
    await target.query(`DELETE FROM invite`);
    const changed = await fingerprint(target);
    expect(changed).not.toEqual(before);

    const refused = await runTool(['restore', dumpFile], targetUrl);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is not empty .*--force/s);
    expect(await fingerprint(target)).toEqual(changed);

    const forced = await runTool(['restore', dumpFile, '--force'], targetUrl);
    expect(forced).toMatchObject({ code: 0, output: expect.stringMatching(/replacing what was there/) });
    expect(await fingerprint(target)).toEqual(before);
  }, 120_000);

  it('names the package to install when no pg_dump of the server’s major version is found', async () => {
    const { num } = firstOf(
      await source.query<Array<{ num: number }>>(`SELECT current_setting('server_version_num')::int AS num`),
    );
    const major = Math.floor(num / 10_000);
    const fakeBin = join(workDir, 'old-client');
    mkdirSync(fakeBin);
    const fake = join(fakeBin, 'pg_dump');
    writeFileSync(fake, '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
    chmodSync(fake, 0o755);

    const run = await runTool(['backup', '--file', join(workDir, 'never.dump')], sourceUrl, { PG_BIN_DIR: fakeBin });
    expect(run.code).toBe(1);
    expect(run.output).toContain(`No pg_dump of PostgreSQL ${major} found in PG_BIN_DIR`);
    expect(run.output).toContain(`${fake} (9.6)`);
    expect(run.output).toContain(`apt-get install postgresql-client-${major}`);
    expect(readdirSync(workDir).filter((file) => file.startsWith('never'))).toEqual([]);
  });
});
