import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassRoster, CreatedApiKey, DistrictReport, HistoryReport, RosterFamily, SchoolReport } from '@sferum/contracts';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { buildReport, type CounterRow } from '../src/reports/report-builder';
import { SnapshotsService } from '../src/reports/snapshots.service';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';

describe('district reporting API', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolA: string;
  let schoolB: string;
  let classes: string[];
  let admin: TestAgent;
  let key: string;
  let otherDistrictSchool: string;
  const names: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolA = await factory.school(districtId);
    schoolB = await factory.school(districtId);
    classes = [await factory.schoolClass(schoolA, 5, 'А'), await factory.schoolClass(schoolA, 5, 'Б'), await factory.schoolClass(schoolB, 7, 'В')];
    const otherDistrict = await factory.district();
    otherDistrictSchool = await factory.school(otherDistrict);
    admin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    for (const [index, classId] of classes.entries()) {
      for (let n = 0; n < 3; n += 1) {
        const name = `Отчётов${index}${n} Секретное Имя`;
        names.push(name, `Родитель ${name}`);
        await admin.post(`/api/classes/${classId}/students`).send({ displayName: name, parents: [{ displayName: `Родитель ${name}` }] }).expect(201);
      }
    }
    key = ((await admin.post('/api/api-keys').send({ name: 'Отчёт для министерства' }).expect(201)).body as CreatedApiKey).secret;
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const report = (path: string, secret = key) => request(app.getHttpServer()).get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${secret}`);

  it('lets only a district admin manage keys, and shows the secret once', async () => {
    const schoolAdmin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: schoolA })).email);
    await schoolAdmin.post('/api/api-keys').send({ name: 'x' }).expect(403);
    const listed = (await admin.get('/api/api-keys').expect(200)).body as Array<Record<string, unknown>>;
    expect(listed.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(key);
    const dump = await factory.dataSource.query<Array<{ rows: string }>>(`SELECT string_agg(k::text, '|') AS rows FROM api_key k`);
    expect(dump[0].rows).not.toContain(key);
  });

  it('answers a missing, unknown or revoked key with 401', async () => {
    await request(app.getHttpServer()).get('/api/v1/reports/district').expect(401);
    await report('district', 'A'.repeat(43)).expect(401);
    const created = (await admin.post('/api/api-keys').send({ name: 'временный' }).expect(201)).body as CreatedApiKey;
    await report('district', created.secret).expect(200);
    await admin.post(`/api/api-keys/${created.apiKey.id}/revoke`).expect(200);
    const revoked = await report('district', created.secret).expect(401);
    expect(revoked.headers['www-authenticate']).toMatch(/Bearer/);
  });

  it('reports the key’s district per school, and 404 for a school of another district', async () => {
    const body = (await report('district').expect(200)).body as DistrictReport;
    expect(body.schools.map((s) => s.schoolId).sort()).toEqual([schoolA, schoolB].sort());
    expect(body.total.students.people).toBe(9);
    expect(body.total.parents.people).toBe(9);
    expect(body.schools.find((s) => s.schoolId === schoolA)!.students.steps.vk_id.notStarted).toBe(6);
    await report(`schools/${otherDistrictSchool}`).expect(404);
    const school = (await report(`schools/${schoolA}`).expect(200)).body as SchoolReport;
    expect(school.classes.map((c) => c.className)).toEqual(['5А', '5Б']);
  });

  it('never lets a name out, in any report or format', async () => {
    await app.get(SnapshotsService).snapshotToday();
    const bodies = [
      (await report('district').expect(200)).text,
      (await report('district?format=csv').expect(200)).text,
      (await report('district').set('Accept', 'text/csv').expect(200)).text,
      (await report(`schools/${schoolA}`).expect(200)).text,
      (await report(`schools/${schoolA}?format=csv`).expect(200)).text,
      (await report('history').expect(200)).text,
      (await report('history?format=csv').expect(200)).text,
      (await admin.get('/api/reports/district').expect(200)).text,
      (await admin.get(`/api/reports/schools/${schoolA}`).expect(200)).text,
      (await admin.get('/api/reports/history').expect(200)).text,
    ];
    for (const body of bodies) {
      for (const name of names) expect(body).not.toContain(name);
      expect(body).not.toMatch(/Секретное|Родитель/);
    }
  });

  it('gives CSV with a BOM and the documented columns', async () => {
    const response = await report('district?format=csv').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.text.charCodeAt(0)).toBe(0xfeff);
    const rows: Array<Record<string, string>> = parse(response.text.slice(1), { columns: true });
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]).slice(0, 8)).toEqual([
      'school_id',
      'school_name',
      'classes',
      'students',
      'students_vk_id_done',
      'students_vk_id_blocked',
      'students_vk_id_not_started',
      'students_vk_id_share_done',
    ]);
    expect(Object.keys(rows[0])).toContain('parents_messenger_blocked_shared_phone');
  });

  it('answers a key’s 61st request within a minute with 429 and Retry-After', async () => {
    const busyKey = ((await admin.post('/api/api-keys').send({ name: 'busy script' }).expect(201)).body as CreatedApiKey).secret;
    for (let n = 0; n < 60; n += 1) await report('district', busyKey).expect(200);
    const refused = await report('district', busyKey).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await report('district').expect(200);
  });

  it('turns a school name that looks like a formula into text in the CSV', async () => {
    const formulaDistrict = await factory.district();
    const formulaSchool = await factory.school(formulaDistrict, '=HYPERLINK("http://evil.example","Школа")');
    const formulaAdmin = await signIn(app, (await factory.staff('district_admin', { districtId: formulaDistrict })).email);
    const formulaKey = ((await formulaAdmin.post('/api/api-keys').send({ name: 'formula' }).expect(201)).body as CreatedApiKey).secret;
    const district = await report('district?format=csv', formulaKey).expect(200);
    const rows: Array<Record<string, string>> = parse(district.text.slice(1), { columns: true });
    expect(rows.map((row) => [row.school_id, row.school_name])).toEqual([[formulaSchool, `'=HYPERLINK("http://evil.example","Школа")`]]);
  });

  it('answers 304 to If-None-Match while nothing changed, and 200 after a change', async () => {
    const first = await report('district').expect(200);
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    await report('district').set('If-None-Match', etag).expect(304);
    const roster = (await admin.get(`/api/classes/${classes[0]}/roster`).expect(200)).body as ClassRoster;
    const student = roster.families[0].students[0];
    await admin.put(`/api/people/${student.id}/steps/vk_id`).send({ version: student.version, status: 'done' }).expect(200);
    await report('district').set('If-None-Match', etag).expect(200);
  });

  it('counts a district at most once per REPORT_CACHE_SECONDS through the API, and shows a change after that; the dashboard at once', async () => {
    const cachingApp = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000', REPORT_CACHE_SECONDS: '2' });
    try {
      const cached = () => request(cachingApp.getHttpServer()).get('/api/v1/reports/district').set('Authorization', `Bearer ${key}`).expect(200);
      const dashboard = await signIn(cachingApp, (await factory.staff('district_admin', { districtId })).email);
      const before = (await cached()).body as DistrictReport;
      const roster = (await admin.get(`/api/classes/${classes[1]}/roster`).expect(200)).body as ClassRoster;
      const student = roster.families.flatMap((family) => family.students).find((s) => s.steps[0].status === 'not_started')!;
      await admin.put(`/api/people/${student.id}/steps/vk_id`).send({ version: student.version, status: 'done' }).expect(200);
      expect((await cached()).body).toEqual(before);
      const seenByAdmin = (await dashboard.get('/api/reports/district').expect(200)).body as DistrictReport;
      expect(seenByAdmin.total.students.steps.vk_id.done).toBe(before.total.students.steps.vk_id.done + 1);
      await new Promise((wake) => setTimeout(wake, 2_100));
      const after = (await cached()).body as DistrictReport;
      expect(after.total.students.steps.vk_id.done).toBe(before.total.students.steps.vk_id.done + 1);
    } finally {
      await cachingApp.close();
    }
  });

  it('equals a recount from the stored steps after any sequence of changes, imports and moves', async () => {
    const reasons = ['shared_phone', 'forgot_password', 'no_smartphone', 'refuses_sferum'] as const;
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('status' as const), classIndex: fc.nat(2), family: fc.nat(5), parent: fc.boolean(), step: fc.constantFrom('vk_id', 'sferum_profile', 'messenger'), status: fc.constantFrom('done', 'blocked', 'not_started'), reason: fc.constantFrom(...reasons) }),
      fc.record({ kind: fc.constant('move' as const), classIndex: fc.nat(2), family: fc.nat(5), to: fc.nat(1) }),
      fc.record({ kind: fc.constant('import' as const), classIndex: fc.nat(2), n: fc.nat(3) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        for (const op of operations) {
          const classId = classes[op.classIndex];
          if (op.kind === 'import') {
            const rows = Array.from({ length: op.n + 1 }, (_, i) => `Импортов ${op.n}${i};Импортова Мама ${op.n}${i}`);
            await admin.post(`/api/classes/${classId}/import?mode=commit`).attach('file', Buffer.from(['Ученик;Родитель 1', ...rows].join('\n')), 'l.csv').expect(200);
            continue;
          }
          const roster = (await admin.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
          const family: RosterFamily | undefined = roster.families[op.family % Math.max(1, roster.families.length)];
          if (!family) continue;
          if (op.kind === 'move') {
            const student = family.students[0];
            const sameSchool = classes.filter((c, i) => c !== classId && (i < 2) === (op.classIndex < 2));
            if (sameSchool.length === 0) continue;
            await admin.post(`/api/people/${student.id}/move`).send({ version: student.version, classId: sameSchool[op.to % sameSchool.length] }).expect(200);
            continue;
          }
          const person = op.parent && family.parents[0] ? family.parents[0] : family.students[0];
          const body = { version: person.version, status: op.status, ...(op.status === 'blocked' ? { blockerReason: op.reason } : {}) };
          const response = await admin.put(`/api/people/${person.id}/steps/${op.step}`).send(body);
          expect([200, 409]).toContain(response.status);
        }
        const district = (await report('district').expect(200)).body as DistrictReport;
        for (const school of [schoolA, schoolB]) {
          const schoolClasses = school === schoolA ? classes.slice(0, 2) : classes.slice(2);
          const recount: CounterRow[] = [];
          for (const classId of schoolClasses) {
            for (const count of await recountFromSource(factory.dataSource, classId)) {
              recount.push({ person_kind: count.personKind as CounterRow['person_kind'], item: count.item, status: count.status, blocker_reason: count.blockerReason, people: count.people });
            }
          }
          const { schoolId: _id, schoolName: _name, classes: _classes, ...reported } = district.schools.find((s) => s.schoolId === school)!;
          expect(reported).toEqual(buildReport(recount));
        }
      }),
      { numRuns: 8 },
    );
  });

  describe('daily snapshots and history', () => {
    const today = () => factory.dataSource.query<Array<{ day: string }>>(`SELECT to_char(timezone('Europe/Moscow', now())::date, 'YYYY-MM-DD') AS day`).then((rows) => rows[0].day);

    it('writes one row per class for a day, however often it runs, equal to the counters', async () => {
      const snapshots = app.get(SnapshotsService);
      await snapshots.snapshotToday();
      await snapshots.snapshotToday();
      const day = await today();
      const rows = await factory.dataSource.query<Array<{ class_id: string; n: number }>>(
        `SELECT class_id, count(*)::int AS n FROM progress_snapshot WHERE day = $1 AND class_id = ANY($2::uuid[]) GROUP BY class_id`,
        [day, classes],
      );
      expect(rows).toHaveLength(classes.length);
      expect(rows.every((row) => row.n === 1)).toBe(true);
      const history = (await report(`history?from=${day}&to=${day}&schoolId=${schoolA}`).expect(200)).body as HistoryReport;
      expect(history.days).toHaveLength(1);
      const live = (await report(`schools/${schoolA}`).expect(200)).body as SchoolReport;
      const { day: _day, ...snapshot } = history.days[0];
      expect(snapshot).toEqual(live.total);
    });

    it('fills the days missed while the service was down from the history of changes', async () => {
      const classId = await factory.schoolClass(schoolB, 9, 'Г');
      await factory.dataSource.query(`UPDATE school_class SET created_at = now() - interval '4 days' WHERE id = $1`, [classId]);
      const family = (await admin.post(`/api/classes/${classId}/students`).send({ displayName: 'Давний Ученик' }).expect(201)).body as RosterFamily;
      const student = family.students[0];
      await admin.put(`/api/people/${student.id}/steps/vk_id`).send({ version: student.version, status: 'done' }).expect(200);
      // As if the student had come four days ago and got the VK ID two days ago.
      await factory.dataSource.query(`UPDATE person SET created_at = now() - interval '4 days' WHERE id = $1`, [student.id]);
      await factory.dataSource.query(`UPDATE chat SET created_at = now() - interval '4 days' WHERE class_id = $1 OR school_id = $2`, [classId, schoolB]);
      await factory.dataSource.query(`UPDATE progress_event SET created_at = now() - interval '2 days' WHERE person_id = $1`, [student.id]);

      await app.get(SnapshotsService).fillGaps();
      const rows = await factory.dataSource.query<Array<{ day: string; source: string; counters: Array<{ item: string; status: string; people: number; person_kind: string }> }>>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, source, counters FROM progress_snapshot WHERE class_id = $1 ORDER BY day`,
        [classId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.every((row) => row.source === 'events')).toBe(true);
      const vkDone = (row: (typeof rows)[number]) =>
        row.counters.find((c) => c.person_kind === 'student' && c.item === 'vk_id' && c.status === 'done')?.people ?? 0;
      expect(vkDone(rows[0])).toBe(0);
      expect(vkDone(rows[rows.length - 1])).toBe(1);
      const again = await app.get(SnapshotsService).fillGaps();
      expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE class_id = $1`, [classId])).toBe(rows.length);
      expect(again).toBe(0);
    });

    it('refuses a bad range and another district’s class', async () => {
      await report('history?from=2026-13-01').expect(400);
      await report('history?from=2026-11-01&to=2026-10-01').expect(400);
      const otherClass = await factory.schoolClass(otherDistrictSchool, 1, 'А');
      await report(`history?classId=${otherClass}`).expect(404);
    });
  });

  describe('for the dashboard, with a staff session', () => {
    it('shows the district to its admin and a school to that school’s admin only', async () => {
      const district = (await admin.get('/api/reports/district').expect(200)).body as DistrictReport;
      expect(district).toEqual((await report('district').expect(200)).body);
      const schoolAdmin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: schoolA })).email);
      await schoolAdmin.get('/api/reports/district').expect(403);
      await schoolAdmin.get(`/api/reports/schools/${schoolA}`).expect(200);
      await schoolAdmin.get(`/api/reports/schools/${schoolB}`).expect(404);
      await schoolAdmin.get(`/api/reports/history?schoolId=${schoolA}`).expect(200);
      await schoolAdmin.get('/api/reports/history').expect(403);
      await admin.get(`/api/reports/schools/${otherDistrictSchool}`).expect(404);
      const teacher = await signIn(app, (await factory.staff('teacher', { districtId, schoolId: schoolA }, { classIds: [classes[0]] })).email);
      await teacher.get(`/api/reports/schools/${schoolA}`).expect(403);
      await request(app.getHttpServer()).get('/api/reports/district').expect(401);
    });
  });
});
