import { POLICY, row, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';
import { firstOf } from '../support/pick';

/** A family in a class of its own, so that erasing the class's roster erases only what the case made. */
const familyInOwnClass = async (w: MatrixWorld, place: Place) => w.newFamily(place, await w.newClass(place));

/**
 * A family's copy and erasure, a class's and a school's roster erased. The
 * school's erasure comes last: it takes every family of the school with it.
 */
export const PRIVACY_ROWS: MatrixRow[] = [
  row({
    route: 'GET /families/:familyId/personal-data',
    expected: POLICY.classManage(200),
    prepare: (w, place) => w.sharedFamily(place),
    send: (agent, f) => agent.get(`/api/families/${f.familyId}/personal-data`),
  }),
  row({
    route: 'DELETE /families/:familyId',
    expected: POLICY.classManage(204),
    prepare: (w, place) => w.newFamily(place),
    send: (agent, f) => agent.delete(`/api/families/${f.familyId}`),
  }),
  row({
    route: 'POST /classes/:classId/erase-roster',
    expected: POLICY.classManage(200),
    prepare: familyInOwnClass,
    send: (agent, f) => agent.post(`/api/classes/${f.classId}/erase-roster`),
  }),
  row({
    route: 'POST /schools/:schoolId/erase-roster',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => {
      await w.newFamily(place);
      const schoolId = w.sites[place].schoolId;
      const school = firstOf(
        await w.factory.dataSource.query<Array<{ name: string }>>(`SELECT name FROM school WHERE id = $1`, [schoolId]),
      );
      return { schoolId, schoolName: school.name };
    },
    send: (agent, t) => agent.post(`/api/schools/${t.schoolId}/erase-roster`).send({ schoolName: t.schoolName }),
  }),
];
