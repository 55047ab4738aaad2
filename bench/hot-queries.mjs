// The SQL of the benchmarked endpoints, taken from the API's build: the same
// text the API runs (apps/api/src/**/*.sql.ts), for the baseline to run and
// `npm run bench:explain` to explain.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH_API_DIST } from './bench-database.mjs';

const require = createRequire(import.meta.url);
const fromApi = (path) => require(join(BENCH_API_DIST, 'apps/api/src', path));
const { RATE_LIMIT_SQL } = fromApi('common/rate-limit.sql.js');
const { PARENT_SQL } = fromApi('invites/parent.sql.js');
const { PROGRESS_SQL } = fromApi('progress/progress.sql.js');
const { SESSION_SQL } = fromApi('auth/session.sql.js');
const { CLASSES_SQL } = fromApi('org/classes.sql.js');
const { SCHOOL_PATHS_SQL } = fromApi('paths/school-paths.sql.js');
const { PEOPLE_VIEW_SQL } = fromApi('progress/people-view.sql.js');
const { REPORTS_SQL } = fromApi('reports/reports.sql.js');

export const SQL = {
  rateLimitCleanup: RATE_LIMIT_SQL.cleanup,
  rateLimitPeek: RATE_LIMIT_SQL.peek,
  /** A parent's change: the link and its rate-limit decision in one statement. */
  inviteByToken: PARENT_SQL.linkByToken,
  /** A page view: the link, its rate-limit decision and the family in one statement. */
  parentPage: PARENT_SQL.pageByToken,
  inviteOpened: PARENT_SQL.linkOpened,
  family: PARENT_SQL.family,
  schoolOfPeople: SCHOOL_PATHS_SQL.schoolsOfPeopleForChange,
  lockPeople: PROGRESS_SQL.lockPeople,
  personStates: PROGRESS_SQL.personStates,
  updateSteps: PROGRESS_SQL.updateSteps,
  updateChats: PROGRESS_SQL.updateChats,
  insertEvents: PROGRESS_SQL.insertEvents,
  bumpVersion: PROGRESS_SQL.bumpVersions,
  writeChange: PROGRESS_SQL.writeChange,
  classesOfPeople: PROGRESS_SQL.classesOfPeople,
  lockClassesOfPeople: PROGRESS_SQL.lockClassesOfPeople,
  moveCounters: PROGRESS_SQL.moveCounters,
  lockClasses: PROGRESS_SQL.lockClasses,
  deleteCounters: PROGRESS_SQL.deleteCounters,
  recountClasses: PROGRESS_SQL.recountClasses,
  session: SESSION_SQL.authenticate,
  touchSession: SESSION_SQL.touch,
  // The one statement copied by hand: TypeORM's query builder writes it for AccessPolicy.requireClass (a teacher).
  classInScope: `SELECT "e"."id" AS "e_id", "e"."district_id" AS "e_district_id", "e"."school_id" AS "e_school_id", "e"."grade" AS "e_grade",
           "e"."letter" AS "e_letter", "e"."academic_year" AS "e_academic_year", "e"."archived_at" AS "e_archived_at", "e"."created_at" AS "e_created_at"
    FROM "school_class" "e"
    WHERE e.id = $1 AND EXISTS (SELECT 1 FROM teacher_class scope_tc WHERE scope_tc.class_id = e.id AND scope_tc.staff_user_id = $2)`,
  classSummary: CLASSES_SQL.summaryById,
  schoolPath: PEOPLE_VIEW_SQL.schoolPath,
  classChats: PEOPLE_VIEW_SQL.classChats,
  classCounters: PEOPLE_VIEW_SQL.classCounters,
  classPeopleIds: PEOPLE_VIEW_SQL.classPeopleIds,
  rosterPeople: PEOPLE_VIEW_SQL.people,
  classView: PEOPLE_VIEW_SQL.classView,
  useApiKey: REPORTS_SQL.useApiKey,
  districtName: REPORTS_SQL.districtName,
  districtSchools: REPORTS_SQL.districtSchools,
  districtCounters: REPORTS_SQL.districtCounters,
  school: REPORTS_SQL.school,
};

/** The statements worth explaining, with inputs from the bench database (see explain.mjs). */
export function hotQueries(sample) {
  const { districtId, schoolId, classId, teacherId, personId, familyId, tokenHash, inviteId, stepOrders, pathId } =
    sample;
  const [firstStep] = sample.stepIds;
  // ParentService's limits: the address's failed look-ups (30 in 15 minutes) guard, the link's own bucket (a minute).
  const parentLimits = ['parent-failed-ip:bench-explain', 900, 30, 'parent-link:', 60];
  return [
    {
      name: 'report key: look-up, last use and rate-limit hit (every report request)',
      sql: SQL.useApiKey,
      params: [tokenHash, 60, 60],
      // A key with this hash, inside the rolled-back transaction: the plan then counts a hit and writes a last use.
      before: [
        [`INSERT INTO api_key (district_id, name, key_hash) VALUES ($1, 'bench-explain', $2)`, [districtId, tokenHash]],
      ],
    },
    {
      name: 'parent: page view in one statement (link, rate-limit decision, family)',
      sql: SQL.parentPage,
      params: [tokenHash, 60, ...parentLimits, 60],
    },
    {
      name: 'parent: link and rate-limit decision (a change)',
      sql: SQL.inviteByToken,
      params: [tokenHash, 60, ...parentLimits],
    },
    { name: 'parent: link opened (at most once a minute)', sql: SQL.inviteOpened, params: [inviteId] },
    { name: 'parent: the family read back after a change', sql: SQL.family, params: [familyId] },
    { name: 'confirm: school path (key share)', sql: SQL.schoolOfPeople, params: [[personId]] },
    { name: 'confirm: lock people (of the family)', sql: SQL.lockPeople, params: [[personId], familyId] },
    { name: 'confirm: person states', sql: SQL.personStates, params: [[personId]] },
    { name: 'confirm: lock the classes of people', sql: SQL.lockClassesOfPeople, params: [[personId]] },
    {
      name: 'confirm: the step, the version and the event in one statement',
      sql: SQL.writeChange,
      params: [
        ...[[personId], [firstStep], [null], ['not_started'], ['done'], [null], [null]],
        ...['parent_link', null, '00000000-0000-4000-8000-000000000017', pathId, [null]],
        ...[[personId], [firstStep], ['done'], [null], [null]],
        ...[[], [], [], [], []],
        [personId],
      ],
    },
    {
      name: 'confirm: the counters moved by exact deltas',
      sql: SQL.moveCounters,
      // The student's first step and their overall status, each from not started: one counter down, one up.
      params: [
        [personId],
        [personId],
        [classId],
        [classId, classId, classId, classId],
        ['student', 'student', 'student', 'student'],
        [firstStep, firstStep, 'overall', 'overall'],
        ['not_started', 'done', 'not_started', 'in_progress'],
        ['', '', '', ''],
        [-1, 1, -1, 1],
      ],
    },
    {
      name: 'confirm: recount a class (moves, imports, path switches; no longer a confirmation)',
      sql: SQL.recountClasses,
      params: [[classId]],
      before: [[SQL.deleteCounters, [[classId]]]],
    },
    { name: 'class view: class in scope', sql: SQL.classInScope, params: [classId, teacherId] },
    { name: 'class view: the whole page in one statement', sql: SQL.classView, params: [classId, false, stepOrders] },
    { name: 'district report: schools', sql: SQL.districtSchools, params: [districtId] },
    { name: 'district report: counters', sql: SQL.districtCounters, params: [districtId] },
    { name: 'school report: the school in one statement', sql: SQL.school, params: [schoolId, districtId] },
  ];
}
