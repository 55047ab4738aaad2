import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  blockersFor,
  PATH_CATALOGUE,
  PathCatalogue,
  SHIPPED_PATHS,
  type ClassRoster,
  type CreatedApiKey,
  type DistrictReport,
  type HistoryReport,
  type PersonChangeResult,
  type RosterFamily,
  type RosterPerson,
  type SchoolReport,
} from '@sferum/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { buildReport, reportPathOf, type CounterRow } from '../src/reports/report-builder';
import { SnapshotsService } from '../src/reports/snapshots.service';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { REGION_PATH } from './support/region-path';
import { createTestApp } from './support/test-app';
import { entry, firstOf, nth, take } from './support/pick';

/** A report without `asOf`: the dashboard and the API count at different moments; the figures are the same. */
function figures<T extends { asOf: string }>(report: T): Omit<T, 'asOf'> {
  const { asOf: _countedAt, ...rest } = report;
  return rest;
}

/** The body of a binary answer (an XLSX) as bytes. */
function bytes(res: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

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
    // Both start on MAX, as new schools do; B goes back to the legacy VK path through the API.
    schoolA = await factory.school(districtId, undefined, 'max');
    schoolB = await factory.school(districtId, undefined, 'max');
    classes = [
      await factory.schoolClass(schoolA, 5, 'А'),
      await factory.schoolClass(schoolA, 5, 'Б'),
      await factory.schoolClass(schoolB, 7, 'В'),
    ];
    const otherDistrict = await factory.district();
    otherDistrictSchool = await factory.school(otherDistrict);
    admin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    await admin.post(`/api/schools/${schoolB}/path`).send({ pathId: 'vk' }).expect(200);
    for (const [index, classId] of classes.entries()) {
      for (let n = 0; n < 3; n += 1) {
        const name = `Отчётов${index}${n} Секретное Имя`;
        names.push(name, `Родитель ${name}`);
        await admin
          .post(`/api/classes/${classId}/students`)
          .send({ displayName: name, parents: [{ displayName: `Родитель ${name}` }] })
          .expect(201);
      }
    }
    key = (
      (await admin.post('/api/api-keys').send({ name: 'Отчёт для министерства' }).expect(201)).body as CreatedApiKey
    ).secret;
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const report = (path: string, secret = key) =>
    request(app.getHttpServer()).get(`/api/v1/reports/${path}`).set('Authorization', `Bearer ${secret}`);

  it('lets only a district admin manage keys, and shows the secret once', async () => {
    const schoolAdmin = await signIn(
      app,
      (await factory.staff('school_admin', { districtId, schoolId: schoolA })).email,
    );
    await schoolAdmin.post('/api/api-keys').send({ name: 'x' }).expect(403);
    const listed = (await admin.get('/api/api-keys').expect(200)).body as Array<Record<string, unknown>>;
    expect(listed.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(key);
    const dump = await factory.dataSource.query<Array<{ rows: string }>>(
      `SELECT string_agg(k::text, '|') AS rows FROM api_key k`,
    );
    expect(firstOf(dump).rows).not.toContain(key);
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

  it('reports the key’s district per school, each on its path, and 404 for a school of another district', async () => {
    const body = (await report('district').expect(200)).body as DistrictReport;
    expect(body.schools.map((s) => s.schoolId).sort()).toEqual([schoolA, schoolB].sort());
    expect(body.total.students.people).toBe(9);
    expect(body.total.parents.people).toBe(9);
    const [a, b] = take(
      [schoolA, schoolB].map((id) => body.schools.find((s) => s.schoolId === id)!),
      2,
    );
    expect([a.pathId, a.pathName, b.pathId, b.pathName]).toEqual([
      'max',
      'Сферум в MAX',
      'vk',
      'Сферум в VK Мессенджере',
    ]);
    expect(Object.keys(a.students.steps)).toEqual(['max_account', 'school_profile']);
    expect(Object.keys(b.parents.steps)).toEqual(['vk_id', 'sferum_profile', 'messenger']);
    expect(entry(a.students.steps, 'max_account').notStarted).toBe(6);
    expect(entry(b.students.steps, 'vk_id').notStarted).toBe(3);
    expect(a.students.overall).toEqual({
      connected: 0,
      inProgress: 0,
      blocked: 0,
      notStarted: 6,
      optedOut: 0,
      shareConnected: 0,
    });
    await report(`schools/${otherDistrictSchool}`).expect(404);
    const school = (await report(`schools/${schoolA}`).expect(200)).body as SchoolReport;
    expect(school.classes.map((c) => [c.className, c.pathId])).toEqual([
      ['5А', 'max'],
      ['5Б', 'max'],
    ]);
    expect([school.pathId, school.pathName]).toEqual(['max', 'Сферум в MAX']);
  });

  it('adds a district up per path, and keeps in its total each path’s steps over that path’s schools only', async () => {
    const body = (await report('district').expect(200)).body as DistrictReport;
    expect(body.paths.map((p) => [p.pathId, p.pathName, p.schools, p.students.people])).toEqual([
      ['max', 'Сферум в MAX', 1, 6],
      ['vk', 'Сферум в VK Мессенджере', 1, 3],
    ]);
    expect(Object.keys(nth(body.paths, 1).students.steps)).toEqual(['vk_id', 'sferum_profile', 'messenger']);
    expect(Object.keys(body.total.students.steps)).toEqual([
      'max_account',
      'school_profile',
      'vk_id',
      'sferum_profile',
      'messenger',
    ]);
    expect(entry(body.total.students.steps, 'max_account').notStarted).toBe(6);
    expect(entry(body.total.students.steps, 'vk_id').notStarted).toBe(3);
    expect(body.total.students.overall.notStarted).toBe(9);
    const max = PATH_CATALOGUE.get('max');
    expect(Object.keys(entry(body.total.parents.steps, 'school_profile').blockedByReason)).toEqual(
      blockersFor(max, { step: 'school_profile' }).map((reason) => reason.id),
    );
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
    expect(Object.keys(firstOf(rows)).slice(0, 20)).toEqual([
      'as_of',
      'school_id',
      'school_name',
      'classes',
      'path',
      'path_name',
      'students',
      'students_participants',
      'students_connected',
      'students_in_progress',
      'students_blocked',
      'students_not_started',
      'students_opted_out',
      'students_share_connected',
      'students_max_account_done',
      'students_max_account_blocked',
      'students_max_account_not_started',
      'students_max_account_opted_out',
      'students_max_account_share_done',
      'students_max_account_blocked_shared_phone',
    ]);
    expect(Object.keys(firstOf(rows))).toContain('parents_messenger_blocked_no_smartphone');
    const [a, b] = take(
      [schoolA, schoolB].map((id) => rows.find((row) => row.school_id === id)!),
      2,
    );
    expect([a.path, a.path_name, b.path, b.path_name]).toEqual([
      'max',
      'Сферум в MAX',
      'vk',
      'Сферум в VK Мессенджере',
    ]);
    expect([a.students_max_account_not_started, a.students_vk_id_not_started]).toEqual(['6', '']);
    expect([b.students_max_account_not_started, b.students_vk_id_not_started]).toEqual(['', '3']);
  });

  it('answers a key’s 61st request within a minute with 429 and Retry-After', async () => {
    const busyKey = (
      (await admin.post('/api/api-keys').send({ name: 'busy script' }).expect(201)).body as CreatedApiKey
    ).secret;
    for (let n = 0; n < 60; n += 1) await report('district', busyKey).expect(200);
    const refused = await report('district', busyKey).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await report('district').expect(200);
  });

  it('turns a school name that looks like a formula into text in the CSV', async () => {
    const formulaDistrict = await factory.district();
    const formulaSchool = await factory.school(formulaDistrict, '=HYPERLINK("http://evil.example","Школа")');
    const formulaAdmin = await signIn(
      app,
      (await factory.staff('district_admin', { districtId: formulaDistrict })).email,
    );
    const formulaKey = (
      (await formulaAdmin.post('/api/api-keys').send({ name: 'formula' }).expect(201)).body as CreatedApiKey
    ).secret;
    const district = await report('district?format=csv', formulaKey).expect(200);
    const rows: Array<Record<string, string>> = parse(district.text.slice(1), { columns: true });
    expect(rows.map((row) => [row.school_id, row.school_name])).toEqual([
      [formulaSchool, `'=HYPERLINK("http://evil.example","Школа")`],
    ]);
  });

  it('answers 304 to If-None-Match while nothing changed, and 200 after a change', async () => {
    const first = await report('district').expect(200);
    const etag = entry(first.headers, 'etag');
    expect(etag).toBeTruthy();
    await report('district').set('If-None-Match', etag).expect(304);
    const roster = (await admin.get(`/api/classes/${classes[0]}/roster`).expect(200)).body as ClassRoster;
    const student = firstOf(firstOf(roster.families).students);
    await admin
      .put(`/api/people/${student.id}/steps/max_account`)
      .send({ version: student.version, status: 'done' })
      .expect(200);
    await report('district').set('If-None-Match', etag).expect(200);
    const csv = await report('district?format=csv').expect(200);
    await report('district?format=csv').set('If-None-Match', entry(csv.headers, 'etag')).expect(304);
  });

  /** A key of its own for a test that asks many times: each key may ask 60 times a minute. */
  const newKey = async (name: string): Promise<string> =>
    ((await admin.post('/api/api-keys').send({ name }).expect(201)).body as CreatedApiKey).secret;

  it('says in every answer when its figures were counted: asOf in JSON, the first column as_of in CSV', async () => {
    const own = await newKey('as of');
    const before = Date.now() - 1_000;
    const answers = [
      (await report('district', own).expect(200)).body as DistrictReport,
      (await report(`schools/${schoolA}`, own).expect(200)).body as SchoolReport,
      (await report('history', own).expect(200)).body as HistoryReport,
      (await admin.get('/api/reports/district').expect(200)).body as DistrictReport,
      (await admin.get(`/api/reports/schools/${schoolA}`).expect(200)).body as SchoolReport,
      (await admin.get('/api/reports/history').expect(200)).body as HistoryReport,
    ];
    const after = Date.now() + 1_000;
    for (const answer of answers) {
      expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(answer.asOf)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(answer.asOf)).toBeLessThanOrEqual(after);
    }
    for (const path of ['district?format=csv', `schools/${schoolA}?format=csv`]) {
      const rows: Array<Record<string, string>> = parse((await report(path, own).expect(200)).text.slice(1), {
        columns: true,
      });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row)[0]).toBe('as_of');
        expect(Date.parse(row.as_of ?? '')).toBeGreaterThanOrEqual(before);
      }
    }
  });

  it('writes the header row of a CSV with no rows: an empty history', async () => {
    const own = await newKey('empty');
    for (const format of ['csv', 'excel-csv']) {
      const response = await report(`history?from=2020-01-01&to=2020-01-31&format=${format}`, own).expect(200);
      const text = response.text.slice(1);
      const separator = format === 'csv' ? ',' : ';';
      const [header, ...rest] = text.split(/\r?\n/);
      expect(header?.split(separator).slice(0, 4)).toEqual(['as_of', 'day', 'path', 'path_name']);
      expect(header?.split(separator)).toContain('students_share_connected');
      expect(rest.filter(Boolean)).toEqual([]);
    }
  });

  it('gives a CSV that Russian Excel opens in columns: BOM, semicolons, decimal commas, the same rows', async () => {
    const own = await newKey('excel');
    const excel = await report('district?format=excel-csv', own)
      .buffer(true)
      .parse(bytes)
      .expect(200)
      .expect('content-type', /text\/csv; charset=utf-8/);
    const raw = excel.body as Buffer;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    expect(text).toContain('\r\n');
    const header = text.split('\r\n')[0] ?? '';
    expect(header.startsWith('as_of;school_id;school_name;classes;path;path_name;')).toBe(true);
    const rows: Array<Record<string, string>> = parse(text, { columns: true, delimiter: ';' });
    const plain: Array<Record<string, string>> = parse(
      (await report('district?format=csv', own).expect(200)).text.slice(1),
      {
        columns: true,
      },
    );
    expect(rows.map((row) => row.school_id).sort()).toEqual(plain.map((row) => row.school_id).sort());
    const a = rows.find((row) => row.school_id === schoolA)!;
    // Cyrillic comes back as it went in.
    expect(a.path_name).toBe('Сферум в MAX');
    expect(a.as_of).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    // The same cells as the plain CSV, a share that is not whole written with a decimal comma.
    for (const row of plain) {
      const twin = rows.find((other) => other.school_id === row.school_id)!;
      for (const [column, value] of Object.entries(row))
        if (column !== 'as_of')
          expect([column, twin[column]]).toEqual([column, value.replace(/^(\d+)\.(\d+)$/, '$1,$2')]);
    }
    await report('district?format=xml', own).expect(400);
  });

  it('answers 304 to If-None-Match for every report and format, the API’s and the dashboard’s, while the figures are the same', async () => {
    const own = await newKey('conditional');
    const api = (path: string) => () => report(path, own);
    const staff = (path: string) => () => admin.get(path);
    const routes = [
      api('district'),
      api('district?format=csv'),
      api('district?format=excel-csv'),
      api(`schools/${schoolA}`),
      api(`schools/${schoolA}?format=csv`),
      api(`schools/${schoolA}?format=excel-csv`),
      api('history'),
      api('history?format=csv'),
      api('history?format=excel-csv'),
      staff('/api/reports/district'),
      staff(`/api/reports/schools/${schoolA}`),
      staff('/api/reports/history'),
      staff('/api/reports/district/export'),
      staff('/api/reports/district/export?locale=en'),
      staff(`/api/reports/schools/${schoolA}/export`),
    ];
    const etags: string[] = [];
    for (const get of routes) {
      const first = await get().buffer(true).parse(bytes).expect(200);
      const etag = entry(first.headers, 'etag');
      expect(etag).toMatch(/^W\/"/);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      etags.push(etag);
      const again = await get().set('If-None-Match', etag).buffer(true).parse(bytes).expect(304);
      expect((again.body as Buffer).length).toBe(0);
      expect(entry(again.headers, 'etag')).toBe(etag);
    }
    // Each form of the same figures has its own ETag: JSON, CSV and Excel's CSV; the XLSX in Russian and in English.
    expect(new Set(etags.slice(0, 3)).size).toBe(3);
    expect(new Set(etags.slice(12, 14)).size).toBe(2);
  });

  it('counts a district at most once per REPORT_CACHE_SECONDS through the API, and shows a change after that; the dashboard at once', async () => {
    const cachingApp = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000', REPORT_CACHE_SECONDS: '2' });
    try {
      const cached = () =>
        request(cachingApp.getHttpServer())
          .get('/api/v1/reports/district')
          .set('Authorization', `Bearer ${key}`)
          .expect(200);
      const dashboard = await signIn(cachingApp, (await factory.staff('district_admin', { districtId })).email);
      const before = (await cached()).body as DistrictReport;
      const roster = (await admin.get(`/api/classes/${classes[1]}/roster`).expect(200)).body as ClassRoster;
      const student = roster.families
        .flatMap((family) => family.students)
        .find((s) => firstOf(s.steps).status === 'not_started')!;
      await admin
        .put(`/api/people/${student.id}/steps/max_account`)
        .send({ version: student.version, status: 'done' })
        .expect(200);
      expect((await cached()).body).toEqual(before);
      const seenByAdmin = (await dashboard.get('/api/reports/district').expect(200)).body as DistrictReport;
      expect(entry(seenByAdmin.total.students.steps, 'max_account').done).toBe(
        entry(before.total.students.steps, 'max_account').done + 1,
      );
      await new Promise((wake) => setTimeout(wake, 2_100));
      const after = (await cached()).body as DistrictReport;
      expect(entry(after.total.students.steps, 'max_account').done).toBe(
        entry(before.total.students.steps, 'max_account').done + 1,
      );
    } finally {
      await cachingApp.close();
    }
  });

  it('equals a recount from the stored steps after any sequence of changes, chats, opt-outs, imports, moves and path switches', async () => {
    // Few people, so that changes meet earlier ones (a blocked step changed again, a chat left after joining).
    const operation = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('status' as const),
          classIndex: fc.nat(2),
          family: fc.nat(2),
          parent: fc.boolean(),
          step: fc.nat(2),
          status: fc.constantFrom('done', 'blocked', 'not_started'),
          reason: fc.nat(5),
        }),
      },
      fc.record({
        kind: fc.constant('optOut' as const),
        classIndex: fc.nat(2),
        family: fc.nat(2),
        parent: fc.boolean(),
        optedOut: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('move' as const), classIndex: fc.nat(2), family: fc.nat(2), to: fc.nat(1) }),
      fc.record({ kind: fc.constant('import' as const), classIndex: fc.nat(2), n: fc.nat(3) }),
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('chat' as const),
          classIndex: fc.nat(2),
          family: fc.nat(2),
          parent: fc.boolean(),
          chat: fc.nat(2),
          status: fc.constantFrom('joined', 'not_joined'),
        }),
      },
      fc.record({ kind: fc.constant('switch' as const), classIndex: fc.nat(2) }),
    );
    // The counters move by deltas with each change: after every operation they must equal a recount.
    const expectCountersExact = async () => {
      for (const classId of classes) {
        expect(await storedCounters(factory.dataSource, classId)).toEqual(
          await recountFromSource(factory.dataSource, classId),
        );
      }
    };
    type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;
    const runOperation = async (op: Operation): Promise<void> => {
      const classId = nth(classes, op.classIndex);
      if (op.kind === 'switch') {
        const { pathId } = (await admin.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
        const school = op.classIndex < 2 ? schoolA : schoolB;
        await admin
          .post(`/api/schools/${school}/path`)
          .send({ pathId: pathId === 'max' ? 'vk' : 'max' })
          .expect(200);
        return;
      }
      if (op.kind === 'import') {
        const rows = Array.from({ length: op.n + 1 }, (_, i) => `Импортов ${op.n}${i};Импортова Мама ${op.n}${i}`);
        await admin
          .post(`/api/classes/${classId}/import?mode=commit`)
          .attach('file', Buffer.from(['Ученик;Родитель 1', ...rows].join('\n')), 'l.csv')
          .expect(200);
        return;
      }
      const roster = (await admin.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
      const family: RosterFamily | undefined = roster.families[op.family % Math.max(1, roster.families.length)];
      if (!family) return;
      if (op.kind === 'move') {
        const student = firstOf(family.students);
        const sameSchool = classes.filter((c, i) => c !== classId && i < 2 === op.classIndex < 2);
        if (sameSchool.length === 0) return;
        await admin
          .post(`/api/people/${student.id}/move`)
          .send({ version: student.version, classId: sameSchool[op.to % sameSchool.length] })
          .expect(200);
        return;
      }
      const person = (op.parent ? family.parents[0] : undefined) ?? firstOf(family.students);
      if (op.kind === 'optOut') {
        const body = op.optedOut
          ? { version: person.version, optedOut: true, channel: 'e_diary' }
          : { version: person.version, optedOut: false };
        await admin.put(`/api/people/${person.id}/opt-out`).send(body).expect(200);
        return;
      }
      if (op.kind === 'chat') {
        const chat = person.chats[op.chat % Math.max(1, person.chats.length)];
        if (!chat) return;
        const response = await admin
          .put(`/api/people/${person.id}/chats/${chat.chatId}`)
          .send({ version: person.version, status: op.status });
        expect([200, 409]).toContain(response.status);
        return;
      }
      const path = PATH_CATALOGUE.get(roster.pathId);
      const step = nth(path.steps, op.step % path.steps.length).id;
      const reasons = blockersFor(path, { step });
      const body = {
        version: person.version,
        status: op.status,
        ...(op.status === 'blocked' ? { blockerReason: nth(reasons, op.reason % reasons.length).id } : {}),
      };
      const response = await admin.put(`/api/people/${person.id}/steps/${step}`).send(body);
      expect([200, 409]).toContain(response.status);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        for (const op of operations) {
          await runOperation(op);
          await expectCountersExact();
        }
        const district = (await report('district').expect(200)).body as DistrictReport;
        for (const school of [schoolA, schoolB]) {
          const schoolClasses = school === schoolA ? classes.slice(0, 2) : classes.slice(2);
          const recount: CounterRow[] = [];
          for (const classId of schoolClasses) {
            for (const count of await recountFromSource(factory.dataSource, classId)) {
              recount.push({
                person_kind: count.personKind as CounterRow['person_kind'],
                item: count.item,
                status: count.status,
                blocker_reason: count.blockerReason,
                people: count.people,
              });
            }
          }
          const {
            schoolId: _id,
            schoolName: _name,
            classes: _classes,
            pathId,
            pathName: _pathName,
            ...reported
          } = district.schools.find((s) => s.schoolId === school)!;
          expect(reported).toEqual(buildReport(recount, reportPathOf(PATH_CATALOGUE, pathId)));
          for (const kind of [reported.students, reported.parents]) {
            const optedOut = recount.filter(
              (c) =>
                c.person_kind === (kind === reported.students ? 'student' : 'parent') &&
                c.item === 'overall' &&
                c.status === 'opted_out',
            );
            expect(kind.participants).toBe(kind.people - optedOut.reduce((sum, c) => sum + c.people, 0));
          }
        }
      }),
      { numRuns: 16 },
    );
    // The later tests expect the schools on their own paths again.
    for (const [school, pathId] of [
      [schoolA, 'max'],
      [schoolB, 'vk'],
    ] as const) {
      const roster = (await admin.get(`/api/classes/${nth(classes, school === schoolA ? 0 : 2)}/roster`).expect(200))
        .body as ClassRoster;
      if (roster.pathId !== pathId) await admin.post(`/api/schools/${school}/path`).send({ pathId }).expect(200);
    }
  });

  describe('daily snapshots and history', () => {
    const today = () =>
      factory.dataSource
        .query<Array<{ day: string }>>(`SELECT to_char(timezone('Europe/Moscow', now())::date, 'YYYY-MM-DD') AS day`)
        .then((rows) => firstOf(rows).day);

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
      const history = (await report(`history?from=${day}&to=${day}&schoolId=${schoolA}`).expect(200))
        .body as HistoryReport;
      expect(history.days).toHaveLength(1);
      const live = (await report(`schools/${schoolA}`).expect(200)).body as SchoolReport;
      const { day: _day, pathIds, ...snapshot } = firstOf(history.days);
      expect(pathIds).toEqual(['max']);
      expect(snapshot).toEqual(live.total);
      const paths = await factory.dataSource.query<Array<{ school_id: string; path_id: string }>>(
        `SELECT DISTINCT school_id, path_id FROM progress_snapshot WHERE day = $1 AND class_id = ANY($2::uuid[])`,
        [day, classes],
      );
      expect(paths.map((row) => [row.school_id, row.path_id]).sort()).toEqual(
        [
          [schoolA, 'max'],
          [schoolB, 'vk'],
        ].sort(),
      );
      const district = (await report(`history?from=${day}&to=${day}`).expect(200)).body as HistoryReport;
      expect(firstOf(district.days).pathIds).toEqual(['max', 'vk']);
    });

    it('fills the days missed while the service was down from the history of changes', async () => {
      // A school that has always been on VK (no switch): its days are replayed on its path now.
      const vkSchool = await factory.school(districtId, undefined, 'vk');
      const classId = await factory.schoolClass(vkSchool, 9, 'Г');
      await factory.dataSource.query(`UPDATE school_class SET created_at = now() - interval '4 days' WHERE id = $1`, [
        classId,
      ]);
      const family = (
        await admin.post(`/api/classes/${classId}/students`).send({ displayName: 'Давний Ученик' }).expect(201)
      ).body as RosterFamily;
      const student = firstOf(family.students);
      await admin
        .put(`/api/people/${student.id}/steps/vk_id`)
        .send({ version: student.version, status: 'done' })
        .expect(200);
      // As if the student had come four days ago and got the VK ID two days ago.
      await factory.dataSource.query(`UPDATE person SET created_at = now() - interval '4 days' WHERE id = $1`, [
        student.id,
      ]);
      await factory.dataSource.query(
        `UPDATE chat SET created_at = now() - interval '4 days' WHERE class_id = $1 OR school_id = $2`,
        [classId, vkSchool],
      );
      await factory.dataSource.query(
        `UPDATE progress_event SET created_at = now() - interval '2 days' WHERE person_id = $1`,
        [student.id],
      );

      await app.get(SnapshotsService).fillGaps();
      const rows = await factory.dataSource.query<
        Array<{
          day: string;
          source: string;
          path_id: string;
          counters: Array<{ item: string; status: string; people: number; person_kind: string }>;
        }>
      >(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, source, path_id, counters FROM progress_snapshot WHERE class_id = $1 ORDER BY day`,
        [classId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.every((row) => row.source === 'events' && row.path_id === 'vk')).toBe(true);
      const overall = (row: (typeof rows)[number]) =>
        row.counters
          .filter((c) => c.person_kind === 'student' && c.item === 'overall')
          .map((c) => [c.status, c.people]);
      expect(overall(firstOf(rows))).toEqual([['not_started', 1]]);
      expect(overall(nth(rows, rows.length - 1))).toEqual([['in_progress', 1]]);
      const vkDone = (row: (typeof rows)[number]) =>
        row.counters.find((c) => c.person_kind === 'student' && c.item === 'vk_id' && c.status === 'done')?.people ?? 0;
      expect(vkDone(firstOf(rows))).toBe(0);
      expect(vkDone(nth(rows, rows.length - 1))).toBe(1);
      const again = await app.get(SnapshotsService).fillGaps();
      expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE class_id = $1`, [classId])).toBe(
        rows.length,
      );
      expect(again).toBe(0);
    });

    it('rebuilds each missed day on the path the school was on that day, replaying only that stay on it', async () => {
      const school = await factory.school(districtId, undefined, 'max');
      const classId = await factory.schoolClass(school, 4, 'Д');
      const family = (
        await admin
          .post(`/api/classes/${classId}/students`)
          .send({ displayName: 'Путев Ученик', parents: [{ displayName: 'Путева Мама' }] })
          .expect(201)
      ).body as RosterFamily;
      const [studentId, parentId] = [firstOf(family.students).id, firstOf(family.parents).id];
      const version = async (personId: string) =>
        ((await admin.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster).families
          .flatMap((f) => [...f.students, ...f.parents])
          .find((p) => p.id === personId)!.version;
      const switchTo = (pathId: string) => admin.post(`/api/schools/${school}/path`).send({ pathId }).expect(200);

      await admin
        .put(`/api/people/${studentId}/steps/max_account`)
        .send({ version: await version(studentId), status: 'done' })
        .expect(200);
      await switchTo('vk');
      await admin
        .put(`/api/people/${studentId}/steps/vk_id`)
        .send({ version: await version(studentId), status: 'done' })
        .expect(200);
      await switchTo('max');
      await switchTo('vk');
      await admin
        .put(`/api/people/${parentId}/opt-out`)
        .send({ version: await version(parentId), optedOut: true, channel: 'e_diary' })
        .expect(200);

      // The same story spread over the last week, Moscow time: on MAX from 6 days ago (the account done), on VK from 5 days
      // ago (the VK ID done), on MAX again from 4 days ago, on VK again from 3 days ago (the parent opting out that day).
      const at = (daysAgo: number, time: string) =>
        `((timezone('Europe/Moscow', now())::date - ${daysAgo}) + time '${time}') AT TIME ZONE 'Europe/Moscow'`;
      const q = (sql: string, parameters: unknown[] = []) => factory.dataSource.query(sql, parameters);
      const changes = (await q(`SELECT id FROM school_path_change WHERE school_id = $1 ORDER BY id`, [
        school,
      ])) as Array<{ id: string }>;
      expect(changes).toHaveLength(3);
      await q(
        `UPDATE chat SET created_at = ${at(6, '01:00')} WHERE school_id = $1 AND created_at < (SELECT min(changed_at) FROM school_path_change WHERE school_id = $1)`,
        [school],
      );
      for (const [index, change] of changes.entries()) {
        const when = at(5 - index, '10:00');
        await q(
          `UPDATE chat SET created_at = ${when} WHERE school_id = $1 AND created_at = (SELECT changed_at FROM school_path_change WHERE id = $2)`,
          [school, change.id],
        );
        await q(
          `UPDATE chat SET archived_at = ${when} WHERE school_id = $1 AND archived_at = (SELECT changed_at FROM school_path_change WHERE id = $2)`,
          [school, change.id],
        );
        await q(`UPDATE school_path_change SET changed_at = ${when} WHERE id = $1`, [change.id]);
      }
      await q(
        `UPDATE progress_event SET created_at = ${at(6, '12:00')} WHERE person_id = $1 AND step = 'max_account'`,
        [studentId],
      );
      await q(`UPDATE progress_event SET created_at = ${at(5, '12:00')} WHERE person_id = $1 AND step = 'vk_id'`, [
        studentId,
      ]);
      await q(
        `UPDATE progress_event SET created_at = ${at(3, '12:00')} WHERE person_id = $1 AND step IS NULL AND chat_id IS NULL`,
        [parentId],
      );
      await q(`UPDATE person SET created_at = ${at(6, '00:30')} WHERE id = ANY($1::uuid[])`, [[studentId, parentId]]);
      await q(`UPDATE school_class SET created_at = ${at(6, '00:10')} WHERE id = $1`, [classId]);

      const snapshots = app.get(SnapshotsService);
      await snapshots.fillGaps();
      type Counter = { person_kind: string; item: string; status: string; blocker_reason: string; people: number };
      const rows = (await q(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, source, path_id, counters FROM progress_snapshot WHERE class_id = $1 ORDER BY day`,
        [classId],
      )) as Array<{ day: string; source: string; path_id: string; counters: Counter[] }>;
      expect(rows.map((row) => [row.path_id, row.source])).toEqual([
        ['max', 'events'],
        ['vk', 'events'],
        ['max', 'events'],
        ['vk', 'events'],
        ['vk', 'events'],
        ['vk', 'events'],
      ]);
      const people = (row: (typeof rows)[number], kind: string, item: string, status?: string) =>
        row.counters
          .filter((c) => c.person_kind === kind && c.item === item && (status === undefined || c.status === status))
          .reduce((sum, c) => sum + c.people, 0);
      const [sixAgo, fiveAgo, fourAgo, threeAgo] = take(rows, 4);
      expect(people(sixAgo, 'student', 'max_account', 'done')).toBe(1);
      expect(people(sixAgo, 'student', 'overall', 'in_progress')).toBe(1);
      expect(people(fiveAgo, 'student', 'max_account')).toBe(0);
      expect(people(fiveAgo, 'student', 'vk_id', 'done')).toBe(1);
      // Back on MAX, the account done in the first stay there is not replayed; nor the VK ID back on VK.
      expect(people(fourAgo, 'student', 'max_account', 'not_started')).toBe(1);
      expect(people(fourAgo, 'student', 'overall', 'not_started')).toBe(1);
      expect(people(threeAgo, 'student', 'vk_id', 'not_started')).toBe(1);
      expect(people(fiveAgo, 'parent', 'overall', 'not_started')).toBe(1);
      expect(people(threeAgo, 'parent', 'overall', 'opted_out')).toBe(1);
      expect(people(threeAgo, 'parent', 'vk_id', 'opted_out')).toBe(1);
      expect(people(threeAgo, 'parent', 'chat_class', 'opted_out')).toBe(1);
      for (const row of rows) {
        // Each day the chats of that day: one class chat and the school chat for each of the two.
        for (const kind of ['student', 'parent']) {
          expect([
            row.day,
            kind,
            people(row, kind, 'chat_class'),
            people(row, kind, 'chat_school'),
            people(row, kind, 'overall'),
          ]).toEqual([row.day, kind, 1, 1, 1]);
        }
      }
      const live = (await q(
        `SELECT person_kind, item, status, blocker_reason, people FROM class_progress WHERE class_id = $1`,
        [classId],
      )) as Counter[];
      const sorted = (counters: Counter[]) =>
        counters.map((c) => `${c.person_kind}|${c.item}|${c.status}|${c.blocker_reason}|${c.people}`).sort();
      expect(sorted(nth(rows, rows.length - 1).counters)).toEqual(sorted(live));

      await snapshots.snapshotToday();
      const day = await today();
      const [todays] = (await q(`SELECT path_id, source FROM progress_snapshot WHERE class_id = $1 AND day = $2`, [
        classId,
        day,
      ])) as Array<{ path_id: string; source: string }>;
      expect(todays).toEqual({ path_id: 'vk', source: 'counters' });

      const history = (await report(`history?from=${firstOf(rows).day}&to=${day}&classId=${classId}`).expect(200))
        .body as HistoryReport;
      expect(history.days.map((d) => d.pathIds)).toEqual([['max'], ['vk'], ['max'], ['vk'], ['vk'], ['vk'], ['vk']]);
      expect(Object.keys(firstOf(history.days).students.steps)).toEqual(['max_account', 'school_profile']);
      expect(Object.keys(nth(history.days, 1).students.steps)).toEqual(['vk_id', 'sferum_profile', 'messenger']);
      expect(entry(nth(history.days, 1).students.steps, 'vk_id').shareDone).toBe(1);
      expect([
        nth(history.days, 1).parents.participants,
        nth(history.days, 3).parents.participants,
        nth(history.days, 3).parents.overall.optedOut,
      ]).toEqual([1, 0, 1]);
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
      expect(figures(district)).toEqual(figures((await report('district').expect(200)).body as DistrictReport));
      const schoolAdmin = await signIn(
        app,
        (await factory.staff('school_admin', { districtId, schoolId: schoolA })).email,
      );
      await schoolAdmin.get('/api/reports/district').expect(403);
      await schoolAdmin.get(`/api/reports/schools/${schoolA}`).expect(200);
      await schoolAdmin.get(`/api/reports/schools/${schoolB}`).expect(404);
      await schoolAdmin.get(`/api/reports/history?schoolId=${schoolA}`).expect(200);
      await schoolAdmin.get('/api/reports/history').expect(403);
      await admin.get(`/api/reports/schools/${otherDistrictSchool}`).expect(404);
      const teacher = await signIn(
        app,
        (await factory.staff('teacher', { districtId, schoolId: schoolA }, { classIds: [firstOf(classes)] })).email,
      );
      await teacher.get(`/api/reports/schools/${schoolA}`).expect(403);
      await request(app.getHttpServer()).get('/api/reports/district').expect(401);
    });

    const workbookOf = async (
      agent: TestAgent,
      path: string,
    ): Promise<{ sheet: ExcelJS.Worksheet; disposition: string }> => {
      const response = await agent
        .get(path)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('content-type', /spreadsheetml/)
        .expect('cache-control', 'private, no-cache');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const [sheet] = workbook.worksheets;
      if (!sheet) throw new Error('the file has no sheet');
      return { sheet, disposition: String(response.headers['content-disposition']) };
    };

    it('gives the district and a school as XLSX, in Russian or English, with the report’s own figures', async () => {
      const district = (await admin.get('/api/reports/district').expect(200)).body as DistrictReport;
      const { sheet, disposition } = await workbookOf(admin, '/api/reports/district/export');
      expect(sheet.name).toBe('Прогресс');
      expect(disposition).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
        /^Отчёт по району .+ \d{4}-\d{2}-\d{2}\.xlsx$/,
      );
      expect(sheet.getRow(1).getCell(1).text).toBe('Школа');
      expect(sheet.getRow(1).getCell(6).text).toBe('Прогресс');
      // One row per school, then the total; under it, after an empty row, when the figures were counted.
      const totalRow = 1 + district.schools.length + 1;
      expect(sheet.rowCount).toBe(totalRow + 2);
      expect(sheet.getRow(totalRow).getCell(1).text).toBe('Итого');
      expect(sheet.getRow(totalRow).getCell(4).value).toBe(district.total.students.people);
      expect(sheet.getRow(totalRow + 2).getCell(1).text).toMatch(
        /^По состоянию на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} по московскому времени$/,
      );
      const schoolNames = district.schools.map((school) => school.schoolName);
      expect(Array.from({ length: district.schools.length }, (_, i) => sheet.getRow(i + 2).getCell(1).text)).toEqual(
        schoolNames,
      );

      const english = await workbookOf(admin, '/api/reports/district/export?locale=en');
      expect(english.sheet.name).toBe('Progress');
      expect(english.sheet.getRow(1).getCell(1).text).toBe('School');
      await admin.get('/api/reports/district/export?locale=de').expect(400);

      const schoolAdmin = await signIn(
        app,
        (await factory.staff('school_admin', { districtId, schoolId: schoolA })).email,
      );
      const school = await workbookOf(schoolAdmin, `/api/reports/schools/${schoolA}/export`);
      expect(school.sheet.getRow(1).getCell(1).text).toBe('Класс');
      expect(school.sheet.rowCount).toBe(1 + 2 + 1 + 2);
      await schoolAdmin.get('/api/reports/district/export').expect(403);
      await schoolAdmin.get(`/api/reports/schools/${schoolB}/export`).expect(404);
      await admin.get(`/api/reports/schools/${otherDistrictSchool}/export`).expect(404);
      await request(app.getHttpServer()).get('/api/reports/district/export').expect(401);
    });
  });
  describe('a district with a school on each path and people who opted out', () => {
    let otherKey: string;
    let districtAdmin: TestAgent;
    let vkSchoolAdmin: TestAgent;
    let maxSchool: string;
    let vkSchool: string;
    let maxClass: string;
    const secretNames: string[] = [];
    const twoPaths = (path: string, secret = otherKey) => report(path, secret);

    beforeAll(async () => {
      const district = await factory.district();
      maxSchool = await factory.school(district, undefined, 'max');
      vkSchool = await factory.school(district, undefined, 'max');
      maxClass = await factory.schoolClass(maxSchool, 6, 'А');
      const vkClass = await factory.schoolClass(vkSchool, 6, 'Б');
      districtAdmin = await signIn(app, (await factory.staff('district_admin', { districtId: district })).email);
      vkSchoolAdmin = await signIn(
        app,
        (await factory.staff('school_admin', { districtId: district, schoolId: vkSchool })).email,
      );
      await vkSchoolAdmin.post(`/api/schools/${vkSchool}/path`).send({ pathId: 'vk' }).expect(200);
      const maxTeacher = await signIn(
        app,
        (await factory.staff('teacher', { districtId: district, schoolId: maxSchool }, { classIds: [maxClass] })).email,
      );
      const vkTeacher = await signIn(
        app,
        (await factory.staff('teacher', { districtId: district, schoolId: vkSchool }, { classIds: [vkClass] })).email,
      );
      otherKey = (
        (await districtAdmin.post('/api/api-keys').send({ name: 'Два пути' }).expect(201)).body as CreatedApiKey
      ).secret;

      const families = async (teacher: TestAgent, classId: string, n: number) => {
        const added: RosterFamily[] = [];
        for (let i = 0; i < n; i += 1) {
          const name = `Выборов${i} Тайное Имя ${classId.slice(0, 4)}`;
          secretNames.push(name, `Мама ${name}`);
          added.push(
            (
              await teacher
                .post(`/api/classes/${classId}/students`)
                .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }] })
                .expect(201)
            ).body as RosterFamily,
          );
        }
        return added;
      };
      const put = async (teacher: TestAgent, person: RosterPerson, path: string, body: object) =>
        (
          (
            await teacher
              .put(`/api/people/${person.id}/${path}`)
              .send({ version: person.version, ...body })
              .expect(200)
          ).body as PersonChangeResult
        ).person;

      // MAX: one student connected (class chat joined), one blocked on the school profile, one opted out, one not started;
      // the first family's parent opted out too.
      const m = await families(maxTeacher, maxClass, 4);
      const roster = (await maxTeacher.get(`/api/classes/${maxClass}/roster`).expect(200)).body as ClassRoster;
      const studentsChat = roster.chats.find((chat) => chat.kind === 'class' && chat.audience === 'students')!;
      await put(maxTeacher, firstOf(firstOf(m).students), `chats/${studentsChat.id}`, { status: 'joined' });
      await put(maxTeacher, firstOf(firstOf(m).parents), 'opt-out', { optedOut: true, channel: 'paper' });
      const account = await put(maxTeacher, firstOf(nth(m, 1).students), 'steps/max_account', { status: 'done' });
      await put(maxTeacher, account, 'steps/school_profile', {
        status: 'blocked',
        blockerReason: 'role_not_confirmed',
      });
      await put(maxTeacher, firstOf(nth(m, 2).students), 'opt-out', { optedOut: true, channel: 'e_diary' });
      // VK: one student with the VK ID, one opted out.
      const v = await families(vkTeacher, vkClass, 2);
      await put(vkTeacher, firstOf(firstOf(v).students), 'steps/vk_id', { status: 'done' });
      await put(vkTeacher, firstOf(nth(v, 1).students), 'opt-out', { optedOut: true, channel: 'e_diary' });
    });

    it('counts opted-out people apart, in optedOut, and leaves them out of every share’s base', async () => {
      const body = (await twoPaths('district').expect(200)).body as DistrictReport;
      const [max, vk] = take(
        [maxSchool, vkSchool].map((id) => body.schools.find((s) => s.schoolId === id)!),
        2,
      );
      expect([max.pathId, vk.pathId]).toEqual(['max', 'vk']);
      expect(max.students).toMatchObject({
        people: 4,
        participants: 3,
        overall: { connected: 1, inProgress: 0, blocked: 1, notStarted: 1, optedOut: 1, shareConnected: 0.333 },
        classChatJoined: 1,
      });
      expect(max.students.steps.max_account).toMatchObject({
        done: 2,
        blocked: 0,
        notStarted: 1,
        optedOut: 1,
        shareDone: 0.667,
      });
      expect(max.students.steps.school_profile).toMatchObject({
        done: 1,
        blocked: 1,
        notStarted: 1,
        optedOut: 1,
        shareDone: 0.333,
      });
      expect(entry(max.students.steps, 'school_profile').blockedByReason).toEqual({
        number_mismatch: 0,
        role_not_confirmed: 1,
        account_locked: 0,
        other: 0,
      });
      expect(max.parents).toMatchObject({
        people: 4,
        participants: 3,
        overall: { notStarted: 3, optedOut: 1, shareConnected: 0 },
      });
      expect(vk.students).toMatchObject({
        people: 2,
        participants: 1,
        overall: { inProgress: 1, optedOut: 1, shareConnected: 0 },
      });
      expect(vk.students.steps.vk_id).toMatchObject({ done: 1, optedOut: 1, shareDone: 1 });

      expect(
        body.paths.map((p) => [p.pathId, p.schools, p.students.participants, p.students.overall.optedOut]),
      ).toEqual([
        ['max', 1, 3, 1],
        ['vk', 1, 1, 1],
      ]);
      expect(body.total.students).toMatchObject({
        people: 6,
        participants: 4,
        overall: { connected: 1, optedOut: 2, shareConnected: 0.25 },
      });
      // Each path's steps over that path's schools only: MAX's account over MAX's 3 participants, not the district's 4.
      expect(entry(body.total.students.steps, 'max_account').shareDone).toBe(0.667);
      expect(entry(body.total.students.steps, 'vk_id').shareDone).toBe(1);

      const school = (await twoPaths(`schools/${maxSchool}`).expect(200)).body as SchoolReport;
      const {
        classId: _id,
        className: _name,
        academicYear: _year,
        pathId,
        pathName,
        ...onlyClass
      } = firstOf(school.classes);
      expect([pathId, pathName]).toEqual(['max', 'Сферум в MAX']);
      expect(onlyClass).toEqual(school.total);
      expect(school.total.students).toEqual(max.students);
    });

    it('gives the same figures in CSV, each school’s row on its path and another path’s steps empty', async () => {
      const district = await twoPaths('district?format=csv').expect(200);
      expect(district.text.charCodeAt(0)).toBe(0xfeff);
      const rows: Array<Record<string, string>> = parse(district.text.slice(1), { columns: true });
      const [max, vk] = [maxSchool, vkSchool].map((id) => rows.find((row) => row.school_id === id)!);
      expect(max).toMatchObject({
        path: 'max',
        path_name: 'Сферум в MAX',
        students: '4',
        students_participants: '3',
        students_connected: '1',
        students_opted_out: '1',
        students_share_connected: '0.333',
        students_max_account_done: '2',
        students_max_account_opted_out: '1',
        students_max_account_share_done: '0.667',
        students_school_profile_blocked_role_not_confirmed: '1',
        students_vk_id_done: '',
        students_vk_id_share_done: '',
        parents_opted_out: '1',
      });
      expect(vk).toMatchObject({
        path: 'vk',
        students_participants: '1',
        students_vk_id_share_done: '1',
        students_max_account_done: '',
        students_school_profile_blocked_role_not_confirmed: '',
      });
      const school = await twoPaths(`schools/${vkSchool}?format=csv`).set('Accept', 'text/csv').expect(200);
      const classRows: Array<Record<string, string>> = parse(school.text.slice(1), { columns: true });
      expect(classRows).toHaveLength(1);
      expect(Object.keys(firstOf(classRows)).slice(0, 6)).toEqual([
        'as_of',
        'class_id',
        'class_name',
        'academic_year',
        'path',
        'path_name',
      ]);
      expect(classRows[0]).toMatchObject({ path: 'vk', students_opted_out: '1', students_vk_id_share_done: '1' });
      expect(Object.keys(firstOf(classRows)).some((column) => column.includes('max_account'))).toBe(false);
    });

    it('takes a day of history on both paths and adds it up as the district’s total', async () => {
      await app.get(SnapshotsService).snapshotToday();
      const day = firstOf(
        await factory.dataSource.query<Array<{ day: string }>>(
          `SELECT to_char(timezone('Europe/Moscow', now())::date, 'YYYY-MM-DD') AS day`,
        ),
      ).day;
      const history = (await twoPaths(`history?from=${day}&to=${day}`).expect(200)).body as HistoryReport;
      const { day: _day, pathIds, ...counted } = firstOf(history.days);
      expect(pathIds).toEqual(['max', 'vk']);
      const live = (await twoPaths('district').expect(200)).body as DistrictReport;
      expect(counted).toEqual(live.total);
      const ofVk = (await twoPaths(`history?from=${day}&to=${day}&schoolId=${vkSchool}`).expect(200))
        .body as HistoryReport;
      expect(firstOf(ofVk.days).pathIds).toEqual(['vk']);
      const csv: Array<Record<string, string>> = parse(
        (await twoPaths(`history?from=${day}&to=${day}&format=csv`).expect(200)).text.slice(1),
        { columns: true },
      );
      expect(csv.map((row) => [row.day, row.path, row.path_name, row.students_participants])).toEqual([
        [day, 'max|vk', 'Сферум в MAX | Сферум в VK Мессенджере', '4'],
      ]);
    });

    it('shows the dashboard the same reports as the API, and no name anywhere', async () => {
      const day = firstOf(
        await factory.dataSource.query<Array<{ day: string }>>(
          `SELECT to_char(timezone('Europe/Moscow', now())::date, 'YYYY-MM-DD') AS day`,
        ),
      ).day;
      const pairs = [
        [await districtAdmin.get('/api/reports/district').expect(200), await twoPaths('district').expect(200)],
        [
          await vkSchoolAdmin.get(`/api/reports/schools/${vkSchool}`).expect(200),
          await twoPaths(`schools/${vkSchool}`).expect(200),
        ],
        [
          await districtAdmin.get(`/api/reports/history?from=${day}&to=${day}`).expect(200),
          await twoPaths(`history?from=${day}&to=${day}`).expect(200),
        ],
      ] as const;
      for (const [dashboard, api] of pairs)
        expect(figures(dashboard.body as { asOf: string })).toEqual(figures(api.body as { asOf: string }));
      const bodies = [
        ...pairs.flat().map((response) => response.text),
        (await twoPaths('district?format=csv').expect(200)).text,
        (await twoPaths(`schools/${maxSchool}?format=csv`).expect(200)).text,
        (await twoPaths('history?format=csv').expect(200)).text,
      ];
      for (const body of bodies) {
        for (const name of secretNames) expect(body).not.toContain(name);
        expect(body).not.toMatch(/Выборов|Тайное/);
      }
    });
  });
});

/** A region's procedure known only to this test's catalogue: the snapshots must take its steps from the injected one. */
describe('snapshots of a school on a path of an injected catalogue', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;

  beforeAll(async () => {
    app = await createTestApp(
      { LOGIN_LIMIT_PER_IP: '1000' },
      undefined,
      new PathCatalogue([...SHIPPED_PATHS, REGION_PATH]),
    );
    factory = await OrgFactory.connect();
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  it('rebuilds its missed days with that path’s steps', async () => {
    const districtId = await factory.district();
    const school = await factory.school(districtId, undefined, REGION_PATH.id);
    const classId = await factory.schoolClass(school, 2, 'Р');
    const admin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    const family = (
      await admin.post(`/api/classes/${classId}/students`).send({ displayName: 'Регионов Ученик' }).expect(201)
    ).body as RosterFamily;
    const student = firstOf(family.students);
    await admin
      .put(`/api/people/${student.id}/steps/${firstOf(REGION_PATH.steps).id}`)
      .send({ version: student.version, status: 'done' })
      .expect(200);
    await factory.dataSource.query(`UPDATE school_class SET created_at = now() - interval '3 days' WHERE id = $1`, [
      classId,
    ]);
    await factory.dataSource.query(`UPDATE person SET created_at = now() - interval '3 days' WHERE id = $1`, [
      student.id,
    ]);
    await factory.dataSource.query(`UPDATE chat SET created_at = now() - interval '3 days' WHERE school_id = $1`, [
      school,
    ]);
    await factory.dataSource.query(
      `UPDATE progress_event SET created_at = now() - interval '1 day' WHERE person_id = $1`,
      [student.id],
    );

    await app.get(SnapshotsService).fillGaps();
    const history = (await admin.get(`/api/reports/history?classId=${classId}`).expect(200)).body as HistoryReport;
    expect(history.days.length).toBeGreaterThanOrEqual(2);
    expect(history.days.every((day) => day.pathIds.join() === REGION_PATH.id)).toBe(true);
    expect(Object.keys(firstOf(history.days).students.steps)).toEqual(REGION_PATH.steps.map((step) => step.id));
    expect(entry(firstOf(history.days).students.steps, firstOf(REGION_PATH.steps).id).done).toBe(0);
    expect(nth(history.days, history.days.length - 1).students.steps[firstOf(REGION_PATH.steps).id]).toMatchObject({
      done: 1,
      shareDone: 1,
    });
  });
});
