// The baseline for `npm run bench`: the five benchmarked endpoints on bare
// Fastify + pg, running the same SQL statements as the API, in the same order,
// with the same pure functions for what is not SQL (the catalogue of
// onboarding paths, the order of the path, the report arithmetic). No
// framework, no ORM, no validation layer, no logging: the fastest that
// Node.js and PostgreSQL do this work here. The statements the API runs
// prepared (database/prepared-query.ts) run prepared here too.
//
// `node bench/baseline-server.mjs` with DATABASE_URL, PORT and DATABASE_POOL_SIZE.
import { randomUUID } from 'node:crypto';
import { bareServer, dist, hashToken, HttpError, looksLikeToken, prepared } from './bare-server.mjs';
import { SQL } from './hot-queries.mjs';

const { CATALOGUE_ID_PATTERN, findStep, PATH_CATALOGUE, PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL } =
  dist('libs/contracts/src/index.js');
const { freshState, planTransitions } = dist('apps/api/src/progress/progress-plan.js');
const { counterDeltas } = dist('apps/api/src/progress/counter-deltas.js');
const { moveCountersParameters } = dist('apps/api/src/progress/class-counters.repository.js');
const { buildDistrictReport, buildSchoolReport } = dist('apps/api/src/reports/report-builder.js');
const { ShortLivedCache } = dist('apps/api/src/reports/short-lived-cache.js');
const { classViewParameters, toClassRoster } = dist('apps/api/src/progress/people-view.repository.js');
const { reportJson } = dist('apps/api/src/reports/report-etag.js');
const { unpackSchool } = dist('apps/api/src/reports/reports.repository.js');
const { toParentFamily } = dist('apps/api/src/invites/parent-family.js');
const { prefersReturnMinimal } = dist('apps/api/src/common/prefer-header.js');

const SESSION_IDLE_MINUTES = 120;
const TOUCH_INTERVAL_SECONDS = 60;

const { pool, app } = bareServer({ logUnexpected: false });

// ---- parent link ----

/** As ParentService: only failed look-ups count against the address (30 in 15 minutes); a working link is limited by itself. */
const FAILED_LOOKUPS_PER_IP = 30;
const FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60;
const LIMIT_PER_LINK = 60;
const LINK_WINDOW_SECONDS = 60;
const OPENED_PRECISION_SECONDS = 60;

/**
 * As ParentService.resolve (a change, PARENT_SQL.linkByToken) and open (a page
 * view, PARENT_SQL.pageByToken, with the family): the link and one rate-limit
 * decision in one statement, enforced as RateLimitService.enforce does.
 */
async function resolveLink(token, ip, { withFamily }) {
  // The benchmark opens links by their token; a short code (the API's other way in) is not measured.
  const hash = looksLikeToken(token) ? hashToken(token) : null;
  const limits = [
    `parent-failed-ip:${ip}`,
    FAILED_LOOKUP_WINDOW_SECONDS,
    FAILED_LOOKUPS_PER_IP,
    'parent-link:',
    LINK_WINDOW_SECONDS,
  ];
  const { rows } = withFamily
    ? await pool.query(prepared(SQL.parentPage, [hash, OPENED_PRECISION_SECONDS, ...limits, LIMIT_PER_LINK]))
    : await pool.query(prepared(SQL.inviteByToken, [hash, OPENED_PRECISION_SECONDS, ...limits]));
  const row = rows[0];
  if (row.blocked_retry_after !== null) throw new HttpError(429, 'Too many requests');
  if (Math.random() < 0.01) await pool.query(SQL.rateLimitCleanup);
  if (row.hits > (row.id === null ? FAILED_LOOKUPS_PER_IP : LIMIT_PER_LINK))
    throw new HttpError(429, 'Too many requests');
  if (row.id === null) throw new HttpError(404, 'This link does not work');
  return row;
}

app.get('/api/parent/family', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  const link = await resolveLink(request.headers['x-parent-token'], request.ip, { withFamily: true });
  if (link.opened_stale) await pool.query(prepared(SQL.inviteOpened, [link.id]));
  return toParentFamily(link.family, PATH_CATALOGUE.get(link.family.path_id), link.expires_at);
});

app.put('/api/parent/people/:personId/steps/:step', async (request, reply) => {
  reply.header('Cache-Control', 'no-store');
  const { personId, step } = request.params;
  const { status } = request.body;
  if (!CATALOGUE_ID_PATTERN.test(step) || !['not_started', 'done'].includes(status)) throw new HttpError(400, 'status');
  const link = await resolveLink(request.headers['x-parent-token'], request.ip, { withFamily: false });
  await applyChange(
    personId,
    { target: { step }, status, blockerReason: null, blockerNote: null },
    'parent_link',
    link.family_id,
  );
  // As the API: asked `Prefer: return=minimal` (the web's forms), 204 and no family read back.
  if (prefersReturnMinimal(request.headers.prefer))
    return reply.code(204).header(PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL).send();
  const { rows } = await pool.query(prepared(SQL.family, [link.family_id]));
  return toParentFamily(rows[0], PATH_CATALOGUE.get(rows[0].path_id), link.expires_at);
});

/**
 * ProgressService.apply for one person, statement for statement: the school's path (KEY SHARE), the person (of the
 * family), states, the writes with their events and versions in one statement, the classes' locks and the counters
 * moved by deltas.
 */
async function applyChange(personId, change, source, familyId) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: schools } = await client.query(prepared(SQL.schoolOfPeople, [[personId]]));
    if (schools.length !== 1) throw new HttpError(404, 'Person not found');
    const path = PATH_CATALOGUE.get(schools[0].path_id);
    const { rows: people } = await client.query(prepared(SQL.lockPeople, [[personId], familyId]));
    if (!people[0] || people[0].archived_at) throw new HttpError(404, 'Person not found');
    if (people[0].archived_at) throw new HttpError(409, 'This person is archived: restore them first');
    if (!findStep(path, change.target.step))
      throw new HttpError(400, `step must be one of the school's path (${path.id})`);
    if (people[0].opted_out) throw new HttpError(409, 'This person does not use Sferum/MAX: undo the opt-out first');
    const { rows } = await client.query(prepared(SQL.personStates, [[personId]]));
    const state = freshState(path);
    const counted = [];
    for (const row of rows) {
      const item = { status: row.status, blockerReason: row.blocker_reason, blockerNote: row.blocker_note };
      if (row.chat_kind !== null) state.chats.set(row.item, item);
      else state.steps.set(row.item, item);
      counted.push({
        item: row.item,
        chatKind: row.chat_kind,
        chatClassId: row.chat_class_id,
        status: row.status,
        blockerReason: row.blocker_reason,
      });
    }
    const transitions = planTransitions(path, state, change);
    if (transitions.length > 0) {
      const items = (list) => [
        list.map(() => personId),
        list.map((t) => ('step' in t.target ? t.target.step : t.target.chatId)),
        list.map((t) => t.to.status),
        list.map((t) => t.to.blockerReason),
        list.map((t) => t.to.blockerNote),
      ];
      await client.query(
        prepared(SQL.writeChange, [
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
          path.id,
          transitions.map(() => null),
          ...items(transitions.filter((t) => 'step' in t.target)),
          ...items(transitions.filter((t) => 'chatId' in t.target)),
          [personId],
        ]),
      );
      const { rows: locked } = await client.query(prepared(SQL.lockClassesOfPeople, [[personId]]));
      const last = new Map(
        transitions.map((t) => [`${'step' in t.target ? 'step' : 'chat'}|${t.target.step ?? t.target.chatId}`, t.to]),
      );
      const before = { kind: people[0].kind, optedOut: false, items: counted };
      const after = {
        ...before,
        items: counted.map((i) => {
          const to = last.get(`${i.chatKind === null ? 'step' : 'chat'}|${i.item}`);
          return to ? { ...i, status: to.status, blockerReason: to.blockerReason } : i;
        }),
      };
      const deltas = counterDeltas([{ classIds: locked.map((m) => m.class_id), before, after }]);
      if (deltas.length > 0) {
        const { rows: moved } = await client.query(
          prepared(SQL.moveCounters, moveCountersParameters([personId], locked, deltas)),
        );
        if (!moved[0].matches || moved[0].moved !== deltas.length)
          await recountClasses(
            client,
            locked.map((m) => m.class_id),
          );
      }
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
  const { rows } = await pool.query(
    prepared(SQL.session, [hashToken(token), SESSION_IDLE_MINUTES, TOUCH_INTERVAL_SECONDS]),
  );
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
  // PeopleViewRepository.loadClassView: its statement, prepared, and its mapping.
  const { rows } = await pool.query(prepared(SQL.classView, classViewParameters(PATH_CATALOGUE, classId, false)));
  if (!rows[0]) throw new HttpError(404, 'Class not found');
  return toClassRoster(rows[0], PATH_CATALOGUE);
});

// ---- district reports ----

/** As ApiKeyGuard: the key, its last use (at most once a minute) and its rate-limit hit in one statement. */
async function apiKey(request) {
  const secret = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!looksLikeToken(secret)) throw new HttpError(401, 'A valid reporting API key is required');
  const { rows } = await pool.query(prepared(SQL.useApiKey, [hashToken(secret), 60, 60]));
  if (!rows[0]) throw new HttpError(401, 'A valid reporting API key is required');
  if (Math.random() < 0.01) await pool.query(SQL.rateLimitCleanup);
  if (rows[0].hits > 60) throw new HttpError(429, 'Too many requests');
  return rows[0];
}

/**
 * As the API does: a district is counted at most once per REPORT_CACHE_SECONDS
 * (30 by default) and kept as its JSON body, serialized once per count. The
 * API also shares the count with its other copies through a table (one read
 * and one write per count); one process needs only memory.
 */
const reportCacheMs = Number(process.env.REPORT_CACHE_SECONDS ?? 30) * 1000;
const districtReports = new ShortLivedCache();

app.get('/api/v1/reports/district', async (request, reply) => {
  const key = await apiKey(request);
  const { body } = await districtReports.get(key.district_id, async () => ({
    value: reportJson(await countDistrict(key)),
    freshForMs: reportCacheMs,
  }));
  return reply.header('content-type', 'application/json; charset=utf-8').send(body);
});

/** As TypeORM's `transaction('REPEATABLE READ', …)` does it: one consistent view for the report's statements. */
async function repeatableRead(work) {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

function countDistrict(key) {
  const asOf = new Date().toISOString();
  return repeatableRead(async (client) => {
    const { rows: districts } = await client.query(SQL.districtName, [key.district_id]);
    const { rows: schools } = await client.query(SQL.districtSchools, [key.district_id]);
    const { rows } = await client.query(SQL.districtCounters, [key.district_id]);
    return {
      asOf,
      ...buildDistrictReport({ id: key.district_id, name: districts[0].name }, schools, rows, PATH_CATALOGUE),
    };
  });
}

/** As ReportsService.school: the school with its classes and counters in one statement (one snapshot, no transaction). */
app.get('/api/v1/reports/schools/:schoolId', async (request) => {
  const key = await apiKey(request);
  const { schoolId } = request.params;
  const asOf = new Date().toISOString();
  const { rows } = await pool.query(prepared(SQL.school, [schoolId, key.district_id]));
  if (!rows[0]) throw new HttpError(404, 'School not found');
  const { name, path_id, classes, counters } = unpackSchool(rows[0]);
  return { asOf, ...buildSchoolReport({ id: schoolId, name, path_id }, classes, counters, PATH_CATALOGUE) };
});

await app.listen({ port: Number(process.env.PORT ?? 3400), host: '127.0.0.1' });
console.log(`baseline listening on ${process.env.PORT ?? 3400}`);
