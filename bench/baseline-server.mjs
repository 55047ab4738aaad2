// The baseline for `npm run bench`: the five benchmarked endpoints on bare
// Fastify + pg, running the same SQL statements as the API, in the same order,
// with the same pure functions for what is not SQL (the order of the path,
// the report arithmetic). No framework, no ORM, no validation layer, no
// logging: the fastest that Node.js and PostgreSQL do this work here.
//
// `node bench/baseline-server.mjs` with DATABASE_URL, PORT and DATABASE_POOL_SIZE.
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { BENCH_API_DIST } from './bench-database.mjs';
import { SQL } from './hot-queries.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(BENCH_API_DIST, path));
const { formatClassName, STEP_IDS } = dist('libs/contracts/src/index.js');
const { planTransitions } = dist('apps/api/src/progress/progress-plan.js');
const { buildReport } = dist('apps/api/src/reports/report-builder.js');
const { ShortLivedCache } = dist('apps/api/src/reports/short-lived-cache.js');
const { loadClassChats, loadClassCounters, loadClassFamilies } = dist('apps/api/src/roster/roster-query.js');

const SESSION_IDLE_MINUTES = 120;
const TOUCH_INTERVAL_SECONDS = 60;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
/** What the API's query functions need of TypeORM's manager: a query that resolves to its rows. */
const rowsOf = { query: async (sql, params) => (await pool.query(sql, params)).rows };
const app = Fastify({ logger: false, trustProxy: true });

const hashToken = (token) => createHash('sha256').update(token, 'utf8').digest();
const looksLikeToken = (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

app.setErrorHandler((error, request, reply) => {
  reply.status(error.status ?? 500).send({ statusCode: error.status ?? 500, message: error.message });
});

async function rateLimit(bucket, limit, windowSeconds) {
  const { rows } = await pool.query(SQL.rateLimitHit, [bucket, windowSeconds]);
  if (Math.random() < 0.01) await pool.query(SQL.rateLimitCleanup);
  if (rows[0].hits > limit) throw new HttpError(429, 'Too many requests');
}

// ---- parent link ----

async function resolveLink(token, ip) {
  await rateLimit(`parent-ip:${ip}`, 120, 60);
  if (!looksLikeToken(token)) throw new HttpError(404, 'This link does not work');
  const tokenHash = hashToken(token);
  await rateLimit(`parent-link:${tokenHash.toString('hex').slice(0, 32)}`, 60, 60);
  const { rows } = await pool.query(SQL.inviteByToken, [tokenHash]);
  if (!rows[0]) throw new HttpError(404, 'This link does not work');
  return { familyId: rows[0].family_id, expiresAt: rows[0].expires_at };
}

async function parentFamily(link) {
  const { rows: schools } = await pool.query(SQL.familySchool, [link.familyId]);
  const { rows: people } = await pool.query(SQL.familyPeople, [link.familyId]);
  return {
    schoolName: schools[0].name,
    messenger: schools[0].messenger,
    expiresAt: link.expiresAt.toISOString(),
    people: people.map((person) => ({
      id: person.id,
      kind: person.kind,
      displayName: person.display_name,
      className: person.grade !== null && person.letter !== null ? formatClassName(person.grade, person.letter) : null,
      steps: person.steps.map(({ source, ...step }) => ({ ...step, markedBy: source === null ? null : source === 'parent_link' ? 'parent' : 'school' })),
      chats: person.chats.map(({ subject, grade, letter, ...chat }) => ({
        ...chat,
        name: chat.kind === 'subject' ? subject : chat.kind === 'class' && grade !== null ? formatClassName(grade, letter) : null,
      })),
    })),
  };
}

app.get('/api/parent/family', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  const token = request.headers['x-parent-token'];
  const link = await resolveLink(token, request.ip);
  await pool.query(SQL.inviteOpened, [hashToken(token)]);
  return parentFamily(link);
});

app.put('/api/parent/people/:personId/steps/:step', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  const { personId, step } = request.params;
  const { status } = request.body;
  if (!STEP_IDS.includes(step) || !['not_started', 'done'].includes(status)) throw new HttpError(400, 'status');
  const link = await resolveLink(request.headers['x-parent-token'], request.ip);
  const { rows: member } = await pool.query(SQL.familyMember, [
    personId,
    link.familyId,
  ]);
  if (member.length === 0) throw new HttpError(404, 'Person not found');
  await applyChange(personId, { target: { step }, status, blockerReason: null, blockerNote: null }, 'parent_link');
  return parentFamily(link);
});

/** ProgressService.apply for one person, statement for statement. */
async function applyChange(personId, change, source) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: people } = await client.query(SQL.lockPeople, [[personId]]);
    if (!people[0]) throw new HttpError(404, 'Person not found');
    const { rows } = await client.query(SQL.personStates, [[personId]]);
    const state = { steps: {}, chats: new Map() };
    for (const step of STEP_IDS) state.steps[step] = { status: 'not_started', blockerReason: null, blockerNote: null };
    for (const row of rows) {
      const item = { status: row.status, blockerReason: row.blocker_reason, blockerNote: row.blocker_note };
      if (row.is_chat) state.chats.set(row.item, item);
      else state.steps[row.item] = item;
    }
    const transitions = planTransitions(state, change);
    if (transitions.length > 0) {
      const steps = transitions.filter((t) => 'step' in t.target);
      if (steps.length > 0) {
        await client.query(SQL.updateSteps, [steps.map(() => personId), steps.map((t) => t.target.step), steps.map((t) => t.to.status), steps.map((t) => t.to.blockerReason), steps.map((t) => t.to.blockerNote), source]);
      }
      await client.query(
        SQL.insertEvents,
        [
          transitions.map(() => personId),
          transitions.map((t) => ('step' in t.target ? t.target.step : null)),
          transitions.map((t) => ('chatId' in t.target ? t.target.chatId : null)),
          transitions.map((t) => t.from.status),
          transitions.map((t) => t.to.status),
          transitions.map((t) => t.to.blockerReason),
          transitions.map((t) => t.to.blockerNote),
          source,
          null,
          randomUUID(),
        ],
      );
      await client.query(SQL.bumpVersion, [[personId]]);
      const { rows: classes } = await client.query(SQL.classesOfPeople, [[personId]]);
      await recountClasses(client, classes.map((row) => row.class_id));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function recountClasses(client, classIds) {
  const ids = [...new Set(classIds)].sort();
  if (ids.length === 0) return;
  await client.query(SQL.lockClasses, [ids]);
  await client.query(SQL.deleteCounters, [ids]);
  await client.query(SQL.recountClasses, [ids]);
}

// ---- teacher's class view ----

async function authenticate(request) {
  const token = /(?:^|;\s*)sot_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!looksLikeToken(token)) throw new HttpError(401, 'Sign in');
  const { rows } = await pool.query(SQL.session, [hashToken(token), SESSION_IDLE_MINUTES, TOUCH_INTERVAL_SECONDS]);
  if (!rows[0]) throw new HttpError(401, 'Sign in');
  if (rows[0].stale) await pool.query(SQL.touchSession, [rows[0].session_id]);
  return rows[0];
}

app.get('/api/classes/:classId/roster', async (request) => {
  const auth = await authenticate(request);
  const { classId } = request.params;
  // AccessPolicy.requireClass for a teacher (TypeORM's query builder writes the same SELECT).
  const { rows: visible } = await pool.query(SQL.classInScope, [classId, auth.user_id]);
  if (!visible[0]) throw new HttpError(404, 'Class not found');
  const { rows: summaries } = await pool.query(SQL.classSummary, [classId]);
  const summary = summaries[0];
  const { rows: schools } = await pool.query(SQL.schoolMessenger, [summary.school_id]);
  return {
    schoolClass: {
      id: summary.id,
      districtId: summary.district_id,
      schoolId: summary.school_id,
      grade: summary.grade,
      letter: summary.letter,
      name: formatClassName(summary.grade, summary.letter),
      academicYear: summary.academic_year,
      archived: summary.archived_at !== null,
      teachers: summary.teachers,
    },
    messenger: schools[0].messenger,
    chats: await loadClassChats(rowsOf, classId),
    counters: await loadClassCounters(rowsOf, classId),
    families: await loadClassFamilies(rowsOf, classId, false),
  };
});

// ---- district reports ----

async function apiKey(request) {
  const secret = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!looksLikeToken(secret)) throw new HttpError(401, 'A valid reporting API key is required');
  const { rows } = await pool.query(SQL.apiKey, [hashToken(secret), 60]);
  if (!rows[0]) throw new HttpError(401, 'A valid reporting API key is required');
  if (rows[0].stale) await pool.query(SQL.apiKeyUsed, [rows[0].id]);
  await rateLimit(`report-key:${rows[0].id}`, 60, 60);
  return rows[0];
}

/** As the API does: a district is counted at most once per REPORT_CACHE_SECONDS (30 by default). */
const districtReports = new ShortLivedCache(Number(process.env.REPORT_CACHE_SECONDS ?? 30) * 1000);

app.get('/api/v1/reports/district', async (request) => {
  const key = await apiKey(request);
  return districtReports.get(key.district_id, () => countDistrict(key));
});

async function countDistrict(key) {
  const { rows: districts } = await pool.query(SQL.districtName, [key.district_id]);
  const { rows: schools } = await pool.query(SQL.districtSchools, [key.district_id]);
  const { rows } = await pool.query(SQL.districtCounters, [key.district_id]);
  return {
    districtId: key.district_id,
    districtName: districts[0].name,
    total: buildReport(rows),
    schools: schools.map((school) => ({
      schoolId: school.id,
      schoolName: school.name,
      classes: school.classes,
      ...buildReport(rows.filter((row) => row.school_id === school.id)),
    })),
  };
}

app.get('/api/v1/reports/schools/:schoolId', async (request) => {
  const key = await apiKey(request);
  const { schoolId } = request.params;
  const { rows: schools } = await pool.query(SQL.schoolInDistrict, [schoolId, key.district_id]);
  if (!schools[0]) throw new HttpError(404, 'School not found');
  const { rows: classes } = await pool.query(SQL.schoolClasses, [schoolId]);
  const { rows } = await pool.query(SQL.schoolCounters, [schoolId]);
  return {
    schoolId,
    schoolName: schools[0].name,
    total: buildReport(rows),
    classes: classes.map((schoolClass) => ({
      classId: schoolClass.id,
      className: formatClassName(schoolClass.grade, schoolClass.letter),
      academicYear: schoolClass.academic_year,
      ...buildReport(rows.filter((row) => row.class_id === schoolClass.id)),
    })),
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3400), host: '127.0.0.1' });
console.log(`baseline listening on ${process.env.PORT ?? 3400}`);
