// `npm run bench:seed -- --students N` (default 1,000,000): a synthetic region
// written through COPY into the bench database — districts, schools, classes,
// families, people, steps, chats, events, counters, links and 90 days of
// snapshots, all consistent with each other. Prints rows, time and size.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { join } from 'node:path';
import { buildApi, ROOT, runToEnd } from '../tools/stack.mjs';
import { BENCH_SECRETS, benchLinkToken, databaseSize, openBenchServer, sha256 } from './bench-database.mjs';
import { CopyWriter } from './copy-writer.mjs';
import { rebuildSchema, setAsideSchema } from './schema-set-aside.mjs';
import {
  classOfIndex,
  createRandom,
  HISTORY_DAYS,
  isSibling,
  parentCount,
  PATH_ITEMS,
  personPath,
  regionShape,
  STEP_COUNT,
  STUDENTS_PER_CLASS,
} from './region.mjs';

const TABLES = {
  district: ['id', 'name', 'created_at'],
  school: ['id', 'district_id', 'name', 'created_at', 'messenger'],
  school_class: ['id', 'district_id', 'school_id', 'grade', 'letter', 'academic_year', 'created_at'],
  staff_user: ['id', 'district_id', 'school_id', 'role', 'email', 'full_name', 'created_at', 'updated_at'],
  teacher_class: ['staff_user_id', 'class_id', 'school_id', 'district_id', 'created_at'],
  family: ['id', 'district_id', 'school_id', 'created_at'],
  invite: ['id', 'district_id', 'school_id', 'family_id', 'token_hash', 'token_encrypted', 'created_at', 'expires_at'],
  person: ['id', 'district_id', 'school_id', 'family_id', 'class_id', 'kind', 'display_name', 'phone_hmac', 'created_at', 'updated_at'],
  chat: ['id', 'district_id', 'school_id', 'class_id', 'kind', 'created_at'],
  person_step: ['person_id', 'step', 'district_id', 'school_id', 'status', 'blocker_reason', 'updated_at', 'updated_source'],
  chat_membership: ['person_id', 'chat_id', 'district_id', 'school_id', 'status', 'blocker_reason', 'updated_at', 'updated_source'],
  progress_event: [
    'district_id', 'school_id', 'person_id', 'step', 'chat_id', 'from_status', 'to_status', 'blocker_reason', 'source', 'change_id', 'created_at',
  ],
  class_progress: ['class_id', 'district_id', 'school_id', 'person_kind', 'item', 'status', 'blocker_reason', 'people'],
  progress_snapshot: ['class_id', 'day', 'district_id', 'school_id', 'counters', 'taken_at', 'source'],
};

const DAY_MS = 86_400_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const SOURCES = ['teacher', 'parent_link', 'parent_link', 'import'];

const { values: options } = parseArgs({
  options: { students: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '20261126' } },
});
const students = Number(options.students);
const started = Date.now();
if (!Number.isInteger(students) || students < 25 || students > 5_000_000) {
  console.error('--students must be a whole number from 25 to 5,000,000');
  process.exit(2);
}

/** Moscow midnight of today plus `offset` days, in UTC milliseconds. */
function dayStart(offset) {
  const moscowNow = Date.now() + MOSCOW_OFFSET_MS;
  return Math.floor(moscowNow / DAY_MS) * DAY_MS - MOSCOW_OFFSET_MS + offset * DAY_MS;
}

/** Each day of the history: its Moscow date, and a minute before its end (when the snapshot job runs). */
const SNAPSHOT_DAYS = Object.fromEntries(
  Array.from({ length: HISTORY_DAYS }, (_, index) => {
    const day = index - HISTORY_DAYS;
    const date = new Date(dayStart(day) + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
    return [day, { date, takenAt: new Date(dayStart(day + 1) - 60_000).toISOString() }];
  }),
);

function academicYear() {
  const now = new Date(Date.now() + MOSCOW_OFFSET_MS);
  const first = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return `${first}/${first + 1}`;
}

async function generateRegion(writers, shape, random) {
  const createdAt = new Date(dayStart(-HISTORY_DAYS - 10)).toISOString();
  const expiresAt = new Date(Date.now() + 180 * DAY_MS).toISOString();
  const year = academicYear();
  const inviteKey = Buffer.from(BENCH_SECRETS.INVITE_ENCRYPTION_KEY, 'base64');
  const districtIds = [];
  for (let district = 0; district < shape.districts; district += 1) {
    const id = randomUUID();
    districtIds.push(id);
    writers.district.row([id, district === 0 ? 'Город (большой район)' : `Район ${district}`, createdAt]);
    writers.staff_user.row([randomUUID(), id, null, 'district_admin', `district-${district}@bench.example`, `Администратор района ${district}`, createdAt, createdAt]);
  }
  const progressLog = Math.max(1, Math.floor(shape.schools / 10));
  for (let school = 0; school < shape.schools; school += 1) {
    const districtId = districtIds[shape.districtOfSchool(school)];
    generateSchool(writers, { school, districtId, studentCount: shape.studentsOfSchool(school), createdAt, expiresAt, year, inviteKey }, random);
    await Promise.all(Object.values(writers).map((writer) => writer.drained()));
    if ((school + 1) % progressLog === 0) console.log(`  ${school + 1} of ${shape.schools} schools (${seconds(Date.now() - started)})`);
  }
}

function generateSchool(writers, context, random) {
  const { school, districtId, studentCount, createdAt, expiresAt, year, inviteKey } = context;
  const schoolId = randomUUID();
  writers.school.row([schoolId, districtId, `Школа № ${school + 1}`, createdAt, school % 10 === 9 ? 'max' : 'vk_messenger']);
  writers.staff_user.row([randomUUID(), districtId, schoolId, 'school_admin', `school-${school}@bench.example`, `Администратор школы ${school + 1}`, createdAt, createdAt]);
  const schoolChatId = randomUUID();
  writers.chat.row([schoolChatId, districtId, schoolId, null, 'school', createdAt]);

  const classes = [];
  for (let index = 0; index * STUDENTS_PER_CLASS < studentCount; index += 1) {
    const { grade, letter } = classOfIndex(index);
    const schoolClass = { id: randomUUID(), chatId: randomUUID(), members: [] };
    classes.push(schoolClass);
    const teacherId = randomUUID();
    writers.school_class.row([schoolClass.id, districtId, schoolId, grade, letter, year, createdAt]);
    writers.chat.row([schoolClass.chatId, districtId, schoolId, schoolClass.id, 'class', createdAt]);
    writers.staff_user.row([teacherId, districtId, schoolId, 'teacher', `teacher-${school}-${index}@bench.example`, `Учитель ${grade}${letter}`, createdAt, createdAt]);
    writers.teacher_class.row([teacherId, schoolClass.id, schoolId, districtId, createdAt]);
  }

  // Families: a student is a sibling of the one at the same seat in the previous class, sometimes.
  const families = [];
  const familyOfSeat = [];
  for (let seat = 0; seat < studentCount; seat += 1) {
    const classIndex = Math.floor(seat / STUDENTS_PER_CLASS);
    const previous = familyOfSeat[seat - STUDENTS_PER_CLASS];
    const family =
      classIndex > 0 && previous && previous.students.length === 1 && isSibling(random)
        ? previous
        : { id: randomUUID(), students: [], parents: [] };
    if (family.students.length === 0) {
      families.push(family);
      for (let n = parentCount(random); n > 0; n -= 1) family.parents.push({ id: randomUUID(), kind: 'parent', path: personPath(random), classes: [] });
    }
    const student = { id: randomUUID(), kind: 'student', path: personPath(random), classes: [classes[classIndex]] };
    family.students.push(student);
    familyOfSeat[seat] = family;
    classes[classIndex].members.push(student);
  }
  for (const family of families) {
    for (const parent of family.parents) {
      parent.classes = family.students.map((student) => student.classes[0]);
      for (const schoolClass of parent.classes) schoolClass.members.push(parent);
    }
  }

  const scope = { districtId, schoolId, schoolChatId, createdAt };
  let number = 0;
  for (const family of families) {
    writers.family.row([family.id, districtId, schoolId, createdAt]);
    const token = benchLinkToken(family.id);
    writers.invite.row([randomUUID(), districtId, schoolId, family.id, sha256(token), encrypt(inviteKey, token), createdAt, expiresAt]);
    for (const person of [...family.students, ...family.parents]) {
      number += 1;
      writePerson(writers, scope, family.id, person, number, random);
    }
  }
  for (const schoolClass of classes) writeClassCounters(writers, scope, schoolClass);
}

function writePerson(writers, scope, familyId, person, number, random) {
  const { districtId, schoolId, schoolChatId, createdAt } = scope;
  const student = person.kind === 'student';
  const name = `${student ? 'Ученик' : 'Родитель'} ${String(number).padStart(4, '0')}`;
  writers.person.row([
    person.id, districtId, schoolId, familyId, student ? person.classes[0].id : null, person.kind, name,
    student ? null : randomBytes(32), createdAt, createdAt,
  ]);
  const { done, doneDays, blocker } = person.path;
  const source = SOURCES[Math.floor(random() * SOURCES.length)];
  const chatsOf = (item) => (PATH_ITEMS[item] === 'chat_class' ? person.classes.map((c) => c.chatId) : [schoolChatId]);
  for (let item = 0; item < PATH_ITEMS.length; item += 1) {
    const isStep = item < STEP_COUNT;
    const state = itemState(person.path, item);
    const when = state.day === null ? createdAt : eventTime(state.day, item);
    const changedBy = state.day === null ? null : source;
    if (isStep) {
      writers.person_step.row([person.id, PATH_ITEMS[item], districtId, schoolId, state.status, state.reason, when, changedBy]);
    } else {
      for (const chatId of chatsOf(item)) {
        writers.chat_membership.row([person.id, chatId, districtId, schoolId, state.status, state.reason, when, changedBy]);
      }
    }
  }
  // History, in time order (the event ids follow it): each item done, then the blocker.
  const events = doneDays.slice(0, done).map((day, item) => ({ item, day, reason: null }));
  if (blocker) events.push({ item: done, day: blocker.day, reason: blocker.reason });
  for (const event of events) {
    const isStep = event.item < STEP_COUNT;
    const from = isStep ? 'not_started' : 'not_joined';
    const to = event.reason ? 'blocked' : isStep ? 'done' : 'joined';
    const targets = isStep ? [null] : chatsOf(event.item);
    for (const chatId of targets) {
      writers.progress_event.row([
        districtId, schoolId, person.id, isStep ? PATH_ITEMS[event.item] : null, chatId, from, to, event.reason, source, randomUUID(),
        eventTime(event.day, event.item),
      ]);
    }
  }
}

/** Where a person stands on one item today, and since which day (null: never changed). */
function itemState(path, item) {
  const isStep = item < STEP_COUNT;
  if (item < path.done) return { status: isStep ? 'done' : 'joined', reason: null, day: path.doneDays[item] };
  if (item === path.done && path.blocker) return { status: 'blocked', reason: path.blocker.reason, day: path.blocker.day };
  return { status: isStep ? 'not_started' : 'not_joined', reason: null, day: null };
}

/** Changes happen during the school day: 10:00 Moscow plus a few minutes per item. */
function eventTime(day, item) {
  const key = day * 10 + item;
  let time = eventTimes.get(key);
  if (!time) {
    time = new Date(dayStart(day) + 10 * 3_600_000 + item * 60_000).toISOString();
    eventTimes.set(key, time);
  }
  return time;
}
const eventTimes = new Map();

/**
 * The class's counters today and one snapshot per day of the history, by
 * replaying its members' changes day by day (what `class_progress` and the
 * snapshot job would have recorded).
 */
function writeClassCounters(writers, scope, schoolClass) {
  const { districtId, schoolId } = scope;
  const counts = new Map();
  const changesByDay = new Map();
  const add = (key, n) => counts.set(key, (counts.get(key) ?? 0) + n);
  for (const person of schoolClass.members) {
    for (let item = 0; item < PATH_ITEMS.length; item += 1) {
      const isStep = item < STEP_COUNT;
      const initial = `${person.kind}|${PATH_ITEMS[item]}|${isStep ? 'not_started' : 'not_joined'}|`;
      add(initial, 1);
      const state = itemState(person.path, item);
      if (state.day === null) continue;
      const changes = changesByDay.get(state.day) ?? [];
      changes.push([initial, `${person.kind}|${PATH_ITEMS[item]}|${state.status}|${state.reason ?? ''}`]);
      changesByDay.set(state.day, changes);
    }
  }
  let counters = null;
  for (let day = -HISTORY_DAYS; day <= -1; day += 1) {
    const changes = changesByDay.get(day);
    if (changes || counters === null) {
      for (const [from, to] of changes ?? []) {
        add(from, -1);
        add(to, 1);
      }
      counters = JSON.stringify(
        [...counts].filter(([, people]) => people > 0).map(([key, people]) => {
          const [person_kind, item, status, blocker_reason] = key.split('|');
          return { person_kind, item, status, blocker_reason, people };
        }),
      );
    }
    writers.progress_snapshot.row([schoolClass.id, SNAPSHOT_DAYS[day].date, districtId, schoolId, counters, SNAPSHOT_DAYS[day].takenAt, 'counters']);
  }
  for (const [key, people] of counts) {
    if (people === 0) continue;
    const [kind, item, status, reason] = key.split('|');
    writers.class_progress.row([schoolClass.id, districtId, schoolId, kind, item, status, reason, people]);
  }
}

function encrypt(key, token) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/** Compares `class_progress` of a sample of classes with a recount from the people, and with their last snapshot. */
async function checkCounters(client) {
  const { rows } = await client.query(`SELECT id FROM school_class TABLESAMPLE SYSTEM (1) LIMIT 50`);
  const ids = rows.length > 0 ? rows.map((row) => row.id) : (await client.query(`SELECT id FROM school_class LIMIT 5`)).rows.map((r) => r.id);
  const { rows: differences } = await client.query(
    `WITH members AS (
       SELECT p.class_id, p.id AS person_id, p.kind FROM person p WHERE p.class_id = ANY($1::uuid[])
       UNION
       SELECT s.class_id, p.id, p.kind FROM person s JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent'
       WHERE s.class_id = ANY($1::uuid[]) AND s.kind = 'student'
     ),
     recount AS (
       SELECT m.class_id, m.kind, ps.step AS item, ps.status, COALESCE(ps.blocker_reason, '') AS reason, count(*)::int AS people
       FROM members m JOIN person_step ps ON ps.person_id = m.person_id GROUP BY 1, 2, 3, 4, 5
       UNION ALL
       SELECT m.class_id, m.kind, 'chat_' || ch.kind, cm.status, COALESCE(cm.blocker_reason, ''), count(*)::int
       FROM members m JOIN chat_membership cm ON cm.person_id = m.person_id
       JOIN chat ch ON ch.id = cm.chat_id AND (ch.class_id = m.class_id OR ch.kind = 'school')
       GROUP BY 1, 2, 3, 4, 5
     ),
     stored AS (SELECT class_id, person_kind, item, status, blocker_reason, people FROM class_progress WHERE class_id = ANY($1::uuid[])),
     last_snapshot AS (
       SELECT s.class_id, x.person_kind, x.item, x.status, x.blocker_reason, x.people
       FROM progress_snapshot s CROSS JOIN LATERAL jsonb_to_recordset(s.counters)
            AS x(person_kind text, item text, status text, blocker_reason text, people int)
       WHERE s.class_id = ANY($1::uuid[]) AND s.day = (SELECT max(day) FROM progress_snapshot)
     )
     SELECT 'recount' AS against, count(*)::int AS n FROM ((TABLE recount EXCEPT TABLE stored) UNION ALL (TABLE stored EXCEPT TABLE recount)) d
     UNION ALL
     SELECT 'snapshot', count(*)::int FROM ((TABLE last_snapshot EXCEPT TABLE stored) UNION ALL (TABLE stored EXCEPT TABLE last_snapshot)) d`,
    [ids],
  );
  for (const { against, n } of differences) {
    if (n > 0) throw new Error(`The generated counters differ from the ${against} in ${n} rows: the generator is wrong.`);
  }
  return ids.length;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  buildApi();
  const server = await openBenchServer({ create: true });
  try {
    await runToEnd('node', [join(ROOT, 'dist/api/apps/api/src/cli/prepare-database.js')], { env: { ...process.env, DATABASE_URL: server.url }, quiet: true });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const setAside = await setAsideSchema(admin, Object.keys(TABLES));
    console.log(`Generating ${students.toLocaleString('en')} students into ${server.embedded ? 'the embedded bench server' : 'DATABASE_URL'}…`);

    const writers = {};
    for (const [table, columns] of Object.entries(TABLES)) writers[table] = await CopyWriter.open(server.url, table, columns);
    await generateRegion(writers, regionShape(students), createRandom(Number(options.seed)));
    const rows = {};
    for (const [table, writer] of Object.entries(writers)) rows[table] = await writer.close();
    const loaded = Date.now();
    console.log(`Rows written in ${seconds(loaded - started)}; rebuilding keys, indexes and foreign keys…`);

    await rebuildSchema(server.url, setAside);
    await admin.query('ANALYZE');
    const checked = await checkCounters(admin);
    console.log('\nRows:');
    for (const [table, count] of Object.entries(rows)) console.log(`  ${table.padEnd(18)} ${count.toLocaleString('en').padStart(12)}`);
    const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
    console.log(`  ${'total'.padEnd(18)} ${total.toLocaleString('en').padStart(12)}`);
    console.log(`Counters of ${checked} sampled classes equal a recount and their last snapshot.`);
    console.log(`Database size: ${await databaseSize(admin)}; time: ${seconds(Date.now() - started)} (load ${seconds(loaded - started)}).`);
    await admin.end();
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
