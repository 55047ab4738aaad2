// What the benchmark needs in the bench database besides the region: reporting
// keys and staff sessions with secrets only this run knows, the families and
// people it will use, a class to import into. Removed again at the end.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { BENCH_API_DIST, benchLinkToken, sha256 } from './bench-database.mjs';

const require = createRequire(import.meta.url);

/**
 * Each key may make 60 requests a minute: the three servers' district and
 * school runs of a quick run send about 100,000 within two minutes, which
 * 1,000 keys could not carry (429s from the rate limit, not from the work).
 */
const KEYS = 4000;
const TEACHERS = 200;
const PAGE_FAMILIES = 5000;
const CONFIRMATIONS = 60_000;
const IMPORT_CLASS = { grade: 11, letter: 'Я' };

const newSecret = () => randomBytes(32).toString('base64url');

export async function prepareFixtures(client) {
  // The build's catalogue (loaded here, once the runner has built and copied it): each school's path gives its steps and class chats.
  const { PATH_CATALOGUE, stepIdsOf } = require(join(BENCH_API_DIST, 'libs/contracts/src/index.js'));
  await removeImportClasses(client);
  const { rows: districts } = await client.query(
    `SELECT district_id AS id FROM school GROUP BY district_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const districtId = districts[0].id;

  const keys = Array.from({ length: KEYS }, newSecret);
  await client.query(
    `INSERT INTO api_key (district_id, name, key_hash) SELECT $1, 'bench', h FROM unnest($2::bytea[]) AS h`,
    [districtId, keys.map(sha256)],
  );

  const { rows: teachers } = await client.query(
    `SELECT u.id, tc.class_id, s.path_id FROM staff_user u JOIN teacher_class tc ON tc.staff_user_id = u.id JOIN school s ON s.id = u.school_id
     WHERE u.district_id = $1 AND u.role = 'teacher' ORDER BY random() LIMIT $2`,
    [districtId, TEACHERS],
  );
  const teacherViews = [];
  for (const teacher of teachers)
    teacherViews.push({
      classId: teacher.class_id,
      pathId: teacher.path_id,
      cookie: await newSession(client, teacher.id),
    });

  const { rows: schools } = await client.query(
    `SELECT s.id, s.path_id FROM school s WHERE s.district_id = $1
       AND NOT EXISTS (SELECT 1 FROM school_class c WHERE c.school_id = s.id AND c.grade = $2 AND c.letter = $3)
     ORDER BY s.name LIMIT 100`,
    [districtId, IMPORT_CLASS.grade, IMPORT_CLASS.letter],
  );
  if (schools.length === 0)
    throw new Error('No school of the large district is free for the import class: run "npm run bench:seed" again.');
  const importSchoolId = schools[0].id;
  const importAudiences = PATH_CATALOGUE.get(schools[0].path_id).chats.classChats.map((chat) => chat.audience);
  const { rows: created } = await client.query(
    `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
     SELECT district_id, id, $2, $3, (SELECT academic_year FROM school_class WHERE school_id = $1 LIMIT 1) FROM school WHERE id = $1
     RETURNING id`,
    [importSchoolId, IMPORT_CLASS.grade, IMPORT_CLASS.letter],
  );
  const importClassId = created[0].id;
  await client.query(
    `INSERT INTO chat (district_id, school_id, class_id, kind, audience)
     SELECT district_id, school_id, id, 'class', audience FROM school_class CROSS JOIN unnest($2::text[]) AS audience WHERE id = $1`,
    [importClassId, importAudiences],
  );
  const { rows: admins } = await client.query(
    `SELECT id FROM staff_user WHERE school_id = $1 AND role = 'school_admin' LIMIT 1`,
    [importSchoolId],
  );
  const adminCookie = await newSession(client, admins[0].id);

  const { rows: families } = await client.query(
    `SELECT i.family_id AS id, s.path_id,
            EXISTS (SELECT 1 FROM person p WHERE p.family_id = i.family_id AND p.opted_out_at IS NOT NULL) AS opted_out,
            EXISTS (SELECT 1 FROM school_step_note n WHERE n.school_id = s.id AND n.path_id = s.path_id) AS step_notes
     FROM invite i JOIN school s ON s.id = i.school_id WHERE i.revoked_at IS NULL ORDER BY random() LIMIT $1`,
    [PAGE_FAMILIES],
  );
  // A confirmation marks the first step of the person's school's path done (max_account on MAX, vk_id on VK): a real change, one step.
  const firstSteps = PATH_CATALOGUE.paths.map((path) => [path.id, stepIdsOf(path)[0]]);
  const { rows: people } = await client.query(
    `SELECT p.id, p.family_id, first.step FROM person p
     JOIN school s ON s.id = p.school_id
     JOIN unnest($2::text[], $3::text[]) AS first(path_id, step) ON first.path_id = s.path_id
     JOIN person_step ps ON ps.person_id = p.id AND ps.step = first.step AND ps.status = 'not_started'
     WHERE p.archived_at IS NULL AND p.opted_out_at IS NULL
       AND EXISTS (SELECT 1 FROM invite i WHERE i.family_id = p.family_id AND i.revoked_at IS NULL)
     ORDER BY random() LIMIT $1`,
    [CONFIRMATIONS, firstSteps.map(([pathId]) => pathId), firstSteps.map(([, step]) => step)],
  );
  return {
    districtId,
    keys,
    teacherViews,
    schoolIds: schools.map((school) => school.id),
    importClassId,
    importSchoolId,
    adminCookie,
    pageTokens: families.map((family) => benchLinkToken(family.id)),
    confirmations: people.map((person) => ({
      personId: person.id,
      step: person.step,
      token: benchLinkToken(person.family_id),
    })),
    // Compared before measuring: a family, a class and a school of each path; families with someone opted out, and of schools with their own step notes.
    compare: {
      pageTokens: oneOfEach(families, (family) => `${family.path_id}|${family.opted_out}|${family.step_notes}`).map(
        (family) => benchLinkToken(family.id),
      ),
      teacherViews: oneOfEach(teacherViews, (view) => view.pathId),
      schoolIds: oneOfEach(schools, (school) => school.path_id).map((school) => school.id),
    },
  };
}

/** The first of the list for each value of `keyOf`. */
function oneOfEach(list, keyOf) {
  const first = new Map();
  for (const item of list) if (!first.has(keyOf(item))) first.set(keyOf(item), item);
  return [...first.values()];
}

async function newSession(client, staffUserId) {
  const token = newSecret();
  await client.query(
    `INSERT INTO staff_session (token_hash, staff_user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
    [sha256(token), staffUserId],
  );
  return `sot_session=${token}`;
}

/** Removes the keys, sessions and the imported class with its families; the confirmations stay (they are history now). */
export async function removeFixtures(client, fixtures) {
  await client.query(`DELETE FROM api_key WHERE name = 'bench'`);
  await client.query(`DELETE FROM staff_session WHERE token_hash = ANY($1::bytea[])`, [
    [...fixtures.teacherViews.map((view) => view.cookie), fixtures.adminCookie].map((cookie) =>
      sha256(cookie.split('=')[1]),
    ),
  ]);
  await removeImportClasses(client);
}

/**
 * The classes the benchmark imports into, and those its whole-school import
 * creates (the region has no letter Я), with everyone imported, also after a
 * run that was cut short.
 */
async function removeImportClasses(client) {
  await client.query('BEGIN');
  const classes = `SELECT id FROM school_class WHERE letter = '${IMPORT_CLASS.letter}'`;
  await client.query(
    `CREATE TEMP TABLE bench_families ON COMMIT DROP AS SELECT DISTINCT family_id FROM person WHERE class_id IN (${classes})`,
  );
  await client.query(`DELETE FROM invite WHERE family_id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM person WHERE family_id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM family WHERE id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM chat WHERE class_id IN (${classes})`);
  await client.query(`DELETE FROM school_class WHERE id IN (${classes})`);
  await client.query('COMMIT');
}

/**
 * Before measuring: the API, the baseline and the lean ceiling must give the
 * same answer to the same request (a report's `asOf` aside), for each of a scenario's samples (one per path, and with
 * people who opted out, where the fixtures have them).
 */
export async function compareAnswers(scenarios, targets) {
  for (const scenario of scenarios.filter((s) => s.comparable)) {
    for (const sample of scenario.samples()) {
      const answers = {};
      for (const [name, url] of Object.entries(targets)) {
        const request = sample();
        const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers });
        answers[name] = { status: response.status, body: withoutAsOf(await response.json()) };
      }
      for (const name of Object.keys(targets).filter((target) => target !== 'api')) {
        if (answers.api.status !== 200 || !isDeepStrictEqual(answers.api, answers[name])) {
          throw new Error(
            `${scenario.title}: the ${name} does not answer as the API does (first difference at ${firstDifference(answers.api, answers[name])}).\n` +
              `API ${answers.api.status}: ${JSON.stringify(answers.api.body).slice(0, 400)}\n` +
              `${name} ${answers[name].status}: ${JSON.stringify(answers[name].body).slice(0, 400)}`,
          );
        }
      }
    }
  }
}

/** A report's time of counting is when it was counted, not part of the answer compared. */
function withoutAsOf(body) {
  if (!body || typeof body !== 'object' || !('asOf' in body)) return body;
  const rest = { ...body };
  delete rest.asOf;
  return rest;
}

/** Where two answers first differ, as a path (`body.people[0].steps`) with both values. */
function firstDifference(a, b, at = '') {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at || '(top)'}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}
