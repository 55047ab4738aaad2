import { by, POLICY, row, type MatrixRow } from '../support/access-matrix';

/** «Что изменилось»: a class's summary, the visit that ends it, and the class cards. */
export const CHANGES_ROWS: MatrixRow[] = [
  row({
    route: 'GET /classes/:classId/changes',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) => agent.get(`/api/classes/${id}/changes`),
  }),
  row({
    route: 'PUT /classes/:classId/seen',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.newClass(place),
    send: (agent, id) => agent.put(`/api/classes/${id}/seen`).send({ seenAt: new Date().toISOString() }),
  }),
  row({
    route: 'GET /class-overview',
    expected: { own: by(200, 200, 200, 200) },
    prepare: () => Promise.resolve(null),
    send: (agent) => agent.get('/api/class-overview'),
  }),
  row({
    route: 'GET /class-overview',
    variant: 'of a school',
    expected: POLICY.schoolRead(200),
    prepare: (w, place) => Promise.resolve(w.sites[place].schoolId),
    send: (agent, id) => agent.get(`/api/class-overview?schoolId=${id}`),
  }),
];
