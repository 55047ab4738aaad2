import { unique } from '../factories/org.factory';
import { by, phone, POLICY, row, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

const none = () => Promise.resolve(undefined);
const school = (w: MatrixWorld, place: Place) => Promise.resolve(w.sites[place].schoolId);
const newFamily = (w: MatrixWorld, place: Place) => w.newFamily(place);
/** For requests that leave the class as usable as it was (reads, additions). */
const sharedFamily = (w: MatrixWorld, place: Place) => w.sharedFamily(place);
const sharedClass = (w: MatrixWorld, place: Place) => w.sharedClass(place);
const nobody = by(404, 404, 404, 404);

/** A class list of one student with a parent, names and phone of their own. */
const classList = () =>
  Buffer.from(
    `Ученик;Телефон ученика;Родитель 1;Телефон родителя 1\nУченик ${unique()};;Родитель ${unique()};${phone()}\n`,
  );
/** A school's list: one student in a class named in the file. */
const schoolList = () =>
  Buffer.from(
    `Класс;ФИО ученика;Законный представитель;Тел. законного представителя\n9Ж;Ученик ${unique()};Родитель ${unique()};${phone()}\n`,
  );
const MAPPING = { mapping: { ФИО: 'student_name' }, headerRow: 1 };

/** A family of `place` and a class of the caller's school led by the class's teacher. */
const ownClassAndFamilyOf = async (w: MatrixWorld, place: Place) => ({
  classId: await w.sharedClass('own'),
  family: await w.newFamily(place),
});

/** The roster of a class, its people and chats, its imports and exports, and a school's import mappings. */
export const ROSTER_ROWS: MatrixRow[] = [
  row({
    route: 'GET /classes/:classId/roster',
    expected: POLICY.classWork(200),
    prepare: sharedFamily,
    send: (agent, f) => agent.get(`/api/classes/${f.classId}/roster`),
  }),
  row({
    route: 'POST /classes/:classId/students',
    expected: POLICY.classWork(201),
    prepare: sharedClass,
    send: (agent, classId) =>
      agent
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: `Ученик ${unique()}`, parents: [{ displayName: 'Родитель', phone: phone() }] }),
  }),
  row({
    route: 'POST /classes/:classId/students',
    variant: 'a sibling into the own class, of a family of the place',
    // The district admin sees both: a family of another school is refused as such (400).
    expected: { own: by(201, 404, 201, 201), otherSchool: by(404, 404, 404, 400), otherDistrict: nobody },
    prepare: ownClassAndFamilyOf,
    send: (agent, t) =>
      agent
        .post(`/api/classes/${t.classId}/students`)
        .send({ displayName: `Сестра ${unique()}`, familyId: t.family.familyId }),
  }),
  row({
    route: 'POST /classes/:classId/students/family-match',
    expected: POLICY.classWork(200),
    prepare: sharedFamily,
    send: (agent, f) =>
      agent
        .post(`/api/classes/${f.classId}/students/family-match`)
        .send({ parents: [{ displayName: 'Родитель', phone: phone() }] }),
  }),
  row({
    route: 'POST /classes/:classId/chats',
    expected: POLICY.classWork(201),
    prepare: sharedClass,
    send: (agent, classId) => agent.post(`/api/classes/${classId}/chats`).send({ name: `Предмет ${unique()}` }),
  }),
  row({
    route: 'PUT /chats/:chatId/invite-link',
    variant: 'a class chat',
    expected: POLICY.classWork(200),
    prepare: async (w, place) => w.classChat(await sharedClass(w, place)),
    send: (agent, chatId) => agent.put(`/api/chats/${chatId}/invite-link`).send({ url: null }),
  }),
  row({
    route: 'PUT /chats/:chatId/invite-link',
    variant: 'the school chat',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => {
      await w.sharedClass(place);
      return w.schoolChat(place);
    },
    send: (agent, chatId) => agent.put(`/api/chats/${chatId}/invite-link`).send({ url: null }),
  }),
  row({
    route: 'POST /families/:familyId/parents',
    expected: POLICY.classWork(201),
    prepare: newFamily,
    send: (agent, f) =>
      agent.post(`/api/families/${f.familyId}/parents`).send({ displayName: `Родитель ${unique()}`, phone: phone() }),
  }),
  row({
    route: 'PATCH /people/:personId',
    variant: 'a student',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) =>
      agent.patch(`/api/people/${f.studentId}`).send({ version: f.studentVersion, displayName: `Ученик ${unique()}` }),
  }),
  row({
    route: 'PATCH /people/:personId',
    variant: 'a parent',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) => agent.patch(`/api/people/${f.parentId}`).send({ version: f.parentVersion, phone: null }),
  }),
  row({
    route: 'POST /people/:personId/move',
    variant: 'into another class of the same school',
    expected: POLICY.classWork(200),
    prepare: async (w, place) => ({ family: await w.newFamily(place), to: await w.sharedClass(place, 1) }),
    send: (agent, t) =>
      agent.post(`/api/people/${t.family.studentId}/move`).send({ version: t.family.studentVersion, classId: t.to }),
  }),
  row({
    route: 'POST /people/:personId/move',
    variant: 'a student of the own class into a class of the place',
    // The district admin sees both classes: a move to another school is refused as such (400).
    expected: { own: by(200, 404, 200, 200), otherSchool: by(404, 404, 404, 400), otherDistrict: nobody },
    prepare: async (w, place) => ({ family: await w.newFamily('own'), to: await w.sharedClass(place, 1) }),
    send: (agent, t) =>
      agent.post(`/api/people/${t.family.studentId}/move`).send({ version: t.family.studentVersion, classId: t.to }),
  }),
  row({
    route: 'POST /people/:personId/archive',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) => agent.post(`/api/people/${f.studentId}/archive`).send({ version: f.studentVersion }),
  }),
  row({
    route: 'POST /people/:personId/restore',
    expected: POLICY.classWork(200),
    prepare: async (w, place) => {
      const f = await w.newFamily(place);
      const archived = await w
        .builderOf(place)
        .post(`/api/people/${f.studentId}/archive`)
        .send({ version: f.studentVersion })
        .expect(200);
      return { personId: f.studentId, version: (archived.body as { version: number }).version };
    },
    send: (agent, t) => agent.post(`/api/people/${t.personId}/restore`).send({ version: t.version }),
  }),

  row({
    route: 'POST /classes/:classId/import',
    variant: 'preview',
    expected: POLICY.classWork(200),
    prepare: sharedClass,
    send: (agent, classId) =>
      agent.post(`/api/classes/${classId}/import?mode=preview`).attach('file', classList(), 'класс.csv'),
  }),
  row({
    route: 'POST /classes/:classId/import',
    variant: 'commit',
    expected: POLICY.classWork(200),
    prepare: sharedClass,
    send: (agent, classId) =>
      agent.post(`/api/classes/${classId}/import?mode=commit`).attach('file', classList(), 'класс.csv'),
  }),
  row({
    route: 'POST /schools/:schoolId/import',
    variant: 'preview',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, schoolId) =>
      agent.post(`/api/schools/${schoolId}/import?mode=preview`).attach('file', schoolList(), 'школа.csv'),
  }),
  row({
    route: 'POST /schools/:schoolId/import',
    variant: 'commit',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, schoolId) =>
      agent.post(`/api/schools/${schoolId}/import?mode=commit`).attach('file', schoolList(), 'школа.csv'),
  }),
  row({
    route: 'GET /roster/import-template',
    expected: { own: by(200, 200, 200, 200) },
    prepare: none,
    send: (agent) => agent.get('/api/roster/import-template?format=csv'),
  }),
  row({
    route: 'GET /classes/:classId/export',
    expected: POLICY.classWork(200),
    prepare: sharedFamily,
    send: (agent, f) => agent.get(`/api/classes/${f.classId}/export?format=csv`),
  }),
  row({
    route: 'GET /schools/:schoolId/export',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, schoolId) => agent.get(`/api/schools/${schoolId}/export?format=csv`),
  }),

  row({
    route: 'GET /schools/:schoolId/import-mappings',
    expected: POLICY.schoolRead(200),
    prepare: school,
    send: (agent, schoolId) => agent.get(`/api/schools/${schoolId}/import-mappings`),
  }),
  row({
    route: 'PUT /schools/:schoolId/import-mappings/:name',
    expected: POLICY.schoolRead(200),
    prepare: school,
    send: (agent, schoolId) =>
      agent.put(`/api/schools/${schoolId}/import-mappings/${encodeURIComponent(`Шаблон ${unique()}`)}`).send(MAPPING),
  }),
  row({
    route: 'DELETE /schools/:schoolId/import-mappings/:name',
    expected: POLICY.schoolRead(204),
    prepare: async (w, place) => {
      const path = `/api/schools/${w.sites[place].schoolId}/import-mappings/${encodeURIComponent(`Шаблон ${unique()}`)}`;
      await w.builderOf(place).put(path).send(MAPPING).expect(200);
      return path;
    },
    send: (agent, path) => agent.delete(path),
  }),
];
