import type { ApiErrorBody, ClassRoster, ImportResult } from '@sferum/contracts';
import { Client } from 'pg';
import request, { type Response } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { delay, startApiProcess, type ApiProcess } from './support/api-process';
import { classListCsv, createOwnSchool, signInAt, type OwnSchool } from './support/own-school';
import { firstOf } from './support/pick';

/** Longer than any answer may take; a request still open then has hung, and fails the test. */
const ANSWER_WITHIN_MS = 15_000;

/**
 * The API process with a pool of two connections that waits at most half a
 * second for one. Two imports into a class whose import lock another session
 * holds keep both connections busy, the way slow transactions would.
 */
describe('when every pooled connection is busy', () => {
  let school: OwnSchool;
  let api: ApiProcess | undefined;
  let teacher: TestAgent;
  let locker: Client;

  beforeAll(async () => {
    school = await createOwnSchool();
    api = await startApiProcess({
      databaseUrl: school.databaseUrl,
      env: { DATABASE_POOL_SIZE: '2', DATABASE_POOL_TIMEOUT_MS: '500', LOGIN_LIMIT_PER_IP: '1000' },
    });
    teacher = await signInAt(api.url, school.teacherEmail);
    locker = new Client({ connectionString: school.databaseUrl });
    await locker.connect();
  }, 60_000);

  afterAll(async () => {
    await locker?.end();
    await api?.stop();
    await school?.drop();
  });

  /** Never rejects: a request that got no answer in time settles with its error, for `answered` to report. */
  const send = (pending: request.Test): Promise<Response | Error> =>
    pending.timeout(ANSWER_WITHIN_MS).then(
      (response) => response,
      (error: Error) => error,
    );

  it('answers 503 with Retry-After and a clear message, leaves no request hanging, and serves normally afterwards', async () => {
    const { classId } = school;
    const roster = () => send(teacher.get(`/api/classes/${classId}/roster`));
    await locker.query(`SELECT pg_advisory_lock(hashtext('import:' || $1))`, [classId]);
    const file = classListCsv(3);
    const imports = [1, 2].map(() =>
      send(teacher.post(`/api/classes/${classId}/import?mode=commit`).attach('file', file, 'list.csv')),
    );
    await waitForBackendsOnAdvisoryLock(locker, 2);

    const crowd = await Promise.all(Array.from({ length: 20 }, roster));
    for (const result of crowd) {
      const response = answered(result, 'A request while the pool was busy');
      expect(response.status).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body as ApiErrorBody).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringMatching(/too busy.*try again/),
      });
    }
    expect(api!.running()).toBe(true);

    await locker.query(`SELECT pg_advisory_unlock(hashtext('import:' || $1))`, [classId]);
    const done = (await Promise.all(imports)).map((result) => answered(result, 'An import waiting for the lock'));
    expect(done.map((response) => response.status)).toEqual([200, 200]);
    // Serialised by the lock: one creates the three students, the other finds them there.
    expect(done.map((response) => (response.body as ImportResult).students.create).sort()).toEqual([0, 3]);

    // As many at a time as the pool holds: none of them has to wait.
    for (let round = 0; round < 5; round += 1) {
      for (const result of await Promise.all([roster(), roster()])) {
        const response = answered(result, 'A request after the crowd');
        expect(response.status).toBe(200);
        expect((response.body as ClassRoster).families).toHaveLength(3);
      }
    }
    expect(api!.running()).toBe(true);
  }, 60_000);
});

/** The response, or a failure that says which request hung. */
function answered(result: Response | Error, what: string): Response {
  if (result instanceof Error) {
    throw new Error(`${what} got no answer within ${ANSWER_WITHIN_MS / 1000} s: ${result.message}`);
  }
  return result;
}

/** Waits until `count` sessions of the API wait for an advisory lock: its pool is then fully taken. */
async function waitForBackendsOnAdvisoryLock(client: Client, count: number): Promise<void> {
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    if (firstOf(rows).waiting >= count) return;
    if (Date.now() > deadline)
      throw new Error(`Only ${firstOf(rows).waiting} of ${count} imports reached the import lock`);
    await delay(50);
  }
}
