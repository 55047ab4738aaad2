import { by, POLICY, row, type KeyActor, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

const none = () => Promise.resolve(undefined);
const school = (w: MatrixWorld, place: Place) => Promise.resolve(w.sites[place].schoolId);
const districtAdminOnly = (ok: number) => ({ own: by(403, 403, 403, ok) });
/** A reporting key reads its own district only. */
const ofKeyDistrict = {
  own: { keyOfDistrict: 200, keyOfOtherDistrict: 404 },
  otherSchool: { keyOfDistrict: 200, keyOfOtherDistrict: 404 },
  otherDistrict: { keyOfDistrict: 404, keyOfOtherDistrict: 200 },
};

/** The staff's reports and the district's reporting keys. */
export const STAFF_REPORT_ROWS: MatrixRow[] = [
  row({
    route: 'GET /reports/district',
    expected: districtAdminOnly(200),
    prepare: none,
    send: (agent) => agent.get('/api/reports/district'),
  }),
  row({
    route: 'GET /reports/schools/:schoolId',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, id) => agent.get(`/api/reports/schools/${id}`),
  }),
  row({
    route: 'GET /reports/district/export',
    expected: districtAdminOnly(200),
    prepare: none,
    send: (agent) => agent.get('/api/reports/district/export'),
  }),
  row({
    route: 'GET /reports/schools/:schoolId/export',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, id) => agent.get(`/api/reports/schools/${id}/export`),
  }),
  row({
    route: 'GET /reports/history',
    variant: 'the district',
    expected: districtAdminOnly(200),
    prepare: none,
    send: (agent) => agent.get('/api/reports/history'),
  }),
  row({
    route: 'GET /reports/history',
    variant: 'a school',
    expected: POLICY.schoolAdmins(200),
    prepare: school,
    send: (agent, id) => agent.get(`/api/reports/history?schoolId=${id}`),
  }),
  row({
    route: 'GET /reports/history',
    variant: 'a class',
    expected: POLICY.classManage(200),
    prepare: (w, place) => w.sharedClass(place),
    send: (agent, id) => agent.get(`/api/reports/history?classId=${id}`),
  }),

  row({
    route: 'GET /api-keys',
    expected: districtAdminOnly(200),
    prepare: none,
    send: (agent) => agent.get('/api/api-keys'),
  }),
  row({
    route: 'POST /api-keys',
    expected: districtAdminOnly(201),
    prepare: none,
    send: (agent) => agent.post('/api/api-keys').send({ name: 'Матрица' }),
  }),
  row({
    route: 'POST /api-keys/:keyId/revoke',
    // Keys are the district admin's: anyone else is refused the kind (403), even a key of another district.
    expected: { own: by(403, 403, 403, 200), otherDistrict: by(403, 403, 403, 404) },
    prepare: async (w, place) => {
      const created = await w.builderOf(place).post('/api/api-keys').send({ name: 'Отзываемый' }).expect(201);
      return (created.body as { apiKey: { id: string } }).apiKey.id;
    },
    send: (agent, id) => agent.post(`/api/api-keys/${id}/revoke`),
  }),
];

/** The reporting API, asked with a key of D1 or of D2. */
export const KEY_REPORT_ROWS: Array<MatrixRow<KeyActor>> = [
  row<undefined, KeyActor>({
    route: 'GET /v1/reports/district',
    expected: { own: { keyOfDistrict: 200, keyOfOtherDistrict: 200 } },
    prepare: none,
    send: (agent) => agent.get('/api/v1/reports/district'),
  }),
  row<undefined, KeyActor>({
    route: 'GET /v1/reports/history',
    variant: 'the district',
    expected: { own: { keyOfDistrict: 200, keyOfOtherDistrict: 200 } },
    prepare: none,
    send: (agent) => agent.get('/api/v1/reports/history'),
  }),
  row<string, KeyActor>({
    route: 'GET /v1/reports/history',
    variant: 'a school',
    expected: ofKeyDistrict,
    prepare: school,
    send: (agent, id) => agent.get(`/api/v1/reports/history?schoolId=${id}`),
  }),
  row<string, KeyActor>({
    route: 'GET /v1/reports/history',
    variant: 'a class',
    expected: ofKeyDistrict,
    prepare: (w, place) => w.sharedClass(place),
    send: (agent, id) => agent.get(`/api/v1/reports/history?classId=${id}`),
  }),
  row<string, KeyActor>({
    route: 'GET /v1/reports/schools/:schoolId',
    expected: ofKeyDistrict,
    prepare: school,
    send: (agent, id) => agent.get(`/api/v1/reports/schools/${id}`),
  }),
];
