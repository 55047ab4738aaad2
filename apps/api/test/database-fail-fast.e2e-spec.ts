import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, ClassRoster, PersonChangeResult, RosterFamily } from '@sferum/contracts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@sferum/dev-postgres';
import { Client } from 'pg';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { delay } from './support/api-process';
import { createOwnSchool, signInAt, type OwnSchool } from './support/own-school';
import { firstOf } from './support/pick';
import { freezeServer, killServer, thawServer } from './support/postgres-processes';
import { recountFromSource, storedCounters } from './support/recount';
import { tablesWrittenBy, waitForSessionBlockedBy } from './support/locks';
import { createTestApp } from './support/test-app';

/**
 * The longest the test keeps the server frozen. Far longer than the 1 s
 * timeouts it configures (a request may meet two of them: the pool's and the
 * client's wait for an answer): a request answered only after the thaw has
 * waited for the database instead of giving up.
 */
const FROZEN_AT_MOST_MS = 15_000;

/** A PostgreSQL of this test's own, which it freezes (SIGSTOP) and kills (SIGKILL) under a running API. */
describe('when PostgreSQL stops answering or dies mid-transaction', () => {
  let dataDir: string;
  let server: EmbeddedPostgres;
  let school: OwnSchool;
  const apps: NestExpressApplication[] = [];

  /** The API in this process, listening on a free port, on the test's own server. */
  const startApi = async (env: Record<string, string>): Promise<string> => {
    const app = await createTestApp({
      DATABASE_URL: school.databaseUrl,
      DATABASE_POOL_SIZE: '3',
      LOGIN_LIMIT_PER_IP: '1000',
      ...env,
    });
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sferum-fail-fast-pg-'));
    server = await startEmbeddedPostgres({ dataDir });
    school = await createOwnSchool(server.url);
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await school?.dataSource.destroy().catch(() => undefined);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request 503 with Retry-After while the server is frozen, none waiting for it, and 200 after', async () => {
    const api = await startApi({
      DATABASE_POOL_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      DATABASE_LOCK_TIMEOUT_MS: '1000',
    });
    const teacher = await signInAt(api, school.teacherEmail);
    const roster = () => teacher.get(`/api/classes/${school.classId}/roster`);
    // Every pooled connection opened, so that the frozen server holds some of them mid-query.
    for (const response of await Promise.all([roster(), roster(), roster()])) expect(response.status).toBe(200);

    const frozen = freezeServer(dataDir);
    let thawed = false;
    const thaw = () => {
      if (thawed) return;
      thawed = true;
      thawServer(frozen);
    };
    const thawAnyway = setTimeout(thaw, FROZEN_AT_MOST_MS);
    let crowd: Array<{ response: Response; whileFrozen: boolean }>;
    try {
      // Four times the pool: some wait for a connection, some for an answer from the frozen server.
      crowd = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const response = await roster();
          return { response, whileFrozen: !thawed };
        }),
      );
    } finally {
      clearTimeout(thawAnyway);
      thaw();
    }

    for (const { response, whileFrozen } of crowd) {
      expect({ status: response.status, whileFrozen }).toEqual({ status: 503, whileFrozen: true });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect((response.body as ApiErrorBody).message).toMatch(/database is not available/);
    }

    const recovered = await eventually(roster, (response) => response.status === 200);
    expect((recovered.body as ClassRoster).schoolClass.id).toBe(school.classId);
  }, 60_000);

  it('answers a change that waited for a lock past DATABASE_LOCK_TIMEOUT_MS 503 with Retry-After, saving none of it', async () => {
    const api = await startApi({ DATABASE_LOCK_TIMEOUT_MS: '500' });
    const teacher = await signInAt(api, school.teacherEmail);
    const family = (
      await teacher
        .post(`/api/classes/${school.classId}/students`)
        .send({ displayName: 'Ожидаев Илья', parents: [] })
        .expect(201)
    ).body as RosterFamily;
    const student = firstOf(family.students);
    const classRow = new Client({ connectionString: school.databaseUrl });
    await classRow.connect();
    try {
      await classRow.query('BEGIN');
      await classRow.query(`SELECT id FROM school_class WHERE id = $1 FOR NO KEY UPDATE`, [school.classId]);
      const waited = await teacher
        .put(`/api/people/${student.id}/steps/max_account`)
        .send({ version: student.version, status: 'done' });
      expect(waited.status).toBe(503);
      expect(Number(waited.headers['retry-after'])).toBeGreaterThan(0);
      expect((waited.body as ApiErrorBody).message).toMatch(/Nothing was changed; please try again/);
    } finally {
      await classRow.query('ROLLBACK');
      await classRow.end();
    }
    expect(await stepAndEvents(school.dataSource, student.id)).toEqual({ status: 'not_started', doneEvents: 0 });
  });

  it('answers a write cut off by the server dying 503 with Retry-After, and the restarted server has none of it', async () => {
    const api = await startApi({});
    const teacher = await signInAt(api, school.teacherEmail);
    const family = (
      await teacher
        .post(`/api/classes/${school.classId}/students`)
        .send({ displayName: 'Обрывов Пётр', parents: [{ displayName: 'Обрывова Анна', phone: '+7 900 555-12-34' }] })
        .expect(201)
    ).body as RosterFamily;
    const student = firstOf(family.students);
    const markDone = () =>
      teacher.put(`/api/people/${student.id}/steps/max_account`).send({ version: student.version, status: 'done' });

    // Holding the class row, as a concurrent change of the class's counters would: the change writes the step
    // and its event, then waits to move the counters; the server dies then.
    const classRow = new Client({ connectionString: school.databaseUrl });
    await classRow.connect();
    classRow.on('error', () => undefined);
    const { rows } = await classRow.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
    await classRow.query('BEGIN');
    await classRow.query(`SELECT id FROM school_class WHERE id = $1 FOR NO KEY UPDATE`, [school.classId]);
    const change = markDone().then(
      (response) => response,
      (error: Error) => error,
    );
    const backend = await waitForSessionBlockedBy(school.dataSource, firstOf(rows).pid, {
      written: true,
      what: 'The change',
    });
    expect(await tablesWrittenBy(school.dataSource, backend)).toEqual(
      expect.arrayContaining(['person_step', 'progress_event']),
    );

    // Meanwhile changes in another class run freely, so that the death also finds connections between statements.
    const busy = await busyWriters(teacher, await newClassOf(school));
    await delay(300);
    killServer(dataDir);
    const cut = await change;
    if (cut instanceof Error) throw new Error(`The change got no answer: ${cut.message}`);
    expect(cut.status).toBe(503);
    expect(Number(cut.headers['retry-after'])).toBeGreaterThan(0);
    expect((cut.body as ApiErrorBody).message).toMatch(/database is not available/);
    await classRow.end().catch(() => undefined);
    const burst = await busy.stopped;
    expect(burst.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
    for (const answer of burst.filter((each) => each.status !== 200)) {
      expect(answer).toEqual({ status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/) as string });
    }

    server = await startEmbeddedPostgres({ dataDir, port: server.port });
    const look = new DataSource(dataSourceOptions({ DATABASE_URL: school.databaseUrl, DATABASE_POOL_SIZE: 1 }));
    await look.initialize();
    try {
      expect(await stepAndEvents(look, student.id)).toEqual({ status: 'not_started', doneEvents: 0 });
      expect(await storedCounters(look, school.classId)).toEqual(await recountFromSource(look, school.classId));

      // The API's pool reconnects by itself: the same change, sent again, is saved whole.
      const again = await eventually(markDone, (response) => response.status !== 503);
      expect(again.status).toBe(200);
      expect(await stepAndEvents(look, student.id)).toEqual({ status: 'done', doneEvents: 1 });
      expect(await storedCounters(look, school.classId)).toEqual(await recountFromSource(look, school.classId));
    } finally {
      await look.destroy();
    }
  }, 60_000);
});

/** A class of the school with the teacher on it. */
async function newClassOf(school: OwnSchool): Promise<string> {
  const row = firstOf(
    await school.dataSource.query<Array<{ id: string }>>(
      `WITH c AS (
         INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
         SELECT district_id, id, 6, 'Б', '2026/2027' FROM school WHERE id = $1 RETURNING id, school_id, district_id)
       INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
       SELECT s.id, c.id, c.school_id, c.district_id FROM c JOIN staff_user s ON s.email = $2
       RETURNING class_id AS id`,
      [school.schoolId, school.teacherEmail],
    ),
  );
  return row.id;
}

/**
 * Three students of `classId`, each with a writer that marks a step done and
 * back, again and again, until an answer is not 200 (the server died) or the
 * request fails; `stopped` has every answer, with its Retry-After.
 */
async function busyWriters(
  teacher: TestAgent,
  classId: string,
): Promise<{ stopped: Promise<Array<{ status: number; retryAfter?: string }>> }> {
  const students: Array<{ id: string; version: number }> = [];
  for (let n = 0; n < 3; n += 1) {
    const family = (
      await teacher
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: `Занятов ${n}`, parents: [] })
        .expect(201)
    ).body as RosterFamily;
    students.push(firstOf(family.students));
  }
  const answers: Array<{ status: number; retryAfter?: string }> = [];
  const write = async (student: { id: string; version: number }) => {
    for (let round = 0; ; round += 1) {
      const response = await teacher
        .put(`/api/people/${student.id}/steps/max_account`)
        .send({ version: student.version, status: round % 2 === 0 ? 'done' : 'not_started' });
      if (response.status !== 200) {
        answers.push({ status: response.status, retryAfter: response.headers['retry-after'] });
        return;
      }
      answers.push({ status: 200 });
      student.version = (response.body as PersonChangeResult).person.version;
    }
  };
  return { stopped: Promise.all(students.map(write)).then(() => answers) };
}

/** Sends until `done` holds for the answer (the pool reconnecting), for at most 20 s; the last answer. */
async function eventually(send: () => ReturnType<TestAgent['get']>, done: (response: Response) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await send();
    if (done(response) || Date.now() > deadline) return response;
    await delay(200);
  }
}

/** The student's max_account step and how many events recorded it done: both there or both absent. */
async function stepAndEvents(dataSource: DataSource, personId: string) {
  const row = firstOf(
    await dataSource.query<Array<{ status: string | null; done_events: number }>>(
      `SELECT (SELECT status FROM person_step WHERE person_id = $1 AND step = 'max_account') AS status,
              (SELECT count(*)::int FROM progress_event
               WHERE person_id = $1 AND step = 'max_account' AND to_status = 'done') AS done_events`,
      [personId],
    ),
  );
  return { status: row.status, doneEvents: row.done_events };
}
