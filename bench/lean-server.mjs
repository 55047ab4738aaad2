// The lean ceiling for `npm run bench`: the five benchmarked endpoints on bare
// Fastify + pg, each doing the least work its answer needs, in hand-written
// SQL: no rate limits, no "last used" or "opened" times, no session touch, a
// report without its REPEATABLE READ transaction (one statement is one
// snapshot). The answers are the API's (the runner compares them before
// measuring); what they cost is the floor the API is measured against.
//
// - parent page: one statement, the link and the family read together;
// - parent confirmation: one transaction (BEGIN, the person locked with the
//   link checked and its classes' overall status before and after, the step,
//   the event, the version and the counters moved by exact deltas in one
//   statement, rarely a delete of a counter row that reached 0, COMMIT), then
//   the family read, or, asked `Prefer: return=minimal` as the web's forms
//   (and the benchmark) do, 204 and none; only the first step of the path
//   (the benchmark's), done or not started again, which implies no other;
// - class view: one statement (the session, the teacher's scope and the whole
//   class page, PEOPLE_VIEW_SQL.classView with its scope folded in);
// - school report: one statement (the key folded into the API's school
//   statement: the school, its classes with their counters packed);
// - district report: one statement for the key; the district counted in one
//   statement at most once per REPORT_CACHE_SECONDS and kept as its JSON
//   text, as the API does.
//
// Every statement per request runs prepared, as the API's hot statements do
// (database/prepared-query.ts); only the district's count, once per
// REPORT_CACHE_SECONDS, is sent unnamed, as the API sends it.
//
// `node bench/lean-server.mjs` with DATABASE_URL, PORT and DATABASE_POOL_SIZE.
import { bareServer, dist, hashToken, HttpError, looksLikeToken, prepared } from './bare-server.mjs';
import { SQL } from './hot-queries.mjs';

const { CATALOGUE_ID_PATTERN, PATH_CATALOGUE, PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL, stepIdsOf } =
  dist('libs/contracts/src/index.js');
const { buildDistrictReport, buildSchoolReport } = dist('apps/api/src/reports/report-builder.js');
const { ShortLivedCache } = dist('apps/api/src/reports/short-lived-cache.js');
const { classViewParameters, toClassRoster } = dist('apps/api/src/progress/people-view.repository.js');
const { unpackSchool } = dist('apps/api/src/reports/reports.repository.js');
const { toParentFamily } = dist('apps/api/src/invites/parent-family.js');
const { prefersReturnMinimal } = dist('apps/api/src/common/prefer-header.js');

const SESSION_IDLE_MINUTES = 120;

const { pool, app } = bareServer({ logUnexpected: true });

/** `text` with `marker` replaced once; fails at start-up when the API's statement no longer has it. */
function replaceOnce(text, marker, replacement) {
  if (text.split(marker).length !== 2)
    throw new Error(`The lean statement's marker is not once in the text: ${marker}`);
  return text.replace(marker, replacement);
}

// ---- parent link ----

const LINK = `JOIN invite i ON i.family_id = f.id AND i.token_hash = $1 AND i.revoked_at IS NULL AND i.expires_at > now()`;
/** The API's family read (PARENT_SQL.family) found by the link's token instead of the family's id. */
const FAMILY_BY_TOKEN = replaceOnce(
  replaceOnce(
    SQL.family,
    'FROM family f JOIN school s ON s.id = f.school_id WHERE f.id = $1',
    `FROM family f ${LINK} JOIN school s ON s.id = f.school_id`,
  ),
  'SELECT s.name AS school_name,',
  'SELECT i.expires_at, s.name AS school_name,',
);

async function familyByToken(token) {
  if (!looksLikeToken(token)) throw new HttpError(404, 'This link does not work');
  const { rows } = await pool.query(prepared(FAMILY_BY_TOKEN, [hashToken(token)]));
  if (!rows[0]) throw new HttpError(404, 'This link does not work');
  return toParentFamily(rows[0], PATH_CATALOGUE.get(rows[0].path_id), rows[0].expires_at);
}

app.get('/api/parent/family', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  return familyByToken(request.headers['x-parent-token']);
});

/** A member's overall status (as the API's recount defines it), its steps' statuses given by `status` over `x`. */
const overall = (status) => `CASE
  WHEN p.opted_out_at IS NOT NULL THEN 'opted_out'
  WHEN NOT EXISTS (SELECT 1 FROM person_step x WHERE x.person_id = p.id AND ${status} <> 'done')
       AND EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                   WHERE cm.person_id = p.id AND ch.kind = 'class' AND ch.class_id = m.class_id AND ch.archived_at IS NULL
                     AND cm.status = 'joined') THEN 'connected'
  WHEN EXISTS (SELECT 1 FROM person_step x WHERE x.person_id = p.id AND ${status} = 'blocked')
       OR EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                  WHERE cm.person_id = p.id AND ch.kind = 'class' AND ch.class_id = m.class_id AND ch.archived_at IS NULL
                    AND cm.status = 'blocked') THEN 'blocked'
  WHEN EXISTS (SELECT 1 FROM person_step x WHERE x.person_id = p.id AND ${status} = 'done')
       OR EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                  WHERE cm.person_id = p.id AND cm.status = 'joined' AND ch.archived_at IS NULL
                    AND (ch.class_id = m.class_id OR ch.kind = 'school')) THEN 'in_progress'
  ELSE 'not_started'
END`;

/**
 * The person of the link's family, locked; the step's state; and each class
 * they count in (a student their own, a parent each of their children's) with
 * their overall status there now and with the step done.
 */
const LOCK_PERSON = `SELECT p.id, p.kind, p.district_id, p.school_id, s.path_id, p.opted_out_at IS NOT NULL AS opted_out,
         ps.status, ps.blocker_reason, i.family_id, i.expires_at,
         (SELECT COALESCE(json_agg(json_build_object(
                    'classId', m.class_id,
                    'before', ${overall('x.status')},
                    'after', ${overall(`CASE WHEN x.step = $3 THEN $4 ELSE x.status END`)})), '[]')
          FROM (SELECT p.class_id WHERE p.kind = 'student'
                UNION
                SELECT st.class_id FROM person st
                WHERE p.kind = 'parent' AND st.family_id = p.family_id AND st.kind = 'student' AND st.archived_at IS NULL) m) AS classes
  FROM invite i
  JOIN person p ON p.family_id = i.family_id AND p.id = $2 AND p.archived_at IS NULL
  JOIN school s ON s.id = p.school_id
  JOIN person_step ps ON ps.person_id = p.id AND ps.step = $3
  WHERE i.token_hash = $1 AND i.revoked_at IS NULL AND i.expires_at > now()
  FOR NO KEY UPDATE OF p`;

/**
 * The step done, its event, the person's version, and the counters moved by
 * the deltas ($8–$12, summed per row): a row that loses people is updated
 * (an INSERT's proposed row would break people >= 0 before ON CONFLICT), a row
 * that gains them inserted or updated, in key order. The rows that reached 0
 * come back, to be removed.
 */
const WRITE_CHANGE = `WITH step AS (
    UPDATE person_step SET status = $13, blocker_reason = NULL, blocker_note = NULL, updated_at = now(),
           updated_source = 'parent_link'
    WHERE person_id = $1 AND step = $2
  ),
  event AS (
    INSERT INTO progress_event (district_id, school_id, person_id, path_id, step, from_status, to_status, source, change_id)
    VALUES ($3, $4, $1, $5, $2, $6, $13, 'parent_link', gen_random_uuid())
  ),
  version AS (UPDATE person SET version = version + 1, updated_at = now() WHERE id = $1),
  d AS (
    SELECT class_id, item, status, reason, sum(delta)::int AS delta
    FROM unnest($8::uuid[], $9::text[], $10::text[], $11::text[], $12::int[]) AS u(class_id, item, status, reason, delta)
    GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
  ),
  gained AS (
    INSERT INTO class_progress AS cp (class_id, district_id, school_id, person_kind, item, status, blocker_reason, people)
    SELECT d.class_id, $3, $4, $7, d.item, d.status, d.reason, d.delta FROM d WHERE d.delta > 0
    ORDER BY d.class_id, d.item, d.status, d.reason
    ON CONFLICT (class_id, person_kind, item, status, blocker_reason) DO UPDATE SET people = cp.people + EXCLUDED.people
  ),
  lost AS (
    UPDATE class_progress cp SET people = cp.people + d.delta
    FROM d
    WHERE d.delta < 0 AND cp.class_id = d.class_id AND cp.person_kind = $7 AND cp.item = d.item AND cp.status = d.status
      AND cp.blocker_reason = d.reason
    RETURNING cp.class_id, cp.item, cp.status, cp.blocker_reason, cp.people
  )
  SELECT * FROM lost WHERE people = 0`;

const DELETE_EMPTY = `DELETE FROM class_progress
  WHERE (class_id, person_kind, item, status, blocker_reason) IN (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])) AND people = 0`;

/** The first step of each path: the only one a lean confirmation takes (it implies no other step). */
const FIRST_STEPS = new Map(PATH_CATALOGUE.paths.map((path) => [path.id, stepIdsOf(path)[0]]));

app.put('/api/parent/people/:personId/steps/:step', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  const { personId, step } = request.params;
  const { status } = request.body;
  const token = request.headers['x-parent-token'];
  if (!CATALOGUE_ID_PATTERN.test(step) || !['done', 'not_started'].includes(status)) throw new HttpError(400, 'status');
  if (!looksLikeToken(token)) throw new HttpError(404, 'This link does not work');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(prepared(LOCK_PERSON, [hashToken(token), personId, step, status]));
    const person = rows[0];
    if (!person) throw new HttpError(404, 'Person not found');
    if (FIRST_STEPS.get(person.path_id) !== step)
      throw new HttpError(400, 'The lean ceiling takes the first step only');
    if (person.opted_out) throw new HttpError(409, 'This person does not use Sferum/MAX: undo the opt-out first');
    if (person.status !== status) {
      const deltas = [];
      for (const { classId, before, after } of person.classes) {
        deltas.push([classId, step, person.status, person.blocker_reason ?? '', -1], [classId, step, status, '', 1]);
        deltas.push([classId, 'overall', before, '', -1], [classId, 'overall', after, '', 1]);
      }
      const column = (index) => deltas.map((delta) => delta[index]);
      const { rows: empty } = await client.query(
        prepared(WRITE_CHANGE, [
          personId,
          step,
          person.district_id,
          person.school_id,
          person.path_id,
          person.status,
          person.kind,
          column(0),
          column(1),
          column(2),
          column(3),
          column(4),
          status,
        ]),
      );
      if (empty.length > 0)
        await client.query(
          prepared(DELETE_EMPTY, [
            empty.map((row) => row.class_id),
            empty.map(() => person.kind),
            empty.map((row) => row.item),
            empty.map((row) => row.status),
            empty.map((row) => row.blocker_reason),
          ]),
        );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  if (prefersReturnMinimal(request.headers.prefer))
    return reply.code(204).header(PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL).send();
  return familyByToken(token);
});

// ---- teacher's class view ----

/** The API's class page statement, for a class the session's teacher teaches ($4: the session token's hash). */
const CLASS_VIEW = replaceOnce(
  SQL.classView,
  'WHERE c.id = $1\n',
  `WHERE c.id = $1 AND EXISTS (
        SELECT 1 FROM staff_session ss
        JOIN staff_user u ON u.id = ss.staff_user_id AND u.deactivated_at IS NULL
        JOIN teacher_class tc ON tc.staff_user_id = u.id AND tc.class_id = c.id
        WHERE ss.token_hash = $4 AND ss.expires_at > now()
          AND ss.last_seen_at > now() - make_interval(mins => ${SESSION_IDLE_MINUTES}))
`,
);

app.get('/api/classes/:classId/roster', async (request) => {
  const token = /(?:^|;\s*)sot_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!looksLikeToken(token)) throw new HttpError(401, 'Sign in');
  // The API's own parameters and mapping (PeopleViewRepository.loadClassView) on the lean statement.
  const values = [...classViewParameters(PATH_CATALOGUE, request.params.classId, false), hashToken(token)];
  const { rows } = await pool.query(prepared(CLASS_VIEW, values));
  if (!rows[0]) throw new HttpError(404, 'Class not found');
  return toClassRoster(rows[0], PATH_CATALOGUE);
});

// ---- district reports ----

const KEY = `SELECT district_id FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`;

function keyHashOf(request) {
  const secret = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!looksLikeToken(secret)) throw new HttpError(401, 'A valid reporting API key is required');
  return hashToken(secret);
}

const DISTRICT = `SELECT d.name,
    (SELECT COALESCE(json_agg(json_build_object('id', s.id, 'name', s.name, 'path_id', s.path_id,
              'classes', (SELECT count(*)::int FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL))
            ORDER BY s.name), '[]')
     FROM school s WHERE s.district_id = d.id) AS schools,
    (SELECT COALESCE(json_agg(k), '[]') FROM (
       SELECT cp.school_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, sum(cp.people)::int AS people
       FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
       WHERE cp.district_id = d.id
       GROUP BY 1, 2, 3, 4, 5) k) AS counters
  FROM district d WHERE d.id = $1`;

const reportCacheMs = Number(process.env.REPORT_CACHE_SECONDS ?? 30) * 1000;
const districtReports = new ShortLivedCache();

// Kept as its JSON text, as the API keeps it: serialised once per count, not per request.
app.get('/api/v1/reports/district', async (request, reply) => {
  const { rows } = await pool.query(prepared(KEY, [keyHashOf(request)]));
  if (!rows[0]) throw new HttpError(401, 'A valid reporting API key is required');
  const districtId = rows[0].district_id;
  const body = await districtReports.get(districtId, async () => {
    const asOf = new Date().toISOString();
    const { rows: found } = await pool.query(DISTRICT, [districtId]);
    const [district] = found;
    const report = buildDistrictReport(
      { id: districtId, name: district.name },
      district.schools,
      district.counters,
      PATH_CATALOGUE,
    );
    return { value: JSON.stringify({ asOf, ...report }), freshForMs: reportCacheMs };
  });
  return reply.type('application/json; charset=utf-8').send(body);
});

/** The API's school statement (each class with its counters packed), the key folded in: no key, no row; another district's school, nulls. */
const SCHOOL = replaceOnce(
  SQL.school,
  'FROM school s WHERE s.id = $1 AND s.district_id = $2',
  `FROM api_key k LEFT JOIN school s ON s.id = $1 AND s.district_id = k.district_id
    WHERE k.key_hash = $2 AND k.revoked_at IS NULL`,
);

app.get('/api/v1/reports/schools/:schoolId', async (request) => {
  const { schoolId } = request.params;
  const asOf = new Date().toISOString();
  const { rows } = await pool.query(prepared(SCHOOL, [schoolId, keyHashOf(request)]));
  if (!rows[0]) throw new HttpError(401, 'A valid reporting API key is required');
  if (rows[0].name === null) throw new HttpError(404, 'School not found');
  const school = unpackSchool(rows[0]);
  return {
    asOf,
    ...buildSchoolReport(
      { id: schoolId, name: school.name, path_id: school.path_id },
      school.classes,
      school.counters,
      PATH_CATALOGUE,
    ),
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3401), host: '127.0.0.1' });
console.log(`lean ceiling listening on ${process.env.PORT ?? 3401}`);
