import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassRoster, ImportResult } from '@sferum/contracts';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('class list import and export', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let teacher: TestAgent;
  const teacherClasses: string[] = [];
  let admin: TestAgent;
  let year = 2040;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
    admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
    for (let n = 0; n < 12; n += 1) teacherClasses.push(await newClass());
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: teacherClasses })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  async function newClass(): Promise<string> {
    year += 1;
    return factory.schoolClass(schoolId, 3, 'В', `${year}/${year + 1}`);
  }
  let nextClass = 0;
  const takeClass = () => nth(teacherClasses, nextClass++);

  const upload = (classId: string, file: Buffer, name: string, mode: 'preview' | 'commit') =>
    teacher.post(`/api/classes/${classId}/import?mode=${mode}`).attach('file', file, name);
  const rosterOf = async (classId: string) =>
    (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
  const peopleIn = async (classId: string) =>
    (await rosterOf(classId)).families.flatMap((f) => [...f.students, ...f.parents].map((p) => p.displayName)).sort();
  const personCount = (classId: string) =>
    factory.count(
      `SELECT count(*) FROM person p WHERE p.class_id = $1 OR p.family_id IN (SELECT family_id FROM person WHERE class_id = $1)`,
      [classId],
    );

  it('reads a Windows-1251 CSV with semicolons, as Russian Excel saves it', async () => {
    const classId = takeClass();
    const preview = (
      await upload(classId, fixture('class-list-cp1251-semicolon.csv'), 'список.csv', 'preview').expect(200)
    ).body as ImportResult;
    expect(preview.errors).toEqual([]);
    expect(preview.committed).toBe(false);
    expect(preview.students).toEqual({ create: 3, update: 0, unchanged: 0 });
    expect(preview.parents).toEqual({ create: 4, update: 0, unchanged: 0 });
    expect(preview.preview[1]).toMatchObject({ row: 3, student: 'Борисова Ёлка', action: 'create' });
    expect(await personCount(classId)).toBe(0);

    const done = (await upload(classId, fixture('class-list-cp1251-semicolon.csv'), 'список.csv', 'commit').expect(200))
      .body as ImportResult;
    expect(done.committed).toBe(true);
    expect(await peopleIn(classId)).toEqual(
      [
        'Алексеев Артём',
        'Алексеева Ольга Ивановна',
        'Алексеев Игорь Петрович',
        'Борисова Ёлка',
        'Борисова Наталья',
        'Васильев Глеб',
        'Васильева Светлана',
      ].sort(),
    );
    const roster = await rosterOf(classId);
    const borisova = roster.families.find((f) => firstOf(f.students).displayName === 'Борисова Ёлка')!;
    expect(firstOf(borisova.students).sharedPhone).toBe(true);
    expect(firstOf(borisova.parents).sharedPhone).toBe(true);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );
  });

  it('reads a UTF-8 CSV with BOM and commas, with English headers and quoted cells', async () => {
    const classId = takeClass();
    await upload(classId, fixture('class-list-utf8-bom-comma.csv'), 'list.csv', 'commit').expect(200);
    expect(await peopleIn(classId)).toEqual(
      ['Григорьев Дима', 'Григорьева Анна', 'Дмитриев Олег', 'Дмитриева, Ева'].sort(),
    );
  });

  it('reads an XLSX file', async () => {
    const classId = takeClass();
    const result = (await upload(classId, fixture('class-list.xlsx'), 'list.xlsx', 'commit').expect(200))
      .body as ImportResult;
    expect(result.students.create).toBe(3);
    expect(await peopleIn(classId)).toEqual(
      [
        'Киселёв Олег',
        'Киселёва Полина',
        'Лебедева Рита',
        'Лебедев Семён',
        'Лебедева Таня',
        '=HYPERLINK("http://evil.example","Морозов")',
      ].sort(),
    );
  });

  it('lists every error by row and column and writes nothing', async () => {
    const classId = takeClass();
    const preview = (await upload(classId, fixture('class-list-bad-rows.csv'), 'bad.csv', 'preview').expect(200))
      .body as ImportResult;
    expect(preview.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Телефон родителя', 'bad_phone'],
      [3, 'ФИО ученика', 'empty_name'],
      [4, 'ФИО ученика', 'duplicate_student'],
    ]);
    await upload(classId, fixture('class-list-bad-rows.csv'), 'bad.csv', 'commit').expect(422);
    expect(await personCount(classId)).toBe(0);
  });

  it('puts siblings (the same parent on two rows) into one family', async () => {
    const classId = takeClass();
    await upload(classId, fixture('class-list-siblings.csv'), 'siblings.csv', 'commit').expect(200);
    const roster = await rosterOf(classId);
    const zaitsevy = roster.families.find((f) => f.parents.some((p) => p.displayName === 'Зайцева Кира'))!;
    expect(zaitsevy.students.map((s) => s.displayName)).toEqual(['Зайцев Илья', 'Зайцева Лиза']);
    expect(zaitsevy.parents).toHaveLength(1);
    expect(roster.families).toHaveLength(2);
  });

  it('finds a sibling in another class by the parent’s name and phone', async () => {
    const first = takeClass();
    const second = takeClass();
    await upload(first, fixture('class-list-siblings.csv'), 'siblings.csv', 'commit').expect(200);
    const file = Buffer.from('Ученик;Родитель 1;Телефон родителя 1\nЗайцев Младший;Зайцева Кира;8 912 777-88-99\n');
    const preview = (await upload(second, file, 'second.csv', 'preview').expect(200)).body as ImportResult;
    expect(preview.families).toEqual({ create: 0, existing: 1 });
    expect(preview.parents).toEqual({ create: 0, update: 0, unchanged: 1 });
    await upload(second, file, 'second.csv', 'commit').expect(200);
    const kira = firstOf(firstOf((await rosterOf(second)).families).parents);
    const inFirst = (await rosterOf(first)).families
      .flatMap((f) => f.parents)
      .find((p) => p.displayName === 'Зайцева Кира')!;
    expect(kira.id).toBe(inFirst.id);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const classId = takeClass();
    await upload(classId, fixture('class-list-cp1251-semicolon.csv'), 'a.csv', 'commit').expect(200);
    const before = await factory.dataSource.query(
      `SELECT id, version, updated_at FROM person WHERE school_id = $1 ORDER BY id`,
      [schoolId],
    );
    const again = (await upload(classId, fixture('class-list-cp1251-semicolon.csv'), 'a.csv', 'commit').expect(200))
      .body as ImportResult;
    expect(again.students).toEqual({ create: 0, update: 0, unchanged: 3 });
    expect(again.parents).toEqual({ create: 0, update: 0, unchanged: 4 });
    expect(again.families).toEqual({ create: 0, existing: 3 });
    const after = await factory.dataSource.query(
      `SELECT id, version, updated_at FROM person WHERE school_id = $1 ORDER BY id`,
      [schoolId],
    );
    expect(after).toEqual(before);
  });

  it('lets only one of two simultaneous imports of a file create the people', async () => {
    const classId = takeClass();
    const file = fixture('class-list-cp1251-semicolon.csv');
    await Promise.all([
      upload(classId, file, 'a.csv', 'commit').expect(200),
      upload(classId, file, 'a.csv', 'commit').expect(200),
    ]);
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [classId])).toBe(3);
  });

  it('refuses what is not a class list: binary data, an empty file, no student column, no file', async () => {
    const classId = takeClass();
    const codes = async (file: Buffer) =>
      ((await upload(classId, file, 'x.csv', 'preview').expect(200)).body as ImportResult).errors.map((e) => e.code);
    expect(await codes(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]))).toEqual(['unreadable_file']);
    expect(await codes(Buffer.from('PK\u0003\u0004 not really a zip'))).toEqual(['unreadable_file']);
    expect(await codes(Buffer.from('Ученик;Родитель 1\n'))).toEqual(['empty_file']);
    expect(await codes(Buffer.from('Кличка;Порода\nШарик;дворняга\n'))).toEqual(['missing_column']);
    await teacher.post(`/api/classes/${classId}/import`).expect(400);
    await teacher
      .post(`/api/classes/${classId}/import`)
      .attach('file', Buffer.alloc(6 * 1024 * 1024, 0x41), 'big.csv')
      .expect(413);
  });

  it('imports 5,000 rows in one go', async () => {
    const classId = await newClass();
    const lines = ['Ученик;Телефон ученика;Родитель 1;Телефон родителя 1;Родитель 2'];
    for (let n = 0; n < 5000; n += 1) {
      lines.push(`Ученик Номер${n};;Родитель Номер${n};+7 9${String(n).padStart(9, '0')};Второй Родитель${n}`);
    }
    const started = Date.now();
    await admin
      .post(`/api/classes/${classId}/import?mode=commit`)
      .attach('file', Buffer.from(lines.join('\n')), 'big.csv')
      .expect(200);
    const seconds = (Date.now() - started) / 1000;
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [classId])).toBe(5000);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );
    // Reported, not asserted: timing goals live in the benchmarks.
    process.stdout.write(`    5,000-row import took ${seconds.toFixed(1)} s\n`);
  });

  describe('export', () => {
    let classId: string;
    beforeAll(async () => {
      classId = takeClass();
      await upload(classId, fixture('class-list.xlsx'), 'list.xlsx', 'commit').expect(200);
    });

    it('exports the class as CSV with Russian headers that Excel opens, formulas neutralised', async () => {
      const response = await teacher
        .get(`/api/classes/${classId}/export?format=csv`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/attachment/);
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(body.subarray(3).toString('utf8'), { delimiter: ';' });
      expect(firstOf(rows).slice(0, 7)).toEqual([
        'Класс',
        'Семья',
        'Кто',
        'ФИО',
        'VK ID',
        'Профиль Сферума',
        'VK Мессенджер',
      ]);
      expect(rows).toHaveLength(1 + 6);
      expect(rows.map((row) => row[3])).toContain(`'=HYPERLINK("http://evil.example","Морозов")`);
      expect(nth(rows, 1)[4]).toBe('не начато');
    });

    it('exports the class as XLSX', async () => {
      const response = await teacher
        .get(`/api/classes/${classId}/export?format=xlsx`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as ArrayBuffer);
      const sheet = firstOf(workbook.worksheets);
      expect(sheet.getRow(1).getCell(4).text).toBe('ФИО');
      expect(sheet.rowCount).toBe(7);
      const names = Array.from({ length: 6 }, (_, i) => sheet.getRow(i + 2).getCell(4));
      expect(names.every((cell) => typeof cell.value === 'string')).toBe(true);
    });

    it('exports a whole school for its admin, and not for a teacher', async () => {
      await admin.get(`/api/schools/${schoolId}/export?format=csv`).expect(200);
      await teacher.get(`/api/schools/${schoolId}/export?format=csv`).expect(403);
      await teacher.get(`/api/classes/${classId}/export?format=pdf`).expect(400);
    });

    it('offers a template with the headers the import reads', async () => {
      const response = await teacher.get('/api/roster/import-template?format=csv').expect(200);
      const text = String(response.text ?? '').replace(/^\uFEFF/, '');
      expect(text.split('\r\n')[0]).toBe(
        'Ученик;Телефон ученика;Родитель 1;Телефон родителя 1;Родитель 2;Телефон родителя 2',
      );
      await teacher.get('/api/roster/import-template?format=xlsx').expect(200);
    });
  });
});
