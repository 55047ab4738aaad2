import { unique } from '../factories/org.factory';
import { by, POLICY, row, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

const none = () => Promise.resolve(undefined);
const school = (w: MatrixWorld, place: Place) => Promise.resolve(w.sites[place].schoolId);
const district = (w: MatrixWorld, place: Place) => Promise.resolve(w.sites[place].districtId);
const onlyDistrictAdmin = (ok: number) => ({ own: by(404, 404, 404, ok), otherDistrict: by(404, 404, 404, 404) });
/** Staff accounts: a teacher sees only themselves, an admin those of their school. */
const staffManage = (ok: number) => ({
  own: by(404, 404, ok, ok),
  otherSchool: by(404, 404, 404, ok),
  otherDistrict: by(404, 404, 404, 404),
});

/** Districts, schools, classes and staff accounts. */
export const ORG_ROWS: MatrixRow[] = [
  row({
    route: 'GET /districts/:districtId',
    expected: onlyDistrictAdmin(200),
    prepare: district,
    send: (agent, id) => agent.get(`/api/districts/${id}`),
  }),
  row({
    route: 'PATCH /districts/:districtId',
    expected: onlyDistrictAdmin(200),
    prepare: district,
    send: (agent, id) => agent.patch(`/api/districts/${id}`).send({ name: `Район ${unique()}` }),
  }),

  row({
    route: 'GET /schools',
    expected: { own: by(200, 200, 200, 200) },
    prepare: none,
    send: (agent) => agent.get('/api/schools'),
  }),
  row({
    route: 'POST /schools',
    expected: { own: by(403, 403, 403, 201) },
    prepare: none,
    send: (agent) => agent.post('/api/schools').send({ name: `Школа ${unique()}` }),
  }),
  row({
    route: 'GET /schools/:schoolId',
    expected: POLICY.schoolRead(200),
    prepare: school,
    send: (agent, id) => agent.get(`/api/schools/${id}`),
  }),
  row({
    route: 'PATCH /schools/:schoolId',
    variant: 'rename',
    expected: POLICY.districtOnly(200),
    prepare: school,
    send: (agent, id) => agent.patch(`/api/schools/${id}`).send({ name: `Школа ${unique()}` }),
  }),
  row({
    route: 'PATCH /schools/:schoolId',
    variant: 'nothing to rename',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, id) => agent.patch(`/api/schools/${id}`).send({}),
  }),
  row({
    route: 'POST /schools/:schoolId/path',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => {
      const schoolId = w.sites[place].schoolId;
      return { schoolId, pathId: (await w.firstStep(schoolId)) === 'vk_id' ? 'max' : 'vk' };
    },
    send: (agent, t) => agent.post(`/api/schools/${t.schoolId}/path`).send({ pathId: t.pathId }),
  }),
  row({
    route: 'PUT /schools/:schoolId/step-notes',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, id) => agent.put(`/api/schools/${id}/step-notes`).send({ notes: [] }),
  }),

  row({
    route: 'GET /classes',
    expected: { own: by(200, 200, 200, 200) },
    prepare: none,
    send: (agent) => agent.get('/api/classes'),
  }),
  row({
    route: 'GET /classes',
    variant: 'of a school',
    expected: POLICY.schoolRead(200),
    prepare: school,
    send: (agent, id) => agent.get(`/api/classes?schoolId=${id}`),
  }),
  row({
    route: 'POST /classes',
    expected: POLICY.schoolAdmins(201),
    prepare: school,
    send: (agent, schoolId, w) =>
      agent.post('/api/classes').send({ schoolId, grade: 7, letter: 'Б', academicYear: w.nextAcademicYear() }),
  }),
  row({
    route: 'GET /classes/:classId',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) => agent.get(`/api/classes/${id}`),
  }),
  row({
    route: 'PATCH /classes/:classId',
    expected: POLICY.classManage(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) => agent.patch(`/api/classes/${id}`).send({ letter: 'Я' }),
  }),
  row({
    route: 'PUT /classes/:classId/parent-info',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) =>
      agent.put(`/api/classes/${id}/parent-info`).send({ parentContact: 'Кабинет 12', deadline: null }),
  }),
  row({
    route: 'PUT /classes/:classId/teachers',
    variant: 'the own class, a teacher of the place',
    // Whoever may change the class is told that a teacher of another school is not one of this school's (400, the id they sent).
    expected: {
      own: by(403, 404, 200, 200),
      otherSchool: by(403, 404, 400, 400),
      otherDistrict: by(403, 404, 400, 400),
    },
    prepare: async (w, place) => ({ classId: await w.newClass('own'), teacherId: await w.newStaff(place) }),
    send: (agent, t) => agent.put(`/api/classes/${t.classId}/teachers`).send({ teacherIds: [t.teacherId] }),
  }),
  row({
    route: 'PUT /classes/:classId/teachers',
    expected: POLICY.classManage(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) => agent.put(`/api/classes/${id}/teachers`).send({ teacherIds: [] }),
  }),

  row({
    route: 'GET /staff',
    expected: { own: by(403, 403, 200, 200) },
    prepare: none,
    send: (agent) => agent.get('/api/staff'),
  }),
  row({
    route: 'GET /staff',
    variant: 'of a school',
    expected: {
      own: by(403, 403, 200, 200),
      otherSchool: by(404, 404, 404, 200),
      otherDistrict: by(404, 404, 404, 404),
    },
    prepare: school,
    send: (agent, id) => agent.get(`/api/staff?schoolId=${id}`),
  }),
  row({
    route: 'POST /staff',
    variant: 'a teacher',
    expected: POLICY.schoolAdmins(201),
    prepare: school,
    send: (agent, schoolId) =>
      agent
        .post('/api/staff')
        .send({ email: `matrix.${unique()}@school.test`, fullName: 'Учитель Матрицы', role: 'teacher', schoolId }),
  }),
  row({
    route: 'POST /staff',
    variant: 'a district admin',
    expected: { own: by(403, 403, 403, 201) },
    prepare: none,
    send: (agent) =>
      agent
        .post('/api/staff')
        .send({ email: `matrix.${unique()}@district.test`, fullName: 'Админ Матрицы', role: 'district_admin' }),
  }),
  row({
    route: 'GET /staff/:staffId',
    expected: staffManage(200),
    prepare: (w, place) => w.newStaff(place),
    send: (agent, id) => agent.get(`/api/staff/${id}`),
  }),
  row({
    route: 'PATCH /staff/:staffId',
    expected: staffManage(200),
    prepare: (w, place) => w.newStaff(place),
    send: (agent, id) => agent.patch(`/api/staff/${id}`).send({ fullName: 'Новое Имя' }),
  }),
  row({
    route: 'POST /staff/:staffId/deactivate',
    expected: staffManage(200),
    prepare: (w, place) => w.newStaff(place),
    send: (agent, id) => agent.post(`/api/staff/${id}/deactivate`),
  }),
  row({
    route: 'POST /staff/:staffId/activate',
    expected: staffManage(200),
    prepare: async (w, place) => {
      const id = await w.newStaff(place);
      await w.factory.dataSource.query(`UPDATE staff_user SET deactivated_at = now() WHERE id = $1`, [id]);
      return id;
    },
    send: (agent, id) => agent.post(`/api/staff/${id}/activate`),
  }),
  row({
    route: 'POST /staff/:staffId/setup-link',
    expected: staffManage(201),
    prepare: (w, place) => w.newStaff(place),
    send: (agent, id) => agent.post(`/api/staff/${id}/setup-link`),
  }),
];
