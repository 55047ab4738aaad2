import type { NewYearPreview } from '@sferum/contracts';
import { POLICY, row, type MatrixRow, type MatrixWorld, type Place } from '../support/access-matrix';

/** The place's school with a class, and the year its new year would go to (as its district admin previews it). */
const schoolAndNextYear = async (w: MatrixWorld, place: Place) => {
  await w.sharedClass(place);
  const schoolId = w.sites[place].schoolId;
  const preview = await w
    .builderOf(place)
    .post(`/api/schools/${schoolId}/new-year/preview`)
    .send({ archiveGrade9: false })
    .expect(200);
  return { schoolId, toYear: (preview.body as NewYearPreview).toYear };
};

/** The new school year of a school: its structure, the school's admins and the district admin. */
export const SCHOOL_YEAR_ROWS: MatrixRow[] = [
  row({
    route: 'POST /schools/:schoolId/new-year/preview',
    expected: POLICY.schoolAdmins(200),
    prepare: async (w, place) => {
      await w.sharedClass(place);
      return w.sites[place].schoolId;
    },
    send: (agent, schoolId) => agent.post(`/api/schools/${schoolId}/new-year/preview`).send({ archiveGrade9: false }),
  }),
  row({
    route: 'POST /schools/:schoolId/new-year',
    expected: POLICY.schoolAdmins(200),
    prepare: schoolAndNextYear,
    send: (agent, t) =>
      agent.post(`/api/schools/${t.schoolId}/new-year`).send({ archiveGrade9: false, toYear: t.toYear }),
  }),
];
