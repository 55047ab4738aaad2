import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ClassRoster, CreatedApiKey, DistrictReport, HealthResponse, SchoolReport } from '@sferum/contracts';
import { embeddedPostgresMajor, startEmbeddedPostgres, type EmbeddedPostgres } from '@sferum/dev-postgres';
import { Client } from 'pg';
import request from 'supertest';
import { withDatabaseName } from '../src/database/database-admin';
import { hashPassword } from '../src/auth/passwords';
import { TEST_PASSWORD, unique } from './factories/org.factory';
import { delay, startApiProcess, type ApiProcess } from './support/api-process';
import { createOwnSchool, type OwnSchool } from './support/own-school';
import { firstOf } from './support/pick';

/**
 * A primary and a streaming replica of it, both from the embedded PostgreSQL
 * binaries (the replica made by pg_basebackup from the client tools), and the
 * API as a process on them: DATABASE_URL the primary, DATABASE_REPLICA_URL the
 * replica. With the replica's replay paused, what the reports answer is what
 * the replica holds, older than the primary.
 */
describe('reports read from a streaming replica', () => {
  const dirs: string[] = [];
  let primary: EmbeddedPostgres;
  let replica: EmbeddedPostgres;
  let school: OwnSchool;
  let replicaUrl: string;
  let api: ApiProcess;
  let adminEmail: string;

  beforeAll(async () => {
    const pgBasebackup = clientTool('pg_basebackup', embeddedPostgresMajor());
    const primaryDir = tempDir('sferum-primary-pg-');
    // pg_hba.conf of initdb --auth=trust lets 127.0.0.1 replicate; wal_level replica and 10 WAL senders are the defaults.
    primary = await startEmbeddedPostgres({ dataDir: primaryDir });
    const replicaDir = tempDir('sferum-replica-pg-');
    const backup = spawnSync(
      pgBasebackup,
      ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replicaDir, '-X', 'stream', '-R'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (backup.status !== 0) throw new Error(`pg_basebackup failed: ${backup.error?.message ?? backup.stderr}`);
    replica = await startEmbeddedPostgres({ dataDir: replicaDir });

    school = await createOwnSchool(primary.url);
    const { district_id: districtId } = firstOf(
      await school.dataSource.query<Array<{ district_id: string }>>(`SELECT district_id FROM school WHERE id = $1`, [
        school.schoolId,
      ]),
    );
    adminEmail = `admin.${unique()}@district.test`;
    await school.dataSource.query(
      `INSERT INTO staff_user (district_id, role, email, full_name, password_hash)
       VALUES ($1, 'district_admin', $2, 'Тестовый администратор', $3)`,
      [districtId, adminEmail, await hashPassword(TEST_PASSWORD)],
    );
    replicaUrl = withDatabaseName(replica.url, new URL(school.databaseUrl).pathname.slice(1));
    await replicaCaughtUp();
    api = await startApiProcess({
      databaseUrl: school.databaseUrl,
      env: { DATABASE_REPLICA_URL: replicaUrl, LOGIN_LIMIT_PER_IP: '1000' },
    });
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await school?.dataSource.destroy().catch(() => undefined);
    await replica?.stop();
    await primary?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const tempDir = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  const onReplica = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: replicaUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  /** Until the replica has replayed everything the primary has written so far. */
  const replicaCaughtUp = async (): Promise<void> => {
    const [{ lsn }] = (await school.dataSource.query<Array<{ lsn: string }>>(
      `SELECT pg_current_wal_lsn()::text AS lsn`,
    )) as [{ lsn: string }];
    for (let waited = 0; waited < 20_000; waited += 100) {
      const behind = await onReplica(async (client) => {
        const { rows } = await client.query<{ behind: boolean }>(
          `SELECT COALESCE(pg_last_wal_replay_lsn() < $1::pg_lsn, true) AS behind`,
          [lsn],
        );
        return firstOf(rows).behind;
      }).catch(() => true);
      if (!behind) return;
      await delay(100);
    }
    throw new Error('The replica did not catch up with the primary within 20 s');
  };

  it('answers the reports as the replica has them, while the rest reads and writes the primary', async () => {
    const admin = request.agent(api.url);
    await admin.post('/api/auth/login').send({ email: adminEmail, password: TEST_PASSWORD }).expect(200);
    const key = ((await admin.post('/api/api-keys').send({ name: 'на реплике' }).expect(201)).body as CreatedApiKey)
      .secret;
    const students = async () => ({
      district: ((await admin.get('/api/reports/district').expect(200)).body as DistrictReport).total.students.people,
      school: ((await admin.get(`/api/reports/schools/${school.schoolId}`).expect(200)).body as SchoolReport).total
        .students.people,
      roster: ((await admin.get(`/api/classes/${school.classId}/roster`).expect(200)).body as ClassRoster).families
        .length,
    });
    await replicaCaughtUp();
    expect(await students()).toEqual({ district: 0, school: 0, roster: 0 });

    await onReplica(async (client) => {
      await client.query(`SELECT pg_wal_replay_pause()`);
      for (let waited = 0; waited < 10_000; waited += 50) {
        const { rows } = await client.query<{ state: string }>(`SELECT pg_get_wal_replay_pause_state() AS state`);
        if (firstOf(rows).state === 'paused') return;
        await delay(50);
      }
      throw new Error('The replica did not pause its replay');
    });
    try {
      await admin
        .post(`/api/classes/${school.classId}/students`)
        .send({ displayName: `Репликин ${unique()}`, parents: [] })
        .expect(201);
      // The roster is the primary's; the reports are the paused replica's, and a new sign-in
      // (its rate limits in an UNLOGGED table, which a replica cannot read) still works.
      expect(await students()).toEqual({ district: 0, school: 0, roster: 1 });
      const fromApi = await request(api.url)
        .get('/api/v1/reports/district')
        .set('Authorization', `Bearer ${key}`)
        .expect(200);
      expect((fromApi.body as DistrictReport).total.students.people).toBe(0);
      await request(api.url).post('/api/auth/login').send({ email: adminEmail, password: TEST_PASSWORD }).expect(200);
    } finally {
      await onReplica((client) => client.query(`SELECT pg_wal_replay_resume()`));
    }

    await replicaCaughtUp();
    expect(await students()).toEqual({ district: 1, school: 1, roster: 1 });
  }, 60_000);

  it('with the replica down: healthy but says so, the reports 503 with Retry-After, the rest on the primary', async () => {
    const health = async () => (await request(api.url).get('/api/health').expect(200)).body as HealthResponse;
    expect(await health()).toMatchObject({ status: 'ok', database: 'up', replica: 'up' });

    await replica.stop();
    expect(await health()).toMatchObject({ status: 'ok', database: 'up', replica: 'down' });
    const admin = request.agent(api.url);
    await admin.post('/api/auth/login').send({ email: adminEmail, password: TEST_PASSWORD }).expect(200);
    const report = await admin.get('/api/reports/district').expect(503);
    expect(report.headers['retry-after']).toMatch(/^\d+$/);
    await admin.get(`/api/classes/${school.classId}/roster`).expect(200);
  }, 30_000);
});

/**
 * A PostgreSQL client program of the embedded server's major version:
 * PG_BIN_DIR if set, else Debian's versioned folder, else PATH (CI installs
 * postgresql-client-15). Missing, the test fails saying what to install.
 */
function clientTool(name: string, major: number): string {
  const candidates = process.env.PG_BIN_DIR
    ? [join(process.env.PG_BIN_DIR, name)]
    : [
        `/usr/lib/postgresql/${major}/bin/${name}`,
        ...(process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, name)),
      ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
    } catch {
      continue;
    }
    const version = /\(PostgreSQL\) (\d+)/.exec(spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout ?? '');
    if (Number(version?.[1]) === major) return candidate;
  }
  throw new Error(
    `No ${name} of PostgreSQL ${major} found (PG_BIN_DIR, /usr/lib/postgresql/${major}/bin, PATH): ` +
      `install the client tools ("apt-get install postgresql-client-${major}") or set PG_BIN_DIR.`,
  );
}
