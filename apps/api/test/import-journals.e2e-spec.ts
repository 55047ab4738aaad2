import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, ClassRoster, FieldError, ImportRefusalBody, ImportReport } from '@sferum/contracts';
import ExcelJS from 'exceljs';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { journal6bMerged } from './fixtures/journal-xlsx';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('class lists shaped like e-journals’ exports', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let teacher: TestAgent;
  let schoolId: string;
  const classes: string[] = [];
  let next = 0;
  const takeClass = () => nth(classes, next++);
  let class5a: string;
  let class6b: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    schoolId = await factory.school(districtId);
    class5a = await factory.schoolClass(schoolId, 5, 'А', '2031/2032');
    class6b = await factory.schoolClass(schoolId, 6, 'Б', '2031/2032');
    for (let n = 0; n < 10; n += 1)
      classes.push(await factory.schoolClass(schoolId, 2, 'Д', `${2070 + n}/${2071 + n}`));
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [class5a, class6b, ...classes] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const upload = (classId: string, file: Buffer, name: string, mode: 'preview' | 'commit' = 'preview') =>
    teacher.post(`/api/classes/${classId}/import?mode=${mode}`).attach('file', file, name);
  const preview = async (classId: string, file: Buffer, name: string) =>
    (await upload(classId, file, name).expect(200)).body as ImportReport;
  const rosterOf = async (classId: string) =>
    (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
  const families = async (classId: string) =>
    (await rosterOf(classId)).families
      .map((f) => ({
        students: f.students.map((s) => s.displayName).sort(),
        parents: f.parents.map((p) => [p.displayName, p.hasPhone]).sort(),
      }))
      .sort((a, b) => firstOf(a.students).localeCompare(firstOf(b.students), 'ru'));

  it('imports a Windows-1251 list with title rows, № п/п and Фамилия, Имя, Отчество apart, parents as Мать and Отец', async () => {
    const file = fixture('journal-5a-cp1251-semicolon.csv');
    const report = await preview(class5a, file, 'список 5А.csv');
    expect(report.errors).toEqual([]);
    expect(report.headerRow).toBe(4);
    expect(report.columns.map((c) => [c.header, c.role])).toEqual([
      ['№ п/п', 'number'],
      ['Фамилия', 'student_surname'],
      ['Имя', 'student_first_name'],
      ['Отчество', 'student_patronymic'],
      ['Дата рождения', null],
      ['Мать', 'parent1_name'],
      ['Телефон матери', 'parent1_phone'],
      ['Отец', 'parent2_name'],
      ['Телефон отца', 'parent2_phone'],
    ]);
    expect(report.warnings.map((w) => [w.code, w.column])).toEqual([['ignored_column', 'Дата рождения']]);
    expect(report.students).toEqual({ create: 4, update: 0, unchanged: 0 });
    expect(report.families).toEqual({ create: 3, existing: 0 });
    expect(report.classes).toEqual([
      { name: '5А', classId: class5a, rows: 4, students: { create: 4, update: 0, unchanged: 0 } },
    ]);

    await upload(class5a, file, 'список 5А.csv', 'commit').expect(200);
    expect(await families(class5a)).toEqual([
      {
        students: ['Абрамов Артём Игоревич', 'Абрамова Алиса Игоревна'],
        parents: [
          ['Абрамов Игорь Петрович', true],
          ['Абрамова Ирина Олеговна', true],
        ],
      },
      { students: ['Белов Борис'], parents: [['Белова Вера Сергеевна', false]] },
      { students: ['Волкова Ёлка Дмитриевна'], parents: [['Волков Дмитрий Андреевич', true]] },
    ]);
    expect(await storedCounters(factory.dataSource, class5a)).toEqual(
      await recountFromSource(factory.dataSource, class5a),
    );
    const again = await preview(class5a, file, 'список 5А.csv');
    expect(again.students).toEqual({ create: 0, update: 0, unchanged: 4 });
  });

  it('imports an XLSX with merged title rows, a header over two rows and a mother merged over two siblings', async () => {
    const file = await journal6bMerged();
    const report = await preview(class6b, file, '6Б.xlsx');
    expect(report.errors).toEqual([]);
    expect(report.headerRow).toBe(4);
    expect(report.columns.map((c) => [c.header, c.role])).toEqual([
      ['№ п/п', 'number'],
      ['ФИО обучающегося / Фамилия', 'student_surname'],
      ['ФИО обучающегося / Имя', 'student_first_name'],
      ['ФИО обучающегося / Отчество', 'student_patronymic'],
      ['Класс', 'class'],
      ['Мать / ФИО', 'parent1_name'],
      ['Мать / Телефон', 'parent1_phone'],
      ['Отец / ФИО', 'parent2_name'],
      ['Отец / Телефон', 'parent2_phone'],
      ['Дата рождения', null],
    ]);
    expect(report.skipped).toEqual([]);
    await upload(class6b, file, '6Б.xlsx', 'commit').expect(200);
    expect(await families(class6b)).toEqual([
      {
        students: ['Иванов Иван Иванович', 'Иванова Инна Ивановна'],
        parents: [
          ['Иванов Илья Ильич', false],
          ['Иванова Ирина Ивановна', true],
        ],
      },
      { students: ['Кузнецов Кирилл'], parents: [['Кузнецов Константин', true]] },
      { students: ['Лаптева Лиза Олеговна'], parents: [['Лаптева Людмила', true]] },
    ]);
  });

  it('imports the downloaded template as it is, CSV and XLSX: the apostrophe before its example phone goes', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      // As bytes: supertest leaves XLSX and CSV bodies unread otherwise.
      const response = await teacher
        .get(`/api/roster/import-template?format=${format}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const template = response.body as Buffer;
      if (format === 'csv') expect(template.toString('utf8')).toContain(`'+7 900 000-00-00`);
      const classId = takeClass();
      const report = (await upload(classId, template, `шаблон.${format}`, 'commit').expect(200)).body as ImportReport;
      expect(report.errors).toEqual([]);
      expect(await families(classId)).toEqual([
        {
          students: ['Иванов Пётр'],
          parents: [
            ['Иванов Сергей Николаевич', false],
            ['Иванова Мария Петровна', true],
          ],
        },
      ]);
    }
    const school = (await teacher.get('/api/roster/import-template?format=csv&scope=school').expect(200)).text;
    expect(school.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Класс;Ученик;Телефон ученика;Родитель 1;Телефон родителя 1;Родитель 2;Телефон родителя 2',
    );
  });

  it('drops a NUL from a cell and says where, the same with a BOM and without one', async () => {
    const text = 'Ученик;Родитель 1;Телефон родителя 1\nНул\u0000ев Ноль;Нулева Нина;+7 900 000-11-22\u0000\n';
    const reports = [];
    for (const file of [Buffer.from(text), Buffer.concat([BOM, Buffer.from(text)])]) {
      const report = await preview(takeClass(), file, 'nul.csv');
      reports.push({
        errors: report.errors,
        warnings: report.warnings,
        preview: report.preview,
        students: report.students,
      });
    }
    expect(reports[0]).toEqual(reports[1]);
    expect(firstOf(reports).errors).toEqual([]);
    expect(firstOf(reports).warnings.map((w) => [w.code, w.row, w.column])).toEqual([
      ['characters_removed', 2, 'Ученик'],
      ['characters_removed', 2, 'Телефон родителя 1'],
    ]);
    expect(firstOf(reports).preview[0]).toMatchObject({ student: 'Нулев Ноль', parents: [{ name: 'Нулева Нина' }] });
  });

  it('tells how to save an Excel 97–2003 file as .xlsx, and answers a refused commit with the errors in its body', async () => {
    const classId = takeClass();
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const report = await preview(classId, xls, 'список.xls');
    expect(report.errors.map((e) => e.code)).toEqual(['unreadable_file']);
    expect(firstOf(report.errors).message).toMatch(/\.xls\b.*«Книга Excel \(\*\.xlsx\)»/s);

    const refused = (await upload(classId, fixture('class-list-bad-rows.csv'), 'bad.csv', 'commit').expect(422))
      .body as ImportRefusalBody;
    expect(refused.statusCode).toBe(422);
    expect(refused.message).toBe(
      'В файле 3 ошибки; ничего не загружено. Исправьте файл по предпросмотру и загрузите его снова.',
    );
    expect(refused.result.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'bad_phone'],
      [3, 'empty_name'],
      [4, 'duplicate_student'],
    ]);
    expect(refused.result.committed).toBe(false);
    const one = (
      await upload(
        classId,
        Buffer.from('Ученик;Телефон ученика\nОдин Ошибкин;позвоните\n'),
        'one.csv',
        'commit',
      ).expect(422)
    ).body as ImportRefusalBody;
    expect(one.message).toMatch(/^В файле 1 ошибка;/);
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [classId])).toBe(0);
  });

  it('refuses at once an XLSX that merges more cells than a class list would', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Список').mergeCells('A1:J10001');
    const bomb = Buffer.from(await workbook.xlsx.writeBuffer());
    const started = Date.now();
    const report = await preview(takeClass(), bomb, 'merged.xlsx');
    expect(report.errors.map((e) => e.code)).toEqual(['unreadable_file']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lists every column with what it was taken for, and lets the request say otherwise', async () => {
    const classId = takeClass();
    const file = Buffer.from(
      'Список кружка;;\nУчастник;Взрослый;Номер для связи\nПетров Пётр;Петрова Полина;+7 900 123-45-67\n',
    );
    const found = await preview(classId, file, 'кружок.csv');
    expect(found.errors.map((e) => e.code)).toEqual(['missing_column']);
    expect(found.headerRow).toBe(2);
    expect(found.columns.map((c) => [c.key, c.role])).toEqual([
      ['Участник', null],
      ['Взрослый', null],
      ['Номер для связи', null],
    ]);
    const mapping = JSON.stringify({ Участник: 'student_name', Взрослый: 'parent1_name', '[C]': 'parent1_phone' });
    const mapped = (
      await teacher
        .post(`/api/classes/${classId}/import?mapping=${encodeURIComponent(mapping)}`)
        .attach('file', file, 'кружок.csv')
        .expect(200)
    ).body as ImportReport;
    expect(mapped.errors).toEqual([]);
    expect(mapped.mappingSource).toBe('request');
    expect(mapped.mapping).toEqual({
      Участник: 'student_name',
      Взрослый: 'parent1_name',
      'Номер для связи': 'parent1_phone',
    });
    // The same as form fields beside the file, with the header row given.
    const committed = (
      await teacher
        .post(`/api/classes/${classId}/import?mode=commit`)
        .field('mapping', mapping)
        .field('headerRow', '2')
        .attach('file', file, 'кружок.csv')
        .expect(200)
    ).body as ImportReport;
    expect(committed.committed).toBe(true);
    expect(await families(classId)).toEqual([{ students: ['Петров Пётр'], parents: [['Петрова Полина', true]] }]);

    const bad = async (query: string) =>
      (await teacher.post(`/api/classes/${classId}/import?${query}`).attach('file', file, 'x.csv').expect(400))
        .body as ApiErrorBody & {
        details: FieldError[];
      };
    expect(firstOf((await bad(`mapping=${encodeURIComponent('{"Участник":"pupil"}')}`)).details).field).toBe('mapping');
    expect(
      firstOf((await bad(`mapping=${encodeURIComponent('{"A":"student_name","B":"student_name"}')}`)).details).field,
    ).toBe('mapping');
    expect(firstOf((await bad('mapping=not-json')).details).field).toBe('mapping');
    expect(firstOf((await bad('headerRow=0')).details).field).toBe('headerRow');
    const unknown = await preview(classId, file, 'x.csv');
    expect(unknown.errors).toHaveLength(1);
    const missing = (
      await teacher
        .post(`/api/classes/${classId}/import?mapping=${encodeURIComponent('{"Нет такого":"student_name"}')}`)
        .attach('file', file, 'x.csv')
        .expect(200)
    ).body as ImportReport;
    expect(missing.errors.map((e) => [e.code, e.column])).toEqual([
      ['missing_column', 'Нет такого'],
      ['missing_column', null],
    ]);
  });

  it('documents every query parameter of both imports', async () => {
    const document = (await teacher.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { parameters?: Array<{ name: string; in: string }> } }>;
    };
    for (const path of ['/api/classes/{classId}/import', '/api/schools/{schoolId}/import']) {
      const queries = (document.paths[path]?.post?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(queries.sort()).toEqual(['headerRow', 'mapping', 'mode']);
    }
  });
});
