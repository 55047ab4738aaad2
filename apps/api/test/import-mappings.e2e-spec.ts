import type { NestExpressApplication } from '@nestjs/platform-express';
import type { FieldError, ImportMapping, ImportReport } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';

/** A circle's export: a title row, then headers no journal uses. */
const circleFile = (rows: string[]) =>
  Buffer.from(['Выгрузка кружка «Робототехника»;;', 'Участник;Взрослый;Номер для связи', ...rows].join('\n'));
const NAME = 'Выгрузка кружка';
const path = (schoolId: string, name = NAME) => `/api/schools/${schoolId}/import-mappings/${encodeURIComponent(name)}`;

describe('saved mappings of class-list columns', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let schoolId: string;
  let classId: string;
  let teacher: TestAgent;
  let admin: TestAgent;
  let strangerTeacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    schoolId = await factory.school(districtId);
    classId = await factory.schoolClass(schoolId, 3, 'К', '2033/2034');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
    admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
    const otherSchool = await factory.school(districtId);
    strangerTeacher = await signIn(app, (await factory.staff('teacher', { districtId, schoolId: otherSchool })).email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const preview = async (file: Buffer) =>
    (await teacher.post(`/api/classes/${classId}/import`).attach('file', file, 'кружок.csv').expect(200))
      .body as ImportReport;

  it('keeps the mapping a teacher fixed, and reads the next file with the same headers by it', async () => {
    const first = circleFile(['Петров Пётр;Петрова Полина;+7 900 123-45-67']);
    const unread = await preview(first);
    expect(unread.errors.map((e) => e.code)).toEqual(['missing_column']);
    expect(unread.mappingSource).toBe('detected');

    const mapping = { Участник: 'student_name', Взрослый: 'parent1_name', 'Номер для связи': 'parent1_phone' };
    const fixed = (
      await teacher
        .post(`/api/classes/${classId}/import`)
        .field('mapping', JSON.stringify(mapping))
        .attach('file', first, 'кружок.csv')
        .expect(200)
    ).body as ImportReport;
    expect(fixed.errors).toEqual([]);

    const saved = (
      await teacher.put(path(schoolId)).send({ mapping: fixed.mapping, headerRow: fixed.headerRow }).expect(200)
    ).body as ImportMapping;
    expect(saved).toMatchObject({ name: NAME, mapping, headerRow: 2 });
    expect(
      ((await admin.get(`/api/schools/${schoolId}/import-mappings`).expect(200)).body as ImportMapping[]).map(
        (m) => m.name,
      ),
    ).toEqual([NAME]);

    // Next month's export: other children, the same headers.
    const next = circleFile(['Сидоров Семён;Сидорова Софья;8 900 765-43-21', 'Тихонов Тимур;;']);
    const reused = await preview(next);
    expect(reused.errors).toEqual([]);
    expect(reused.mappingSource).toBe('saved');
    expect(reused.savedMappingName).toBe(NAME);
    expect(reused.preview.map((row) => row.student)).toEqual(['Сидоров Семён', 'Тихонов Тимур']);
    const committed = (
      await teacher.post(`/api/classes/${classId}/import?mode=commit`).attach('file', next, 'кружок.csv').expect(200)
    ).body as ImportReport;
    expect(committed.students.create).toBe(2);

    // Another form of file (a column more) is not read by it.
    const other = Buffer.from('Участник;Взрослый;Номер для связи;Смена\nУлин Уле;;;1\n');
    expect((await preview(other)).mappingSource).toBe('detected');
    // Headers compare without case or ё/е; their order does not matter.
    const reordered = Buffer.from(
      'Выгрузка;;\nномер для связи;ВЗРОСЛЫЙ;участник\n+79001112233;Фёдорова Фаина;Фёдоров Фёдор\n',
    );
    const read = await preview(reordered);
    expect(read.mappingSource).toBe('saved');
    expect(read.preview[0]).toMatchObject({ student: 'Фёдоров Фёдор', parents: [{ name: 'Фёдорова Фаина' }] });
  });

  it('lets the school’s staff read and save mappings, and nobody outside it', async () => {
    await strangerTeacher.get(`/api/schools/${schoolId}/import-mappings`).expect(404);
    await strangerTeacher
      .put(path(schoolId, 'Чужая'))
      .send({ mapping: { A: 'student_name' }, headerRow: 1 })
      .expect(404);
    await admin
      .put(path(schoolId, 'От администратора'))
      .send({ mapping: { ФИО: 'student_name' }, headerRow: 1 })
      .expect(200);
    expect(
      ((await teacher.get(`/api/schools/${schoolId}/import-mappings`).expect(200)).body as ImportMapping[]).map(
        (m) => m.name,
      ),
    ).toEqual([NAME, 'От администратора']);
  });

  it('refuses a mapping that is not one, and removes one by its name', async () => {
    const bad = async (body: object) =>
      (
        (await teacher.put(path(schoolId, 'Плохая')).send(body).expect(400)).body as { details: FieldError[] }
      ).details.map((d) => d.field);
    expect(await bad({ mapping: { ФИО: 'student' }, headerRow: 1 })).toEqual(['mapping']);
    expect(await bad({ mapping: { A: 'student_name', B: 'student_name' }, headerRow: 1 })).toEqual(['mapping']);
    expect(await bad({ mapping: [], headerRow: 1 })).toEqual(['mapping']);
    expect(await bad({ mapping: { ФИО: 'student_name' }, headerRow: 0 })).toEqual(['headerRow']);
    await teacher
      .put(path(schoolId, ' '))
      .send({ mapping: { ФИО: 'student_name' }, headerRow: 1 })
      .expect(400);

    await teacher.delete(path(schoolId, 'От администратора')).expect(204);
    await teacher.delete(path(schoolId, 'От администратора')).expect(404);
    await teacher.delete(path(schoolId)).expect(204);
    expect((await preview(circleFile(['Петров Пётр;;']))).errors.map((e) => e.code)).toEqual(['missing_column']);
  });
});
