import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, SchoolClassSummary, StaffMember } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory, unique } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';

describe('school structure', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let admin: TestAgent;
  let adminId: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
    const schoolAdmin = await factory.staff('school_admin', { districtId, schoolId });
    adminId = schoolAdmin.id;
    admin = await signIn(app, schoolAdmin.email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const fieldsOf = (body: unknown) => (body as ApiErrorBody).details?.map((detail) => detail.field);

  it('creates a class named from its grade and letter, in the current academic year by default', async () => {
    const response = await admin.post('/api/classes').send({ schoolId, grade: 3, letter: ' в ' }).expect(201);
    const created = response.body as SchoolClassSummary;
    expect(created).toMatchObject({ name: '3В', grade: 3, letter: 'В', archived: false, teachers: [] });
    expect(created.academicYear).toMatch(/^\d{4}\/\d{4}$/);
  });

  it('gives a new class its class chat and the school its school chat', async () => {
    const created = (await admin.post('/api/classes').send({ schoolId, grade: 4, letter: 'Ч' }).expect(201))
      .body as SchoolClassSummary;
    const roster = (await admin.get(`/api/classes/${created.id}/roster`).expect(200)).body as {
      chats: Array<{ kind: string }>;
    };
    expect(roster.chats.map((chat) => chat.kind)).toEqual(['class', 'school']);
  });

  it('takes no messenger any more: the path says which app', async () => {
    const wrong = await admin.patch(`/api/schools/${schoolId}`).send({ messenger: 'max' }).expect(400);
    expect(fieldsOf(wrong.body)).toEqual(['messenger']);
  });

  it.each([
    [{ grade: 12, letter: 'А' }, 'grade'],
    [{ grade: 0, letter: 'А' }, 'grade'],
    [{ grade: '5', letter: 'А' }, 'grade'],
    [{ grade: 5, letter: 'Q' }, 'letter'],
    [{ grade: 5, letter: 'АБ' }, 'letter'],
    [{ grade: 5, letter: 'А', academicYear: '2026/2028' }, 'academicYear'],
    [{ grade: 5, letter: 'А', room: 12 }, 'room'],
  ])('refuses the class %j naming %s', async (fields, field) => {
    const response = await admin
      .post('/api/classes')
      .send({ schoolId, ...fields })
      .expect(400);
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it('answers a duplicate class with 409 and keeps the first', async () => {
    const body = { schoolId, grade: 6, letter: 'Г', academicYear: '2026/2027' };
    await admin.post('/api/classes').send(body).expect(201);
    const conflict = await admin.post('/api/classes').send(body).expect(409);
    expect((conflict.body as ApiErrorBody).message).toMatch(/already has a class/);
    expect(
      await factory.count(`SELECT count(*) FROM school_class WHERE school_id = $1 AND grade = 6 AND letter = 'Г'`, [
        schoolId,
      ]),
    ).toBe(1);
  });

  it('archives a class and brings it back; archived classes leave the default list', async () => {
    const classId = await factory.schoolClass(schoolId, 8, 'Д', '2026/2027');
    await admin.patch(`/api/classes/${classId}`).send({ archived: true }).expect(200);
    const listed = (await admin.get('/api/classes').expect(200)).body as SchoolClassSummary[];
    expect(listed.map((c) => c.id)).not.toContain(classId);
    const withArchived = (await admin.get('/api/classes?includeArchived=true').expect(200))
      .body as SchoolClassSummary[];
    expect(withArchived.find((c) => c.id === classId)?.archived).toBe(true);
    await admin.patch(`/api/classes/${classId}`).send({ archived: false }).expect(200);
  });

  it('assigns teachers of the school to a class and refuses a teacher of another school', async () => {
    const classId = await factory.schoolClass(schoolId, 9, 'Е', '2026/2027');
    const teacher = await factory.staff('teacher', { districtId, schoolId });
    const otherSchool = await factory.school(districtId);
    const stranger = await factory.staff('teacher', { districtId, schoolId: otherSchool });

    const assigned = (
      await admin
        .put(`/api/classes/${classId}/teachers`)
        .send({ teacherIds: [teacher.id] })
        .expect(200)
    ).body as SchoolClassSummary;
    expect(assigned.teachers.map((t) => t.id)).toEqual([teacher.id]);

    const refused = await admin
      .put(`/api/classes/${classId}/teachers`)
      .send({ teacherIds: [stranger.id] })
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['teacherIds']);
    const unchanged = (await admin.get(`/api/classes/${classId}`).expect(200)).body as SchoolClassSummary;
    expect(unchanged.teachers.map((t) => t.id)).toEqual([teacher.id]);

    await admin
      .put(`/api/classes/${classId}/teachers`)
      .send({ teacherIds: ['not-a-uuid'] })
      .expect(400);
  });

  it('refuses a school admin and a deactivated teacher as teachers of a class', async () => {
    const classId = await factory.schoolClass(schoolId, 9, 'Ж', '2026/2027');
    const otherAdmin = await factory.staff('school_admin', { districtId, schoolId });
    const former = await factory.staff('teacher', { districtId, schoolId });
    await admin.post(`/api/staff/${former.id}/deactivate`).expect(200);

    for (const staffId of [otherAdmin.id, former.id]) {
      const refused = await admin
        .put(`/api/classes/${classId}/teachers`)
        .send({ teacherIds: [staffId] })
        .expect(400);
      expect(fieldsOf(refused.body)).toEqual(['teacherIds']);
    }
    const unchanged = (await admin.get(`/api/classes/${classId}`).expect(200)).body as SchoolClassSummary;
    expect(unchanged.teachers).toEqual([]);
  });

  it('answers a malformed id with 400 naming the parameter', async () => {
    const response = await admin.get('/api/classes/12345').expect(400);
    expect(fieldsOf(response.body)).toEqual(['classId']);
  });

  it('creates staff with a normalised e-mail and refuses a duplicate with 409', async () => {
    const email = `Dup.${unique()}@School.test`;
    const created = (
      await admin
        .post('/api/staff')
        .send({ email: `  ${email} `, fullName: 'Петров Пётр', role: 'teacher', schoolId })
        .expect(201)
    ).body as { staff: StaffMember };
    expect(created.staff.email).toBe(email.toLowerCase());
    await admin.post('/api/staff').send({ email, fullName: 'Другой Петров', role: 'teacher', schoolId }).expect(409);
  });

  it.each([
    [{ email: 'not-an-email', fullName: 'Имя', role: 'teacher' }, 'email'],
    [{ email: 'x@school.test', fullName: '', role: 'teacher' }, 'fullName'],
    [{ email: 'x@school.test', fullName: 'Имя', role: 'director' }, 'role'],
    [{ email: 'x@school.test', fullName: 'Имя', role: 'teacher', schoolId: 'nope' }, 'schoolId'],
    [{ email: 'x@school.test', fullName: 'Имя', role: 'teacher', schoolId: null, isAdmin: true }, 'isAdmin'],
  ])('refuses the staff member %j naming %s', async (body, field) => {
    const response = await admin
      .post('/api/staff')
      .send({ schoolId, ...body })
      .expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('requires a school for a teacher and forbids a school admin to create a district admin', async () => {
    const noSchool = await admin
      .post('/api/staff')
      .send({ email: `t.${unique()}@school.test`, fullName: 'Имя', role: 'teacher' })
      .expect(400);
    expect(fieldsOf(noSchool.body)).toEqual(['schoolId']);
    await admin
      .post('/api/staff')
      .send({ email: `d.${unique()}@school.test`, fullName: 'Имя', role: 'district_admin' })
      .expect(403);
  });

  it('does not let an admin deactivate themselves or change their own role', async () => {
    await admin.post(`/api/staff/${adminId}/deactivate`).expect(400);
    await admin.patch(`/api/staff/${adminId}`).send({ role: 'teacher' }).expect(403);
    await admin.get('/api/auth/me').expect(200);
  });

  it('refuses a setup link for a deactivated account until it is activated again', async () => {
    const teacher = await factory.staff('teacher', { districtId, schoolId });
    await admin.post(`/api/staff/${teacher.id}/deactivate`).expect(200);
    await admin.post(`/api/staff/${teacher.id}/setup-link`).expect(409);
    const active = (await admin.post(`/api/staff/${teacher.id}/activate`).expect(200)).body as StaffMember;
    expect(active.status).toBe('active');
    await admin.post(`/api/staff/${teacher.id}/setup-link`).expect(201);
  });
});
