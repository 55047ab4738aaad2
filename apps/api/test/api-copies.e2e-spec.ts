import { SESSION_COOKIE, type CreatedApiKey, type RosterFamily } from '@sferum/contracts';
import request from 'supertest';
import { hashPassword } from '../src/auth/passwords';
import { TEST_PASSWORD, unique } from './factories/org.factory';
import { delay, startApiProcess, type ApiProcess } from './support/api-process';
import { createOwnSchool, type OwnSchool } from './support/own-school';
import { firstOf } from './support/pick';

/** Wrong passwords that one account may send per minute; the next attempt answers 429. */
const FAILURES_PER_ACCOUNT = 4;
/** Far longer than the test: a report the reporting API counted stays the one it serves. */
const REPORT_CACHE_SECONDS = 600;

/**
 * Two API processes on one database, as two machines behind the web's
 * forwarding would be. The web forwards /api/* to API_URL keeping nothing
 * between requests (apps/web/src/server/api-proxy.ts): a load balancer at that
 * address may send each request to either copy, so the test sends them to
 * the copies in turn, and they must answer as one API.
 */
describe('two copies of the API on one database', () => {
  let school: OwnSchool;
  let copies: [ApiProcess, ApiProcess];
  let adminEmail: string;
  /** Copy 0, 1, 0, 1, … */
  let turn = 0;
  const next = (): ApiProcess => copies[turn++ % 2]!;

  beforeAll(async () => {
    school = await createOwnSchool();
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
    const env = {
      LOGIN_LIMIT_PER_IP: '1000',
      LOGIN_FAILURES_PER_ACCOUNT: String(FAILURES_PER_ACCOUNT),
      REPORT_CACHE_SECONDS: String(REPORT_CACHE_SECONDS),
      // Every second, on both copies at the same second: the daily job's worst case.
      SNAPSHOTS_ENABLED: 'true',
      SNAPSHOT_CRON: '* * * * * *',
    };
    copies = await Promise.all([
      startApiProcess({ databaseUrl: school.databaseUrl, env }),
      startApiProcess({ databaseUrl: school.databaseUrl, env }),
    ]);
  }, 60_000);

  afterAll(async () => {
    for (const copy of copies ?? []) await copy.stop();
    await school?.drop();
  });

  const signIn = async (email: string): Promise<string> => {
    const response = await request(next().url).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    const cookies = response.headers['set-cookie'] as unknown as string[];
    return firstOf(firstOf(cookies.filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).split(';'));
  };

  it('keeps a session signed in on one copy on the other, and ends it on both at logout on either', async () => {
    const cookie = await signIn(adminEmail);
    for (const copy of copies) {
      const me = await request(copy.url).get('/api/auth/me').set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect((me.body as { email: string }).email).toBe(adminEmail);
    }
    await request(copies[1].url).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    for (const copy of copies) await request(copy.url).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('counts wrong passwords sent to both copies against one limit', async () => {
    for (let attempt = 1; attempt <= FAILURES_PER_ACCOUNT; attempt += 1) {
      await request(next().url)
        .post('/api/auth/login')
        .send({ email: school.teacherEmail, password: `wrong ${attempt}` })
        .expect(401);
    }
    // Each copy has seen only half of the failures: only a shared count refuses here.
    for (const copy of copies) {
      const refused = await request(copy.url)
        .post('/api/auth/login')
        .send({ email: school.teacherEmail, password: TEST_PASSWORD });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('answers a report with the same ETag from both copies, and 304 to the other copy', async () => {
    const cookie = await signIn(adminEmail);
    const first = await request(next().url).get('/api/reports/district').set('Cookie', cookie).expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    for (const copy of copies) {
      const again = await request(copy.url)
        .get('/api/reports/district')
        .set('Cookie', cookie)
        .set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.headers.etag).toBe(etag);
    }
  });

  it('serves the reporting API’s recent report from one cache for both copies', async () => {
    const cookie = await signIn(adminEmail);
    const created = await request(next().url)
      .post('/api/api-keys')
      .set('Cookie', cookie)
      .send({ name: 'две копии' })
      .expect(201);
    const secret = (created.body as CreatedApiKey).secret;
    const district = (copy: ApiProcess) =>
      request(copy.url).get('/api/v1/reports/district').set('Authorization', `Bearer ${secret}`);

    const counted = await district(copies[0]).expect(200);
    // A change after copy 0 counted: the cached report stays what every copy serves until it expires.
    const teacher = request.agent(copies[1].url);
    await teacher.post('/api/auth/login').send({ email: adminEmail, password: TEST_PASSWORD }).expect(200);
    await teacher
      .post(`/api/classes/${school.classId}/students`)
      .send({ displayName: `Новиков ${unique()}`, parents: [] })
      .expect(201)
      .then((response) => expect((response.body as RosterFamily).students).toHaveLength(1));

    const fromOther = await district(copies[1]).expect(200);
    expect(fromOther.headers.etag).toBe(counted.headers.etag);
    expect((fromOther.body as { asOf: string }).asOf).toBe((counted.body as { asOf: string }).asOf);
    await district(copies[1]).set('If-None-Match', String(counted.headers.etag)).expect(304);
  });

  it('writes a class’s daily snapshot once, however often the job fires on both copies at once', async () => {
    const todays = () =>
      school.dataSource.query<Array<{ xmin: string; taken_at: Date }>>(
        `SELECT xmin::text, taken_at FROM progress_snapshot
         WHERE class_id = $1 AND day = timezone('Europe/Moscow', now())::date`,
        [school.classId],
      );
    let rows = await todays();
    for (let waited = 0; rows.length === 0 && waited < 20_000; waited += 200) {
      await delay(200);
      rows = await todays();
    }
    expect(rows).toHaveLength(1);
    const written = firstOf(rows);
    // Both copies fire every second: three more seconds are several more runs on each.
    await delay(3_000);
    expect(await todays()).toEqual([written]);
    for (const copy of copies) {
      expect(copy.running()).toBe(true);
      expect(copy.output()).not.toMatch(/snapshot/i);
    }
  }, 40_000);
});
