// What the benchmark needs in the bench database besides the region: reporting
// keys and staff sessions with secrets only this run knows, the families and
// people it will use, a class to import into. Removed again at the end.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { benchLinkToken, sha256 } from './bench-database.mjs';

const KEYS = 1000;
const TEACHERS = 200;
const PAGE_FAMILIES = 5000;
const CONFIRMATIONS = 60_000;
const IMPORT_CLASS = { grade: 11, letter: 'Я' };

const newSecret = () => randomBytes(32).toString('base64url');

export async function prepareFixtures(client) {
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
    `SELECT u.id, tc.class_id FROM staff_user u JOIN teacher_class tc ON tc.staff_user_id = u.id
     WHERE u.district_id = $1 AND u.role = 'teacher' ORDER BY random() LIMIT $2`,
    [districtId, TEACHERS],
  );
  const teacherViews = [];
  for (const teacher of teachers) teacherViews.push({ classId: teacher.class_id, cookie: await newSession(client, teacher.id) });

  const { rows: schools } = await client.query(
    `SELECT s.id FROM school s WHERE s.district_id = $1
       AND NOT EXISTS (SELECT 1 FROM school_class c WHERE c.school_id = s.id AND c.grade = $2 AND c.letter = $3)
     ORDER BY s.name LIMIT 100`,
    [districtId, IMPORT_CLASS.grade, IMPORT_CLASS.letter],
  );
  if (schools.length === 0) throw new Error('No school of the large district is free for the import class: run "npm run bench:seed" again.');
  const importSchoolId = schools[0].id;
  const { rows: created } = await client.query(
    `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
     SELECT district_id, id, $2, $3, (SELECT academic_year FROM school_class WHERE school_id = $1 LIMIT 1) FROM school WHERE id = $1
     RETURNING id`,
    [importSchoolId, IMPORT_CLASS.grade, IMPORT_CLASS.letter],
  );
  const importClassId = created[0].id;
  await client.query(`INSERT INTO chat (district_id, school_id, class_id, kind) SELECT district_id, school_id, id, 'class' FROM school_class WHERE id = $1`, [
    importClassId,
  ]);
  const { rows: admins } = await client.query(`SELECT id FROM staff_user WHERE school_id = $1 AND role = 'school_admin' LIMIT 1`, [importSchoolId]);
  const adminCookie = await newSession(client, admins[0].id);

  const { rows: families } = await client.query(`SELECT family_id AS id FROM invite WHERE revoked_at IS NULL ORDER BY random() LIMIT $1`, [
    PAGE_FAMILIES,
  ]);
  const { rows: people } = await client.query(
    `SELECT p.id, p.family_id FROM person_step ps JOIN person p ON p.id = ps.person_id
     WHERE ps.step = 'vk_id' AND ps.status = 'not_started' AND p.archived_at IS NULL
       AND EXISTS (SELECT 1 FROM invite i WHERE i.family_id = p.family_id AND i.revoked_at IS NULL)
     ORDER BY random() LIMIT $1`,
    [CONFIRMATIONS],
  );
  return {
    districtId,
    keys,
    teacherViews,
    schoolIds: schools.map((school) => school.id),
    importClassId,
    adminCookie,
    pageTokens: families.map((family) => benchLinkToken(family.id)),
    confirmations: people.map((person) => ({ personId: person.id, token: benchLinkToken(person.family_id) })),
  };
}

async function newSession(client, staffUserId) {
  const token = newSecret();
  await client.query(`INSERT INTO staff_session (token_hash, staff_user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`, [
    sha256(token),
    staffUserId,
  ]);
  return `sot_session=${token}`;
}

/** Removes the keys, sessions and the imported class with its families; the confirmations stay (they are history now). */
export async function removeFixtures(client, fixtures) {
  await client.query(`DELETE FROM api_key WHERE name = 'bench'`);
  await client.query(`DELETE FROM staff_session WHERE token_hash = ANY($1::bytea[])`, [
    [...fixtures.teacherViews.map((view) => view.cookie), fixtures.adminCookie].map((cookie) => sha256(cookie.split('=')[1])),
  ]);
  await removeImportClasses(client);
}

/** The classes the benchmark imports into (the region has no letter Я), with everyone imported, also after a run that was cut short. */
async function removeImportClasses(client) {
  await client.query('BEGIN');
  const classes = `SELECT id FROM school_class WHERE grade = ${IMPORT_CLASS.grade} AND letter = '${IMPORT_CLASS.letter}'`;
  await client.query(`CREATE TEMP TABLE bench_families ON COMMIT DROP AS SELECT DISTINCT family_id FROM person WHERE class_id IN (${classes})`);
  await client.query(`DELETE FROM invite WHERE family_id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM person WHERE family_id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM family WHERE id IN (SELECT family_id FROM bench_families)`);
  await client.query(`DELETE FROM chat WHERE class_id IN (${classes})`);
  await client.query(`DELETE FROM school_class WHERE id IN (${classes})`);
  await client.query('COMMIT');
}

/** Before measuring: the API and the baseline must give the same answer to the same request. */
export async function compareAnswers(scenarios, targets) {
  for (const scenario of scenarios.filter((s) => s.comparable)) {
    const answers = {};
    for (const [name, url] of Object.entries(targets)) {
      const request = scenario.sample();
      const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers });
      answers[name] = { status: response.status, body: await response.json() };
    }
    if (answers.api.status !== 200 || !isDeepStrictEqual(answers.api, answers.baseline)) {
      throw new Error(
        `${scenario.title}: the baseline does not answer as the API does.\nAPI ${answers.api.status}: ${JSON.stringify(answers.api.body).slice(0, 400)}\n` +
          `baseline ${answers.baseline.status}: ${JSON.stringify(answers.baseline.body).slice(0, 400)}`,
      );
    }
  }
}
