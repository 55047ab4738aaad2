// `npm run bench:seed -- --students N` (default 1,000,000): a synthetic region
// written through COPY into the bench database — districts, schools on both
// onboarding paths (most on MAX, one in five on the legacy VK path), classes
// with their class chats (one for everyone on VK; one with parents and one
// with students on MAX), families, people (a few percent opted out), steps,
// chat memberships, events, counters, links and 90 days of snapshots, all
// consistent with each other. Prints rows, time and size.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { join } from 'node:path';
import { runToEnd } from '../tools/stack.mjs';
import {
  BENCH_API_DIST,
  BENCH_SECRETS,
  benchLinkToken,
  buildBenchApi,
  databaseSize,
  openBenchServer,
  sha256,
} from './bench-database.mjs';
import { CopyWriter } from './copy-writer.mjs';
import { countersDifferFromRecount, snapshotsDifferFromReplay } from './recount-check.mjs';
import { rebuildSchema, setAsideSchema } from './schema-set-aside.mjs';
import {
  classOfIndex,
  createRandom,
  familyOptsOut,
  HISTORY_DAYS,
  isSibling,
  optOut,
  parentCount,
  pathShape,
  personOptsOut,
  personPath,
  regionShape,
  schoolPathId,
  STUDENTS_PER_CLASS,
} from './region.mjs';

const require = createRequire(import.meta.url);
/**
 * The API's build, copied aside (the seed builds it first, and a build running
 * elsewhere cannot change the copy): the catalogue of paths, the migrations and
 * the code the end checks run.
 */
const fromBuild = (path) => require(join(BENCH_API_DIST, path));

const TABLES = {
  district: ['id', 'name', 'created_at'],
  school: ['id', 'district_id', 'name', 'created_at', 'path_id'],
  school_step_note: ['school_id', 'district_id', 'path_id', 'step', 'note', 'updated_at'],
  school_class: ['id', 'district_id', 'school_id', 'grade', 'letter', 'academic_year', 'created_at'],
  staff_user: ['id', 'district_id', 'school_id', 'role', 'email', 'full_name', 'created_at', 'updated_at'],
  teacher_class: ['staff_user_id', 'class_id', 'school_id', 'district_id', 'created_at'],
  family: ['id', 'district_id', 'school_id', 'created_at'],
  invite: ['id', 'district_id', 'school_id', 'family_id', 'token_hash', 'token_encrypted', 'created_at', 'expires_at'],
  person: [
    'id',
    'district_id',
    'school_id',
    'family_id',
    'class_id',
    'kind',
    'display_name',
    'phone_hmac',
    'created_at',
    'updated_at',
    'opted_out_at',
    'opt_out_channel',
    'opt_out_note',
    'opt_out_source',
  ],
  chat: ['id', 'district_id', 'school_id', 'class_id', 'kind', 'audience', 'created_at'],
  person_step: [
    'person_id',
    'step',
    'district_id',
    'school_id',
    'status',
    'blocker_reason',
    'updated_at',
    'updated_source',
  ],
  chat_membership: [
    'person_id',
    'chat_id',
    'district_id',
    'school_id',
    'status',
    'blocker_reason',
    'updated_at',
    'updated_source',
  ],
  progress_event: [
    'district_id',
    'school_id',
    'person_id',
    'path_id',
    'step',
    'chat_id',
    'from_status',
    'to_status',
    'blocker_reason',
    'blocker_note',
    'opt_out_channel',
    'source',
    'change_id',
    'created_at',
  ],
  class_progress: ['class_id', 'district_id', 'school_id', 'person_kind', 'item', 'status', 'blocker_reason', 'people'],
  progress_snapshot: ['class_id', 'day', 'district_id', 'school_id', 'path_id', 'counters', 'taken_at', 'source'],
};

const DAY_MS = 86_400_000;
const MOSCOW_OFFSET_MS = 3 * 3_600_000;
const SOURCES = ['teacher', 'parent_link', 'parent_link', 'import'];
/** Who records an opt-out: the class teacher, or the family through its link. */
const OPT_OUT_SOURCES = ['teacher', 'parent_link'];
/** The note an opt-out with channel `other` needs (the API asks for one). */
const OPT_OUT_OTHER_NOTE = 'Новости передаём через классного руководителя при встрече';
/** A school's own note on its path's last step, on one school in three. */
const STEP_NOTE = 'Если что-то не получается, напишите классному руководителю в электронный дневник';
/** Minutes after 10:00 Moscow of an opt-out: after every change of its day (those are at 10:00 plus one minute per item). */
const OPT_OUT_MINUTE = 30;

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

async function generateRegion(writers, shape, paths, random) {
  const createdAt = new Date(dayStart(-HISTORY_DAYS - 10)).toISOString();
  const expiresAt = new Date(Date.now() + 180 * DAY_MS).toISOString();
  const year = academicYear();
  const inviteKey = Buffer.from(BENCH_SECRETS.INVITE_ENCRYPTION_KEY, 'base64');
  const districtIds = [];
  for (let district = 0; district < shape.districts; district += 1) {
    const id = randomUUID();
    districtIds.push(id);
    writers.district.row([id, district === 0 ? 'Город (большой район)' : `Район ${district}`, createdAt]);
    writers.staff_user.row([
      randomUUID(),
      id,
      null,
      'district_admin',
      `district-${district}@bench.example`,
      `Администратор района ${district}`,
      createdAt,
      createdAt,
    ]);
  }
  const progressLog = Math.max(1, Math.floor(shape.schools / 10));
  for (let school = 0; school < shape.schools; school += 1) {
    const districtId = districtIds[shape.districtOfSchool(school)];
    const path = paths[schoolPathId(school)];
    generateSchool(
      writers,
      { school, districtId, path, studentCount: shape.studentsOfSchool(school), createdAt, expiresAt, year, inviteKey },
      random,
    );
    await Promise.all(Object.values(writers).map((writer) => writer.drained()));
    if ((school + 1) % progressLog === 0)
      console.log(`  ${school + 1} of ${shape.schools} schools (${seconds(Date.now() - started)})`);
  }
}

function generateSchool(writers, context, random) {
  const { school, districtId, path, studentCount, createdAt, expiresAt, year, inviteKey } = context;
  const schoolId = randomUUID();
  writers.school.row([schoolId, districtId, `Школа № ${school + 1}`, createdAt, path.id]);
  if (school % 3 === 0)
    writers.school_step_note.row([schoolId, districtId, path.id, path.steps[path.stepCount - 1], STEP_NOTE, createdAt]);
  writers.staff_user.row([
    randomUUID(),
    districtId,
    schoolId,
    'school_admin',
    `school-${school}@bench.example`,
    `Администратор школы ${school + 1}`,
    createdAt,
    createdAt,
  ]);
  const schoolChatId = randomUUID();
  writers.chat.row([schoolChatId, districtId, schoolId, null, 'school', 'all', createdAt]);

  const classes = [];
  for (let index = 0; index * STUDENTS_PER_CLASS < studentCount; index += 1) {
    const { grade, letter } = classOfIndex(index);
    // The class chats of the path: `all`, or `parents` and `students`.
    const chats = Object.fromEntries(path.classChatAudiences.map((audience) => [audience, randomUUID()]));
    const schoolClass = { id: randomUUID(), chats, members: [] };
    classes.push(schoolClass);
    const teacherId = randomUUID();
    writers.school_class.row([schoolClass.id, districtId, schoolId, grade, letter, year, createdAt]);
    for (const [audience, chatId] of Object.entries(chats))
      writers.chat.row([chatId, districtId, schoolId, schoolClass.id, 'class', audience, createdAt]);
    writers.staff_user.row([
      teacherId,
      districtId,
      schoolId,
      'teacher',
      `teacher-${school}-${index}@bench.example`,
      `Учитель ${grade}${letter}`,
      createdAt,
      createdAt,
    ]);
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
      for (let n = parentCount(random); n > 0; n -= 1) {
        family.parents.push({
          id: randomUUID(),
          kind: 'parent',
          path: personPath(random, path),
          classes: [],
          optOut: null,
        });
      }
    }
    const student = {
      id: randomUUID(),
      kind: 'student',
      path: personPath(random, path),
      classes: [classes[classIndex]],
      optOut: null,
    };
    family.students.push(student);
    familyOfSeat[seat] = family;
    classes[classIndex].members.push(student);
  }
  for (const family of families) {
    for (const parent of family.parents) {
      parent.classes = family.students.map((student) => student.classes[0]);
      for (const schoolClass of parent.classes) schoolClass.members.push(parent);
    }
    decideOptOuts(family, random);
  }

  const scope = { districtId, schoolId, schoolChatId, createdAt, path };
  let number = 0;
  for (const family of families) {
    writers.family.row([family.id, districtId, schoolId, createdAt]);
    const token = benchLinkToken(family.id);
    const code = linkCodeHash ? [linkCodeHash(token)] : [];
    writers.invite.row([
      randomUUID(),
      districtId,
      schoolId,
      family.id,
      sha256(token),
      encrypt(inviteKey, token),
      createdAt,
      expiresAt,
      ...code,
    ]);
    for (const person of [...family.students, ...family.parents]) {
      number += 1;
      writePerson(writers, scope, family.id, person, number, random);
    }
  }
  for (const schoolClass of classes) writeClassCounters(writers, scope, schoolClass);
}

/**
 * Some families say no to Sferum/MAX as a whole (one change for all of them,
 * after the last change of any of them), and some single people of other
 * families; each with the channel the school uses instead.
 */
function decideOptOuts(family, random) {
  const people = [...family.students, ...family.parents];
  const make = (afterDay) => {
    const { day, channel } = optOut(random, afterDay);
    return {
      day,
      channel,
      note: channel === 'other' ? OPT_OUT_OTHER_NOTE : null,
      source: OPT_OUT_SOURCES[Math.floor(random() * 2)],
      changeId: randomUUID(),
    };
  };
  if (familyOptsOut(random)) {
    const days = people.map((person) => person.path.lastDay).filter((day) => day !== null);
    const choice = make(days.length > 0 ? Math.max(...days) : null);
    for (const person of people) person.optOut = choice;
    return;
  }
  for (const person of people) if (personOptsOut(random)) person.optOut = make(person.path.lastDay);
}

/** The person's class chat in a class: the one for their audience. */
function classChatOf(schoolClass, kind) {
  return schoolClass.chats.all ?? (kind === 'student' ? schoolClass.chats.students : schoolClass.chats.parents);
}

function writePerson(writers, scope, familyId, person, number, random) {
  const { districtId, schoolId, schoolChatId, createdAt, path } = scope;
  const student = person.kind === 'student';
  const name = `${student ? 'Ученик' : 'Родитель'} ${String(number).padStart(4, '0')}`;
  const opted = person.optOut;
  writers.person.row([
    person.id,
    districtId,
    schoolId,
    familyId,
    student ? person.classes[0].id : null,
    person.kind,
    name,
    student ? null : randomBytes(32),
    createdAt,
    createdAt,
    opted ? eventTime(opted.day, OPT_OUT_MINUTE) : null,
    opted?.channel ?? null,
    opted?.note ?? null,
    opted?.source ?? null,
  ]);
  const { done, doneDays, blocker } = person.path;
  const source = SOURCES[Math.floor(random() * SOURCES.length)];
  const chatsOf = (item) =>
    path.items[item] === 'chat_class' ? person.classes.map((c) => classChatOf(c, person.kind)) : [schoolChatId];
  for (let item = 0; item < path.items.length; item += 1) {
    const isStep = item < path.stepCount;
    const state = itemState(path, person.path, item);
    const when = state.day === null ? createdAt : eventTime(state.day, item);
    const changedBy = state.day === null ? null : source;
    if (isStep) {
      writers.person_step.row([
        person.id,
        path.items[item],
        districtId,
        schoolId,
        state.status,
        state.reason,
        when,
        changedBy,
      ]);
    } else {
      for (const chatId of chatsOf(item)) {
        writers.chat_membership.row([
          person.id,
          chatId,
          districtId,
          schoolId,
          state.status,
          state.reason,
          when,
          changedBy,
        ]);
      }
    }
  }
  // History, in time order (the event ids follow it): each item done, then the blocker, then the opt-out.
  const events = doneDays.slice(0, done).map((day, item) => ({ item, day, reason: null }));
  if (blocker) events.push({ item: done, day: blocker.day, reason: blocker.reason });
  for (const event of events) {
    const isStep = event.item < path.stepCount;
    const from = isStep ? 'not_started' : 'not_joined';
    const to = event.reason ? 'blocked' : isStep ? 'done' : 'joined';
    const targets = isStep ? [null] : chatsOf(event.item);
    for (const chatId of targets) {
      writers.progress_event.row([
        districtId,
        schoolId,
        person.id,
        path.id,
        isStep ? path.items[event.item] : null,
        chatId,
        from,
        to,
        event.reason,
        null,
        null,
        source,
        randomUUID(),
        eventTime(event.day, event.item),
      ]);
    }
  }
  if (opted) {
    writers.progress_event.row([
      districtId,
      schoolId,
      person.id,
      path.id,
      null,
      null,
      'participating',
      'opted_out',
      null,
      opted.note,
      opted.channel,
      opted.source,
      opted.changeId,
      eventTime(opted.day, OPT_OUT_MINUTE),
    ]);
  }
}

/** Where a person stands on one item today, and since which day (null: never changed). */
function itemState(path, personPath, item) {
  const isStep = item < path.stepCount;
  if (item < personPath.done)
    return { status: isStep ? 'done' : 'joined', reason: null, day: personPath.doneDays[item] };
  if (item === personPath.done && personPath.blocker)
    return { status: 'blocked', reason: personPath.blocker.reason, day: personPath.blocker.day };
  return { status: isStep ? 'not_started' : 'not_joined', reason: null, day: null };
}

/**
 * What a person adds to a class's counters at the end of a day (null: before
 * any change), as the API's recount counts (progress/progress.sql.ts): one row
 * per step, one for their class chat of that class, one for the school chat,
 * and `overall`; opted out, every item is `opted_out` with no reason.
 */
function countersAt(path, person, day) {
  const kind = person.kind;
  const states = path.items.map((_, item) => {
    const state = itemState(path, person.path, item);
    if (state.day === null || day === null || state.day > day)
      return { status: item < path.stepCount ? 'not_started' : 'not_joined', reason: null };
    return state;
  });
  if (person.optOut && day !== null && person.optOut.day <= day) {
    return [...path.items.map((item) => `${kind}|${item}|opted_out|`), `${kind}|overall|opted_out|`];
  }
  const steps = states.slice(0, path.stepCount);
  const classChat = states[path.stepCount];
  let overall = 'not_started';
  if (steps.every((s) => s.status === 'done') && classChat.status === 'joined') overall = 'connected';
  else if (steps.some((s) => s.status === 'blocked') || classChat.status === 'blocked') overall = 'blocked';
  else if (states.some((s) => s.status === 'done' || s.status === 'joined')) overall = 'in_progress';
  return [
    ...states.map((s, item) => `${kind}|${path.items[item]}|${s.status}|${s.reason ?? ''}`),
    `${kind}|overall|${overall}|`,
  ];
}

/** Changes happen during the school day: 10:00 Moscow plus a few minutes per item (an opt-out at OPT_OUT_MINUTE). */
function eventTime(day, minute) {
  const key = day * 100 + minute;
  let time = eventTimes.get(key);
  if (!time) {
    time = new Date(dayStart(day) + 10 * 3_600_000 + minute * 60_000).toISOString();
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
  const { districtId, schoolId, path } = scope;
  const counts = new Map();
  const changesByDay = new Map();
  const add = (keys, n) => {
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const person of schoolClass.members) {
    let before = countersAt(path, person, null);
    add(before, 1);
    const days = new Set(
      path.items.map((_, item) => itemState(path, person.path, item).day).filter((day) => day !== null),
    );
    if (person.optOut) days.add(person.optOut.day);
    for (const day of [...days].sort((a, b) => a - b)) {
      const after = countersAt(path, person, day);
      const changes = changesByDay.get(day) ?? [];
      changes.push([before, after]);
      changesByDay.set(day, changes);
      before = after;
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
        [...counts]
          .filter(([, people]) => people > 0)
          .map(([key, people]) => {
            const [person_kind, item, status, blocker_reason] = key.split('|');
            return { person_kind, item, status, blocker_reason, people };
          }),
      );
    }
    writers.progress_snapshot.row([
      schoolClass.id,
      SNAPSHOT_DAYS[day].date,
      districtId,
      schoolId,
      path.id,
      counters,
      SNAPSHOT_DAYS[day].takenAt,
      'counters',
    ]);
  }
  for (const [key, people] of counts) {
    if (people === 0) continue;
    const [kind, item, status, reason] = key.split('|');
    writers.class_progress.row([schoolClass.id, districtId, schoolId, kind, item, status, reason, people]);
  }
}

/**
 * The SHA-256 of a link's short code, when the schema has short codes
 * (`invite.code_hash`): derived by the build's own LinkSecrets, as the API
 * does for a new link, so the API finds nothing to fill in at start.
 */
let linkCodeHash = null;

function encrypt(key, token) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/**
 * Compares `class_progress` of a sample of classes (at least one of each path,
 * and some with people who opted out) with the API's own recount
 * (PROGRESS_SQL.recountClasses: every step, chat, `overall` and `opted_out`
 * row), with their last snapshot, and their last day's snapshot with what the
 * API's snapshot job replays from the history (SnapshotsService.fillGaps).
 */
async function checkCounters(client, url) {
  let { rows: sampled } = await client.query(`SELECT id FROM school_class TABLESAMPLE SYSTEM (1) LIMIT 50`);
  if (sampled.length < 20)
    sampled = (await client.query(`SELECT id FROM school_class ORDER BY random() LIMIT 50`)).rows;
  const { rows: chosen } = await client.query(
    `(SELECT DISTINCT ON (s.path_id) c.id FROM school_class c JOIN school s ON s.id = c.school_id ORDER BY s.path_id, c.id)
     UNION
     (SELECT DISTINCT ON (s.path_id) p.class_id FROM person p JOIN school s ON s.id = p.school_id
      WHERE p.opted_out_at IS NOT NULL AND p.class_id IS NOT NULL ORDER BY s.path_id, p.class_id)`,
  );
  const ids = [...new Set([...sampled, ...chosen].map((row) => row.id ?? row.class_id))];
  const { PROGRESS_SQL } = fromBuild('apps/api/src/progress/progress.sql.js');
  const recount = await countersDifferFromRecount(client, PROGRESS_SQL, ids);
  if (recount > 0)
    throw new Error(`The generated counters differ from the API's recount in ${recount} rows: the generator is wrong.`);
  const { rows: differences } = await client.query(
    `WITH stored AS (SELECT class_id, person_kind, item, status, blocker_reason, people FROM class_progress WHERE class_id = ANY($1::uuid[])),
     last_snapshot AS (
       SELECT s.class_id, x.person_kind, x.item, x.status, x.blocker_reason, x.people
       FROM progress_snapshot s CROSS JOIN LATERAL jsonb_to_recordset(s.counters)
            AS x(person_kind text, item text, status text, blocker_reason text, people int)
       WHERE s.class_id = ANY($1::uuid[]) AND s.day = (SELECT max(day) FROM progress_snapshot)
     )
     SELECT count(*)::int AS n FROM ((TABLE last_snapshot EXCEPT TABLE stored) UNION ALL (TABLE stored EXCEPT TABLE last_snapshot)) d`,
    [ids],
  );
  if (differences[0].n > 0)
    throw new Error(
      `The generated counters differ from the last snapshot in ${differences[0].n} rows: the generator is wrong.`,
    );
  const replay = await snapshotsDifferFromReplay(url, client, ids, fromBuild);
  if (replay > 0)
    throw new Error(
      `The generated snapshots differ from the API's replay of the history in ${replay} rows: the generator is wrong.`,
    );
  const {
    rows: [covered],
  } = await client.query(
    `SELECT count(DISTINCT cp.class_id) FILTER (WHERE s.path_id = 'max')::int AS max, count(DISTINCT cp.class_id) FILTER (WHERE s.path_id = 'vk')::int AS vk,
            COALESCE(sum(cp.people) FILTER (WHERE cp.item = 'overall' AND cp.status = 'opted_out'), 0)::int AS opted_out,
            COALESCE(sum(cp.people) FILTER (WHERE cp.item = 'overall'), 0)::int AS people
     FROM class_progress cp JOIN school s ON s.id = cp.school_id WHERE cp.class_id = ANY($1::uuid[])`,
    [ids],
  );
  return { classes: ids.length, replayed: replay !== null, ...covered };
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  buildBenchApi();
  // Everything taken from the build is loaded now, while the copy is known whole.
  const { PATH_CATALOGUE } = fromBuild('libs/contracts/src/index.js');
  fromBuild('apps/api/src/progress/progress.sql.js');
  fromBuild('apps/api/src/reports/snapshots.service.js');
  fromBuild('apps/api/src/reports/snapshots.repository.js');
  fromBuild('apps/api/src/database/data-source-options.js');
  const server = await openBenchServer({ create: true });
  try {
    await runToEnd('node', [join(BENCH_API_DIST, 'apps/api/src/cli/prepare-database.js')], {
      env: { ...process.env, DATABASE_URL: server.url },
      quiet: true,
    });
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const { rows: inviteColumns } = await admin.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'invite' AND column_name = 'code_hash'`,
    );
    if (inviteColumns.length > 0) {
      const { LinkSecrets } = fromBuild('apps/api/src/invites/link-secrets.js');
      const secrets = new LinkSecrets({ INVITE_ENCRYPTION_KEY: BENCH_SECRETS.INVITE_ENCRYPTION_KEY }, null);
      linkCodeHash = (token) => secrets.codeHash(secrets.codeOf(token));
      TABLES.invite.push('code_hash');
    }
    const setAside = await setAsideSchema(admin, Object.keys(TABLES));
    console.log(
      `Generating ${students.toLocaleString('en')} students into ${server.embedded ? 'the embedded bench server' : 'DATABASE_URL'}…`,
    );

    const paths = Object.fromEntries(PATH_CATALOGUE.paths.map((path) => [path.id, pathShape(path)]));
    const writers = {};
    for (const [table, columns] of Object.entries(TABLES))
      writers[table] = await CopyWriter.open(server.url, table, columns);
    await generateRegion(writers, regionShape(students), paths, createRandom(Number(options.seed)));
    const rows = {};
    for (const [table, writer] of Object.entries(writers)) rows[table] = await writer.close();
    const loaded = Date.now();
    console.log(`Rows written in ${seconds(loaded - started)}; rebuilding keys, indexes and foreign keys…`);

    await rebuildSchema(server.url, setAside);
    await admin.query('ANALYZE');
    const checked = await checkCounters(admin, server.url);
    console.log('\nRows:');
    for (const [table, count] of Object.entries(rows))
      console.log(`  ${table.padEnd(18)} ${count.toLocaleString('en').padStart(12)}`);
    const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
    console.log(`  ${'total'.padEnd(18)} ${total.toLocaleString('en').padStart(12)}`);
    console.log(
      `Counters of ${checked.classes} sampled classes (${checked.max} on max, ${checked.vk} on vk; ${checked.people.toLocaleString('en')} people, ` +
        `${checked.opted_out} opted out) equal the API's recount and their last snapshot` +
        (checked.replayed
          ? `, and that snapshot equals the API's replay of the history (SnapshotsService.fillGaps).`
          : `; the replay of the history was not compared (the last snapshot is not yesterday's: the seed ran past midnight).`),
    );
    console.log(
      `Database size: ${await databaseSize(admin)}; time: ${seconds(Date.now() - started)} (load ${seconds(loaded - started)}).`,
    );
    await admin.end();
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
