import { by, POLICY, row, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

const nobody = by(404, 404, 404, 404);
/** A family of the place whose link (with its short code) was issued by the place's district admin. */
const familyWithLink = async (w: MatrixWorld, place: Place) => {
  const f = await w.newFamily(place);
  await w
    .builderOf(place)
    .post(`/api/classes/${f.classId}/invites`)
    .send({ familyIds: [f.familyId] })
    .expect(200);
  return f;
};

/** The staff's side of parent links and their short codes: the class's list (what letters print), issuing, revoking, reminders. */
export const INVITES_ROWS: MatrixRow[] = [
  row({
    route: 'GET /classes/:classId/invites',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.sharedFamily(place),
    send: (agent, f) => agent.get(`/api/classes/${f.classId}/invites`),
  }),
  row({
    route: 'POST /classes/:classId/invites',
    expected: POLICY.classWork(200),
    prepare: (w, place) => w.newFamily(place),
    send: (agent, f) => agent.post(`/api/classes/${f.classId}/invites`).send({ familyIds: [f.familyId] }),
  }),
  row({
    route: 'POST /classes/:classId/invites',
    variant: 'regenerate',
    expected: POLICY.classWork(200),
    prepare: familyWithLink,
    send: (agent, f) =>
      agent.post(`/api/classes/${f.classId}/invites`).send({ familyIds: [f.familyId], regenerate: true }),
  }),
  row({
    route: 'POST /classes/:classId/invites',
    variant: 'the own class, a family of a class of the place',
    expected: { own: nobody, otherSchool: nobody, otherDistrict: nobody },
    prepare: async (w, place) => ({
      classId: await w.sharedClass('own'),
      family: await w.newFamily(place, await w.sharedClass(place, 1)),
    }),
    send: (agent, t) => agent.post(`/api/classes/${t.classId}/invites`).send({ familyIds: [t.family.familyId] }),
  }),
  row({
    route: 'POST /families/:familyId/invite/revoke',
    expected: POLICY.classWork(204),
    prepare: familyWithLink,
    send: (agent, f) => agent.post(`/api/families/${f.familyId}/invite/revoke`),
  }),
  row({
    route: 'POST /families/:familyId/reminded',
    expected: POLICY.classWork(204),
    prepare: familyWithLink,
    send: (agent, f) => agent.post(`/api/families/${f.familyId}/reminded`),
  }),
];
