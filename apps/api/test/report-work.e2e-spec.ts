import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  PATH_CATALOGUE,
  type ClassRoster,
  type CreatedApiKey,
  type DistrictReport,
  type SchoolReport,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { buildReport, reportPathOf, type CounterRow } from '../src/reports/report-builder';
import { figuresEtag } from '../src/reports/report-etag';
import { REPORTS_SQL } from '../src/reports/reports.sql';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource } from './support/recount';
import { entry, firstOf } from './support/pick';
import { signIn } from './support/sign-in';
import { preparedRunsOn, statementsOf } from './support/statements';
import { createTestApp } from './support/test-app';

/**
 * What the reporting API costs the database per request: one statement for
 * the key (its last use at most once a minute and its rate-limit hit with
 * it); then nothing for a district report the cache holds, and one statement
 * for a school report.
 */
describe('the reporting API’s work', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let classIds: string[];
  let archivedClassId: string;
  let otherDistrictSchool: string;
  let admin: TestAgent;

  beforeAll(async () => {
    // A minute of cache: the test's second request finds the report the first one counted.
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000', REPORT_CACHE_SECONDS: '60' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId, undefined, 'max');
    classIds = [await factory.schoolClass(schoolId, 7, 'Б'), await factory.schoolClass(schoolId, 5, 'А')];
    archivedClassId = await factory.schoolClass(schoolId, 6, 'В');
    otherDistrictSchool = await factory.school(await factory.district());
    admin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    for (const [index, classId] of [...classIds, archivedClassId].entries()) {
      for (const name of [`Отчётова${index} Анна`, `Отчётов${index} Пётр`]) {
        await admin
          .post(`/api/classes/${classId}/students`)
          .send({ displayName: name, parents: [{ displayName: `Родитель ${name}` }] })
          .expect(201);
      }
    }
    // A step done and one blocked with its reason: counters of every status.
    const roster = (await admin.get(`/api/classes/${firstOf(classIds)}/roster`).expect(200)).body as ClassRoster;
    const [first, second] = roster.families.flatMap((family) => family.students);
    await admin
      .put(`/api/people/${first!.id}/steps/max_account`)
      .send({ version: first!.version, status: 'done' })
      .expect(200);
    await admin
      .put(`/api/people/${second!.id}/steps/max_account`)
      .send({ version: second!.version, status: 'blocked', blockerReason: 'shared_phone' })
      .expect(200);
    await factory.dataSource.query(`UPDATE school_class SET archived_at = now() WHERE id = $1`, [archivedClassId]);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const newKey = async (name: string): Promise<{ id: string; secret: string }> => {
    const created = (await admin.post('/api/api-keys').send({ name }).expect(201)).body as CreatedApiKey;
    return { id: created.apiKey.id, secret: created.secret };
  };
  const report = (path: string, secret: string) =>
    request(app.getHttpServer()).get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${secret}`);

  /** The key row's version and last use: a request that writes the row gives it a new xmin. */
  const keyRow = async (keyId: string) =>
    firstOf(
      await factory.dataSource.query<Array<{ xmin: string; last_used_at: Date | null }>>(
        `SELECT xmin::text, last_used_at FROM api_key WHERE id = $1`,
        [keyId],
      ),
    );

  it('answers a district report the cache holds as one statement, the key with its last use and rate-limit hit, and the same bytes, ETag and 304', async () => {
    const key = await newKey('район из кэша');
    const counted = await report('district', key.secret).expect(200);
    let again: request.Response | undefined;
    const statements = await statementsOf(async () => {
      again = await report('district', key.secret).expect(200);
    });
    expect(statements).toEqual([REPORTS_SQL.useApiKey]);
    expect(again!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again!.text).toBe(counted.text);
    const body = again!.body as DistrictReport;
    expect(body.schools.map((school) => [school.schoolId, school.classes])).toEqual([[schoolId, 2]]);
    const etag = entry(again!.headers, 'etag');
    expect(etag).toBe(entry(counted.headers, 'etag'));
    expect(etag).toBe(figuresEtag('json', body));
    const unchanged = await report('district', key.secret).set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBe('');
    expect(entry(unchanged.headers, 'etag')).toBe(etag);
  });

  it('answers a school report as two statements: the key, and the school with its classes and counters', async () => {
    const key = await newKey('школа');
    let school: SchoolReport | undefined;
    const statements = await statementsOf(async () => {
      school = (await report(`schools/${schoolId}`, key.secret).expect(200)).body as SchoolReport;
    });
    expect(statements).toEqual([REPORTS_SQL.useApiKey, REPORTS_SQL.school]);
    // The archived class is left out; the others in the order of grade and letter.
    expect(school!.classes.map((schoolClass) => [schoolClass.classId, schoolClass.className])).toEqual([
      [classIds[1], '5А'],
      [classIds[0], '7Б'],
    ]);
    const path = reportPathOf(PATH_CATALOGUE, 'max');
    const recounts: CounterRow[][] = [];
    for (const schoolClass of school!.classes) {
      const recount = (await recountFromSource(factory.dataSource, schoolClass.classId)).map((count): CounterRow => ({
        person_kind: count.personKind as CounterRow['person_kind'],
        item: count.item,
        status: count.status,
        blocker_reason: count.blockerReason,
        people: count.people,
      }));
      recounts.push(recount);
      const { classId: _id, className: _name, academicYear, pathId, pathName: _pathName, ...figures } = schoolClass;
      expect([academicYear, pathId]).toEqual(['2026/2027', 'max']);
      expect(figures).toEqual(buildReport(recount, path));
    }
    expect(school!.total).toEqual(buildReport(recounts.flat(), path));
    expect(entry(school!.total.students.steps, 'max_account')).toMatchObject({ done: 1, blocked: 1, notStarted: 2 });
  });

  it('answers a school of another district 404 after the same two statements', async () => {
    const key = await newKey('чужая школа');
    const statements = await statementsOf(async () => {
      await report(`schools/${otherDistrictSchool}`, key.secret).expect(404);
    });
    expect(statements).toEqual([REPORTS_SQL.useApiKey, REPORTS_SQL.school]);
  });

  it('writes a key’s last use in its first request’s statement, and not again within the minute', async () => {
    const key = await newKey('последнее использование');
    expect((await keyRow(key.id)).last_used_at).toBeNull();
    const before = Date.now() - 1_000;
    await report(`schools/${schoolId}`, key.secret).expect(200);
    const used = await keyRow(key.id);
    expect(used.last_used_at!.getTime()).toBeGreaterThanOrEqual(before);
    await report(`schools/${schoolId}`, key.secret).expect(200);
    await report('district', key.secret).expect(200);
    expect(await keyRow(key.id)).toEqual(used);
  });

  it('answers an unknown key 401 after the one statement', async () => {
    const statements = await statementsOf(async () => {
      await report('district', 'U'.repeat(43)).expect(401);
    });
    expect(statements).toEqual([REPORTS_SQL.useApiKey]);
  });

  it('prepares the key’s statement and the school’s once on a connection, and then only runs them', async () => {
    const { secret } = await newKey('заготовленный');
    // A pool of one: every report runs on the connection that the look below asks.
    const onePool = await createTestApp({ DATABASE_POOL_SIZE: '1' });
    try {
      const reports = 8;
      for (let n = 0; n < reports; n += 1) {
        await request(onePool.getHttpServer())
          .get(`/api/v1/reports/schools/${schoolId}`)
          .set('Authorization', `Bearer ${secret}`)
          .expect(200);
      }
      expect(await preparedRunsOn(onePool, [REPORTS_SQL.useApiKey, REPORTS_SQL.school])).toEqual([
        { statement: REPORTS_SQL.useApiKey, runs: reports },
        { statement: REPORTS_SQL.school, runs: reports },
      ]);
    } finally {
      await onePool.close();
    }
  });
});
