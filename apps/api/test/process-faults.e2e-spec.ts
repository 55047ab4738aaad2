import {
  PARENT_TOKEN_HEADER,
  MAX_PATH,
  stepIdsOf,
  type ClassRoster,
  type FamilyInvite,
  type ImportResult,
  type StepId,
} from '@sferum/contracts';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { delay, startApiProcess, type ApiProcess } from './support/api-process';
import { tablesWrittenBy, waitForSessionBlockedBy } from './support/locks';
import { classListCsv, createOwnSchool, signInAt, type OwnSchool } from './support/own-school';
import { recountFromSource, storedCounters } from './support/recount';
import { firstOf, nth } from './support/pick';

/** Longer than any answer may take: a request open this long has hung. */
const ANSWER_WITHIN_MS = 20_000;

/**
 * The API as its own process, killed with SIGKILL (no shutdown hook runs) while
 * it writes; then the database is checked directly, and a new API process must
 * carry on from there.
 */
describe('when the API process is killed', () => {
  let school: OwnSchool;
  const started: ApiProcess[] = [];
  const startApi = async (): Promise<ApiProcess> => {
    const api = await startApiProcess({ databaseUrl: school.databaseUrl, env: { LOGIN_LIMIT_PER_IP: '1000' } });
    started.push(api);
    return api;
  };
  const counters = async (classId: string) => ({
    stored: await storedCounters(school.dataSource, classId),
    recounted: await recountFromSource(school.dataSource, classId),
  });
  const count = async (sql: string, parameters: unknown[]): Promise<number> =>
    Number(Object.values(firstOf(await school.dataSource.query<Array<Record<string, unknown>>>(sql, parameters)))[0]);

  beforeAll(async () => {
    school = await createOwnSchool();
  }, 60_000);

  afterAll(async () => {
    for (const api of started) await api.stop();
    await school?.drop();
  });

  it('mid-import leaves no person, step, membership or event of that import, and a restarted API imports the same file', async () => {
    const { classId, schoolId } = school;
    const file = classListCsv(5000);
    let api = await startApi();
    const teacher = await signInAt(api.url, school.teacherEmail);

    // Holding the class row, as a concurrent change to the class's counters does, lets the import
    // write its families, people, steps and memberships and then wait to recount: the kill lands mid-way.
    const classRow = new Client({ connectionString: school.databaseUrl });
    await classRow.connect();
    try {
      const { rows } = await classRow.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      await classRow.query('BEGIN');
      await classRow.query(`SELECT id FROM school_class WHERE id = $1 FOR NO KEY UPDATE`, [classId]);
      const importing = settle(
        teacher.post(`/api/classes/${classId}/import?mode=commit`).attach('file', file, 'list.csv'),
      );
      const backend = await waitForSessionBlockedBy(school.dataSource, firstOf(rows).pid, {
        written: true,
        what: 'The import',
      });
      expect(await tablesWrittenBy(school.dataSource, backend)).toEqual(
        expect.arrayContaining(['chat', 'chat_membership', 'family', 'person', 'person_step']),
      );

      await api.kill();
      // The transaction never got its COMMIT: the client is gone, and so is the answer.
      expect(await importing).toBe('no answer');
      await classRow.query('COMMIT');
      await waitForBackendToEnd(school.dataSource, backend);
    } finally {
      await classRow.end();
    }

    for (const table of ['person', 'family', 'person_step', 'chat', 'chat_membership', 'progress_event']) {
      expect({ table, rows: await count(`SELECT count(*) FROM ${table} WHERE school_id = $1`, [schoolId]) }).toEqual({
        table,
        rows: 0,
      });
    }
    const afterKill = await counters(classId);
    expect(afterKill.stored).toEqual(afterKill.recounted);

    api = await startApi();
    const again = await signInAt(api.url, school.teacherEmail);
    const imported = (
      await again.post(`/api/classes/${classId}/import?mode=commit`).attach('file', file, 'list.csv').expect(200)
    ).body as ImportResult;
    expect(imported).toMatchObject({
      committed: true,
      students: { create: 5000 },
      parents: { create: 5000 },
      errors: [],
    });
    expect(await count(`SELECT count(*) FROM person WHERE class_id = $1`, [classId])).toBe(5000);
    expect(await count(`SELECT count(*) FROM person_step WHERE school_id = $1`, [schoolId])).toBe(
      10000 * stepIdsOf(MAX_PATH).length,
    );
    const afterImport = await counters(classId);
    expect(afterImport.stored).toEqual(afterImport.recounted);
    expect(afterImport.stored.length).toBeGreaterThan(0);
    await api.stop();
  }, 120_000);

  it('during a burst of parent confirmations keeps every confirmation it answered with 2xx, and the counters exact', async () => {
    const classId = await newClass(school);
    let api = await startApi();
    const teacher = await signInAt(api.url, school.teacherEmail);
    await teacher
      .post(`/api/classes/${classId}/import?mode=commit`)
      .attach('file', classListCsv(20, { prefix: 'Всплеск', firstPhone: 100_000 }), 'burst.csv')
      .expect(200);
    const { families } = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const invites = (
      await teacher
        .post(`/api/classes/${classId}/invites`)
        .send({ familyIds: families.map((f) => f.id) })
        .expect(200)
    ).body as FamilyInvite[];
    const tokenOf = new Map(invites.map((invite) => [invite.familyId, invite.link!.split('/p/')[1]]));

    // Every step of every student and parent, each its own request, as many phones would send them
    // (one address per family, as the per-address limit expects of real phones).
    const confirmations = families.flatMap((family, n) =>
      [...family.students, ...family.parents].flatMap((person) =>
        stepIdsOf(MAX_PATH).map((step) => ({
          personId: person.id,
          step,
          token: tokenOf.get(family.id)!,
          address: `203.0.113.${n + 1}`,
        })),
      ),
    );
    const confirm = (base: string, c: Confirmation) =>
      request(base)
        .put(`/api/parent/people/${c.personId}/steps/${c.step}`)
        .set(PARENT_TOKEN_HEADER, c.token)
        .set('X-Forwarded-For', c.address)
        .send({ status: 'done' });

    const killAfter = 25;
    let succeeded = 0;
    let killing: Promise<void> | undefined;
    const outcomes = await Promise.all(
      confirmations.map(async (c) => {
        const outcome = await settle(confirm(api.url, c));
        if (isSuccess(outcome) && ++succeeded === killAfter) killing = api.kill();
        return outcome;
      }),
    );
    await killing;
    const confirmed = confirmations.filter((_, i) => isSuccess(nth(outcomes, i)));
    expect(confirmed.length).toBeGreaterThanOrEqual(killAfter);
    // The kill came mid-burst: some requests were cut off without an answer.
    expect(outcomes.filter((outcome) => outcome === 'no answer').length).toBeGreaterThan(0);

    await waitForApiSessionsToEnd(school.dataSource);
    const stored = await stepStates(school.dataSource, classId);
    for (const { personId, step } of confirmed) {
      expect({ personId, step, ...stored.get(`${personId}|${step}`) }).toEqual({
        personId,
        step,
        status: 'done',
        source: 'parent_link',
        doneEvents: 1,
      });
    }
    // Nothing half-written anywhere: a step is done exactly when its one event says so.
    for (const [key, state] of stored) {
      expect({ key, doneEvents: state.doneEvents }).toEqual({ key, doneEvents: state.status === 'done' ? 1 : 0 });
    }
    const afterKill = await counters(classId);
    expect(afterKill.stored).toEqual(afterKill.recounted);

    api = await startApi();
    await request(api.url).get('/api/health').expect(200);
    const unconfirmed = confirmations.filter((_, i) => !isSuccess(nth(outcomes, i)));
    for (let first = 0; first < unconfirmed.length; first += 10) {
      await Promise.all(unconfirmed.slice(first, first + 10).map((c) => confirm(api.url, c).expect(200)));
    }
    const final = await stepStates(school.dataSource, classId);
    expect(final.size).toBe(confirmations.length);
    expect([...final].filter(([, state]) => state.status !== 'done' || state.doneEvents !== 1)).toEqual([]);
    const afterRetry = await counters(classId);
    expect(afterRetry.stored).toEqual(afterRetry.recounted);
    await api.stop();
  }, 120_000);
});

interface Confirmation {
  personId: string;
  step: StepId;
  token: string;
  address: string;
}

type Outcome = number | 'no answer';

const isSuccess = (outcome: Outcome) => typeof outcome === 'number' && outcome >= 200 && outcome < 300;

/** The status, or 'no answer' when the connection broke (the process died) before one came. */
function settle(pending: request.Test): Promise<Outcome> {
  return pending.timeout(ANSWER_WITHIN_MS).then(
    (response) => response.status,
    (error: Error & { timeout?: number }) => {
      if (error.timeout !== undefined) throw new Error(`A request hung for ${ANSWER_WITHIN_MS / 1000} s`);
      return 'no answer';
    },
  );
}

async function newClass(school: OwnSchool): Promise<string> {
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

/** PostgreSQL notices the dead client at its next read and rolls the open transaction back. */
async function waitForBackendToEnd(dataSource: DataSource, pid: number): Promise<void> {
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  while ((await dataSource.query<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).length > 0) {
    if (Date.now() > deadline) throw new Error(`The killed API's session ${pid} is still open`);
    await delay(25);
  }
}

/** Until no session of the killed API is left in a transaction (the test's own are idle). */
async function waitForApiSessionsToEnd(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  for (;;) {
    const { open } = firstOf(
      await dataSource.query<Array<{ open: number }>>(
        `SELECT count(*)::int AS open FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      ),
    );
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} sessions of the killed API are still in a transaction`);
    await delay(25);
  }
}

interface StepState {
  status: string;
  source: string | null;
  doneEvents: number;
}

/** Every step of the people of the class's families, with how many events recorded it done. */
async function stepStates(dataSource: DataSource, classId: string): Promise<Map<string, StepState>> {
  const rows = await dataSource.query<
    Array<{ person_id: string; step: string; status: string; source: string | null; done_events: number }>
  >(
    `SELECT ps.person_id, ps.step, ps.status, ps.updated_source AS source,
            (SELECT count(*)::int FROM progress_event e
             WHERE e.person_id = ps.person_id AND e.step = ps.step AND e.to_status = 'done') AS done_events
     FROM person_step ps
     WHERE ps.person_id IN (SELECT id FROM person WHERE family_id IN (SELECT family_id FROM person WHERE class_id = $1))`,
    [classId],
  );
  return new Map(
    rows.map((row) => [
      `${row.person_id}|${row.step}`,
      { status: row.status, source: row.source, doneEvents: row.done_events },
    ]),
  );
}
