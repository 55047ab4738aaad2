import { by, POLICY, row, type Family, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

const nobody = by(404, 404, 404, 404);
const newFamily = (w: MatrixWorld, place: Place) => w.newFamily(place);
/** A family of the place with the first step of its school's path. */
const familyAndStep = async (w: MatrixWorld, place: Place) => ({
  family: await w.newFamily(place),
  step: await w.firstStep(w.sites[place].schoolId),
});
const everyone = (f: Family) => [
  { personId: f.studentId, version: f.studentVersion },
  { personId: f.parentId, version: f.parentVersion },
];

/** Steps, chats, bulk changes, opt-outs, member lists and history. */
export const PROGRESS_ROWS: MatrixRow[] = [
  row({
    route: 'PUT /people/:personId/steps/:step',
    variant: 'a student',
    expected: POLICY.classWork(200),
    prepare: familyAndStep,
    send: (agent, t) =>
      agent
        .put(`/api/people/${t.family.studentId}/steps/${t.step}`)
        .send({ status: 'done', version: t.family.studentVersion }),
  }),
  row({
    route: 'PUT /people/:personId/steps/:step',
    variant: 'a parent',
    expected: POLICY.classWork(200),
    prepare: familyAndStep,
    send: (agent, t) =>
      agent
        .put(`/api/people/${t.family.parentId}/steps/${t.step}`)
        .send({ status: 'blocked', blockerReason: 'other', blockerNote: 'Матрица', version: t.family.parentVersion }),
  }),
  row({
    route: 'PUT /people/:personId/chats/:chatId',
    variant: 'the class chat',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) =>
      agent
        .put(`/api/people/${f.studentId}/chats/${f.classChatId}`)
        .send({ status: 'joined', version: f.studentVersion }),
  }),
  row({
    route: 'PUT /people/:personId/chats/:chatId',
    variant: 'the school chat',
    expected: POLICY.classWork(200),
    prepare: async (w, place) => ({ family: await w.newFamily(place), chatId: await w.schoolChat(place) }),
    send: (agent, t) =>
      agent
        .put(`/api/people/${t.family.parentId}/chats/${t.chatId}`)
        .send({ status: 'joined', version: t.family.parentVersion }),
  }),
  row({
    route: 'PUT /people/:personId/chats/:chatId',
    variant: 'a person of the own class, the chat of a class of the place',
    expected: { own: by(404, 404, 404, 404), otherSchool: nobody, otherDistrict: nobody },
    prepare: async (w, place) => ({
      family: await w.newFamily('own'),
      chatId: await w.classChat(await w.sharedClass(place, 1)),
    }),
    send: (agent, t) =>
      agent
        .put(`/api/people/${t.family.studentId}/chats/${t.chatId}`)
        .send({ status: 'joined', version: t.family.studentVersion }),
  }),
  row({
    route: 'POST /classes/:classId/progress',
    expected: POLICY.classWork(200),
    prepare: familyAndStep,
    send: (agent, t) =>
      agent
        .post(`/api/classes/${t.family.classId}/progress`)
        .send({ step: t.step, status: 'done', people: everyone(t.family) }),
  }),
  row({
    route: 'POST /classes/:classId/progress',
    variant: 'the own class, people of the place',
    expected: { own: by(200, 404, 200, 200), otherSchool: by(404, 404, 404, 404), otherDistrict: nobody },
    prepare: async (w, place) => ({
      classId: await w.sharedClass('own'),
      ...(await familyAndStep(w, place)),
      step: await w.firstStep(w.sites.own.schoolId),
    }),
    send: (agent, t) =>
      agent
        .post(`/api/classes/${t.classId}/progress`)
        .send({ step: t.step, status: 'done', people: everyone(t.family) }),
  }),
  row({
    route: 'POST /classes/:classId/progress',
    variant: 'the own class and its people, the chat of a class of the place',
    expected: { own: by(404, 404, 404, 404), otherSchool: nobody, otherDistrict: nobody },
    prepare: async (w, place) => ({
      family: await w.newFamily('own'),
      chatId: await w.classChat(await w.sharedClass(place, 1)),
    }),
    send: (agent, t) =>
      agent
        .post(`/api/classes/${t.family.classId}/progress`)
        .send({ chatId: t.chatId, status: 'joined', people: everyone(t.family) }),
  }),
  row({
    route: 'POST /chats/:chatId/members/commit',
    variant: 'a class chat, people of another class of the place',
    // Whoever sees the chat is told which people are not of it (400, the ids they sent); another teacher does not see it.
    expected: {
      own: by(400, 404, 400, 400),
      otherSchool: by(400, 404, 400, 400),
      otherDistrict: by(400, 404, 400, 400),
    },
    prepare: async (w, place) => ({
      chatId: (await w.sharedFamily('own')).classChatId,
      family: await w.newFamily(place, await w.sharedClass(place, 1)),
    }),
    send: (agent, t) => agent.post(`/api/chats/${t.chatId}/members/commit`).send({ personIds: [t.family.studentId] }),
  }),
  row({
    route: 'PUT /people/:personId/opt-out',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) =>
      agent
        .put(`/api/people/${f.parentId}/opt-out`)
        .send({ version: f.parentVersion, optedOut: true, channel: 'paper' }),
  }),
  row({
    route: 'PUT /families/:familyId/opt-out',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) =>
      agent.put(`/api/families/${f.familyId}/opt-out`).send({ optedOut: true, channel: 'phone', people: everyone(f) }),
  }),
  row({
    route: 'POST /chats/:chatId/members/preview',
    variant: 'a class chat',
    expected: POLICY.classWork(200),
    prepare: async (w, place) => (await w.sharedFamily(place)).classChatId,
    send: (agent, chatId) =>
      agent.post(`/api/chats/${chatId}/members/preview`).send({ text: 'Иванов Иван\nПетрова Мария' }),
  }),
  row({
    route: 'POST /chats/:chatId/members/preview',
    variant: 'the school chat',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => {
      await w.sharedClass(place);
      return w.schoolChat(place);
    },
    send: (agent, chatId) => agent.post(`/api/chats/${chatId}/members/preview`).send({ text: 'Иванов Иван' }),
  }),
  row({
    route: 'POST /chats/:chatId/members/commit',
    variant: 'a class chat',
    expected: POLICY.classWork(200),
    prepare: newFamily,
    send: (agent, f) =>
      agent.post(`/api/chats/${f.classChatId}/members/commit`).send({ personIds: [f.studentId, f.parentId] }),
  }),
  row({
    route: 'POST /chats/:chatId/members/commit',
    variant: 'the school chat',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => ({ family: await w.newFamily(place), chatId: await w.schoolChat(place) }),
    send: (agent, t) => agent.post(`/api/chats/${t.chatId}/members/commit`).send({ personIds: [t.family.parentId] }),
  }),
  row({
    route: 'GET /people/:personId/history',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.sharedFamily(place),
    send: (agent, f) => agent.get(`/api/people/${f.parentId}/history`),
  }),
];
