import type { NestExpressApplication } from '@nestjs/platform-express';
import type { StaffRole } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory, unique } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf } from './support/pick';

/**
 * Every org endpoint × every role × where the object lives, with the exact
 * status each combination must get. Callers sit in district D1, school S1;
 * the teacher leads 5А of S1.
 */
type Where = 'own' | 'ownSchoolOtherClass' | 'otherSchool' | 'otherDistrict';
type Expected = Record<StaffRole, number>;

interface World {
  d1: string;
  d2: string;
  s1: string;
  s2: string;
  s3: string;
}

interface Case {
  endpoint: string;
  where: Where;
  expected: Expected;
  /** Builds a fresh target when the request changes it, so cases never depend on each other. */
  request: (agent: TestAgent, world: World, factory: OrgFactory) => Promise<{ status: number }>;
}

const ROLES: StaffRole[] = ['district_admin', 'school_admin', 'teacher'];

const schoolOf = (world: World, where: Where): string =>
  where === 'otherDistrict' ? world.s3 : where === 'otherSchool' ? world.s2 : world.s1;
const districtOf = (world: World, where: Where): string => (where === 'otherDistrict' ? world.d2 : world.d1);


describe('access matrix: endpoint × role × place', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let world: World;
  const agents = {} as Record<StaffRole, TestAgent>;
  let year = 2030;
  let teacherId = '';

  /** Each class gets its own academic year so several 5А classes can live in one school. */
  async function newClass(where: Where, ledByCaller: boolean): Promise<string> {
    year += 1;
    const id = await factory.schoolClass(schoolOf(world, where), 5, 'А', `${year}/${year + 1}`);
    if (ledByCaller) {
      await factory.dataSource.query(
        `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
         SELECT $1, id, school_id, district_id FROM school_class WHERE id = $2`,
        [teacherId, id],
      );
    }
    return id;
  }
  const classFor = (where: Where) => newClass(where === 'ownSchoolOtherClass' ? 'own' : where, where === 'own');
  const staffFor = async (where: Where) =>
    (await factory.staff('teacher', { districtId: districtOf(world, where), schoolId: schoolOf(world, where) })).id;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const d1 = await factory.district();
    const d2 = await factory.district();
    world = { d1, d2, s1: await factory.school(d1), s2: await factory.school(d1), s3: await factory.school(d2) };
    const districtAdmin = await factory.staff('district_admin', { districtId: d1 });
    const schoolAdmin = await factory.staff('school_admin', { districtId: d1, schoolId: world.s1 });
    const teacher = await factory.staff('teacher', { districtId: d1, schoolId: world.s1 });
    teacherId = teacher.id;
    agents.district_admin = await signIn(app, districtAdmin.email);
    agents.school_admin = await signIn(app, schoolAdmin.email);
    agents.teacher = await signIn(app, teacher.email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const expect3 = (district_admin: number, school_admin: number, teacher: number): Expected => ({
    district_admin,
    school_admin,
    teacher,
  });

  const cases: Case[] = [];
  const add = (endpoint: string, table: Partial<Record<Where, Expected>>, run: (where: Where) => Case['request']) => {
    for (const where of Object.keys(table) as Where[]) {
      cases.push({ endpoint, where, expected: table[where]!, request: run(where) });
    }
  };

  // Districts: only a district admin sees their own.
  add('GET /districts/:id', { own: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) }, (where) => (agent, w) =>
    agent.get(`/api/districts/${districtOf(w, where)}`),
  );
  add('PATCH /districts/:id', { own: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) }, (where) => (agent, w) =>
    agent.patch(`/api/districts/${districtOf(w, where)}`).send({ name: `Район ${unique()}` }),
  );

  // Schools
  add(
    'GET /schools/:id',
    { own: expect3(200, 200, 200), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => (agent, w) => agent.get(`/api/schools/${schoolOf(w, where)}`),
  );
  add(
    'PATCH /schools/:id',
    { own: expect3(200, 403, 403), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent, w, f) => {
      const schoolId = await f.school(districtOf(w, where));
      const target = where === 'own' ? w.s1 : schoolId;
      return agent.patch(`/api/schools/${target}`).send({ name: `Школа ${unique()}` });
    },
  );
  // A school's path and notes: its admins and the district admin choose, teachers read.
  const schoolTarget = async (w: World, f: OrgFactory, where: Where) => (where === 'own' ? w.s1 : f.school(districtOf(w, where)));
  add(
    'POST /schools/:id/path',
    { own: expect3(200, 200, 403), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent, w, f) => {
      const target = await schoolTarget(w, f, where);
      const school = firstOf(await f.dataSource.query<Array<{ path_id: string }>>(`SELECT path_id FROM school WHERE id = $1`, [target]));
      return agent.post(`/api/schools/${target}/path`).send({ pathId: school.path_id === 'max' ? 'vk' : 'max' });
    },
  );
  add(
    'PUT /schools/:id/step-notes',
    { own: expect3(200, 200, 403), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent, w, f) => agent.put(`/api/schools/${await schoolTarget(w, f, where)}/step-notes`).send({ notes: [] }),
  );
  add('POST /schools', { own: expect3(201, 403, 403) }, () => (agent) => agent.post('/api/schools').send({ name: `Школа ${unique()}` }));

  // Classes
  add(
    'GET /classes/:id',
    {
      own: expect3(200, 200, 200),
      ownSchoolOtherClass: expect3(200, 200, 404),
      otherSchool: expect3(200, 404, 404),
      otherDistrict: expect3(404, 404, 404),
    },
    (where) => async (agent) => agent.get(`/api/classes/${await classFor(where)}`),
  );
  add(
    'PATCH /classes/:id',
    {
      own: expect3(200, 200, 403),
      ownSchoolOtherClass: expect3(200, 200, 404),
      otherSchool: expect3(200, 404, 404),
      otherDistrict: expect3(404, 404, 404),
    },
    (where) => async (agent) => agent.patch(`/api/classes/${await classFor(where)}`).send({ letter: 'Я' }),
  );
  add(
    'PUT /classes/:id/teachers',
    {
      own: expect3(200, 200, 403),
      ownSchoolOtherClass: expect3(200, 200, 404),
      otherSchool: expect3(200, 404, 404),
      otherDistrict: expect3(404, 404, 404),
    },
    (where) => async (agent) => agent.put(`/api/classes/${await classFor(where)}/teachers`).send({ teacherIds: [] }),
  );
  add(
    'POST /classes',
    { own: expect3(201, 201, 403), otherSchool: expect3(201, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => (agent, w) => {
      year += 1;
      return agent
        .post('/api/classes')
        .send({ schoolId: schoolOf(w, where), grade: 7, letter: 'Б', academicYear: `${year}/${year + 1}` });
    },
  );
  add(
    'GET /classes?schoolId',
    { own: expect3(200, 200, 200), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => (agent, w) => agent.get(`/api/classes?schoolId=${schoolOf(w, where)}`),
  );

  // Staff
  add(
    'GET /staff/:id',
    { own: expect3(200, 200, 404), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent) => agent.get(`/api/staff/${await staffFor(where)}`),
  );
  add(
    'PATCH /staff/:id',
    { own: expect3(200, 200, 404), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent) => agent.patch(`/api/staff/${await staffFor(where)}`).send({ fullName: 'Новое Имя' }),
  );
  add(
    'POST /staff/:id/deactivate',
    { own: expect3(200, 200, 404), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent) => agent.post(`/api/staff/${await staffFor(where)}/deactivate`),
  );
  add(
    'POST /staff/:id/activate',
    { own: expect3(200, 200, 404), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent) => agent.post(`/api/staff/${await staffFor(where)}/activate`),
  );
  add(
    'POST /staff/:id/setup-link',
    { own: expect3(201, 201, 404), otherSchool: expect3(201, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => async (agent) => agent.post(`/api/staff/${await staffFor(where)}/setup-link`),
  );
  add(
    'POST /staff',
    { own: expect3(201, 201, 403), otherSchool: expect3(201, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => (agent, w) =>
      agent
        .post('/api/staff')
        .send({ email: `matrix.${unique()}@school.test`, fullName: 'Учитель Матрицы', role: 'teacher', schoolId: schoolOf(w, where) }),
  );
  add(
    'GET /staff?schoolId',
    { own: expect3(200, 200, 403), otherSchool: expect3(200, 404, 404), otherDistrict: expect3(404, 404, 404) },
    (where) => (agent, w) => agent.get(`/api/staff?schoolId=${schoolOf(w, where)}`),
  );

  it.each(cases.flatMap((c) => ROLES.map((role) => [c.endpoint, c.where, role, c.expected[role], c] as const)))(
    '%s on an object of %s as %s → %i',
    async (_endpoint, _where, role, status, c) => {
      const response = await c.request(agents[role], world, factory);
      expect(response.status).toBe(status);
    },
  );

  describe('lists show only what is in scope', () => {
    it('lists the schools of the district for its admin and the own school for the others', async () => {
      const schools = async (role: StaffRole) =>
        (await agents[role].get('/api/schools').expect(200)).body as Array<{ id: string; districtId: string }>;
      const ids = async (role: StaffRole) => (await schools(role)).map((s) => s.id);
      const districtView = await schools('district_admin');
      expect(districtView.map((s) => s.id)).toEqual(expect.arrayContaining([world.s1, world.s2]));
      expect(districtView.map((s) => s.id)).not.toContain(world.s3);
      expect(new Set(districtView.map((s) => s.districtId))).toEqual(new Set([world.d1]));
      expect(await ids('school_admin')).toEqual([world.s1]);
      expect(await ids('teacher')).toEqual([world.s1]);
    });

    it('lists for a teacher only the classes they lead, not the other classes of their school', async () => {
      const led = await newClass('own', true);
      const notLed = await newClass('own', false);
      const ids = ((await agents.teacher.get('/api/classes').expect(200)).body as Array<{ id: string }>).map((c) => c.id);
      expect(ids).toContain(led);
      expect(ids).not.toContain(notLed);
      const adminIds = ((await agents.school_admin.get('/api/classes').expect(200)).body as Array<{ id: string }>).map(
        (c) => c.id,
      );
      expect(adminIds).toEqual(expect.arrayContaining([led, notLed]));
    });

    it('lists staff of other schools only for the district admin', async () => {
      const elsewhere = await staffFor('otherSchool');
      const otherDistrict = await staffFor('otherDistrict');
      const ids = async (role: StaffRole) =>
        ((await agents[role].get('/api/staff').expect(200)).body as Array<{ id: string }>).map((s) => s.id);
      expect(await ids('district_admin')).toContain(elsewhere);
      expect(await ids('district_admin')).not.toContain(otherDistrict);
      expect(await ids('school_admin')).not.toContain(elsewhere);
      await agents.teacher.get('/api/staff').expect(403);
    });
  });

  it('gives a teacher of 5А a 404 for 5Б of the same school', async () => {
    year += 1;
    const academicYear = `${year}/${year + 1}`;
    const class5A = await factory.schoolClass(world.s1, 5, 'А', academicYear);
    const class5B = await factory.schoolClass(world.s1, 5, 'Б', academicYear);
    const teacher = await factory.staff('teacher', { districtId: world.d1, schoolId: world.s1 }, { classIds: [class5A] });
    const agent = await signIn(app, teacher.email);
    await agent.get(`/api/classes/${class5A}`).expect(200);
    await agent.get(`/api/classes/${class5B}`).expect(404);
  });
});
