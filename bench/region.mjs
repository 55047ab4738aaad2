// The shape of a synthetic region and the path of each of its people:
// pure functions, the same numbers for the same seed.

export const STUDENTS_PER_SCHOOL = 500;
export const STUDENTS_PER_CLASS = 25;
/** Days of history before today; snapshots cover each of them. */
export const HISTORY_DAYS = 90;

/** Shares of the reasons people are stuck, where an item offers them (paths/catalogue.ts says which item offers which). */
const REASON_WEIGHTS = {
  shared_phone: 0.35,
  forgot_password: 0.2,
  no_smartphone: 0.15,
  no_vk_page_wanted: 0.1,
  number_mismatch: 0.2,
  role_not_confirmed: 0.2,
  chat_missing: 0.15,
  account_locked: 0.08,
  foreign_number: 0.04,
  old_phone: 0.04,
  other: 0.1,
};
/** How far people have got today, in path order: nothing; some of the steps; every step; the class chat too; the school chat too. */
const NONE_SHARE = 0.12;
const PARTIAL_SHARE = 0.12;
const STEPS_ONLY_SHARE = 0.08;
const CLASS_CHAT_SHARE = 0.18;
const ALL_SHARE = 0.5;
/** Share of people short of the end who are stuck on their next item. */
const BLOCKED_SHARE = 0.3;
const SIBLING_SHARE = 0.1;
const TWO_PARENTS_SHARE = 0.65;
/** Whole families that said no to Sferum/MAX, and single people of other families. */
const FAMILY_OPT_OUT_SHARE = 0.03;
const PERSON_OPT_OUT_SHARE = 0.01;
/** How those families are kept informed instead. */
const OPT_OUT_CHANNELS = [
  ['e_diary', 0.5],
  ['phone', 0.25],
  ['paper', 0.15],
  ['other', 0.1],
];
/** One in this many schools is still on the legacy VK path; the others are on MAX. */
export const VK_SCHOOL_EVERY = 5;
/** The city: a district with this share of the region's schools. */
const LARGE_DISTRICT_SHARE = 0.15;
const SCHOOLS_PER_DISTRICT = 50;

/** Districts and schools for a number of students; district 0 is the large city. */
export function regionShape(students) {
  const schools = Math.max(1, Math.ceil(students / STUDENTS_PER_SCHOOL));
  const districts = Math.max(1, Math.round(schools / SCHOOLS_PER_DISTRICT));
  const largeSchools = districts === 1 ? schools : Math.max(1, Math.round(schools * LARGE_DISTRICT_SHARE));
  return {
    students,
    schools,
    districts,
    districtOfSchool: (school) =>
      school < largeSchools || districts === 1 ? 0 : 1 + ((school - largeSchools) % (districts - 1)),
    studentsOfSchool: (school) => Math.min(STUDENTS_PER_SCHOOL, students - school * STUDENTS_PER_SCHOOL),
  };
}

/** Class number `index` of a school: grades 1–11, letters А then Б. */
export function classOfIndex(index) {
  return { grade: 1 + (index % 11), letter: 'АБВГДЕЖЗИК'[Math.floor(index / 11)] };
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isSibling(random) {
  return random() < SIBLING_SHARE;
}

export function parentCount(random) {
  return random() < TWO_PARENTS_SHARE ? 2 : 1;
}

/**
 * What the generator needs of an onboarding path of the catalogue
 * (libs/contracts paths/): its steps in order, then the class chat, then the
 * school chat, each with the reasons it offers; the audiences of a class's
 * chats; how far people have got today.
 */
export function pathShape(path) {
  const steps = path.steps.map((step) => step.id);
  const partial = steps.length > 1 ? Array(steps.length - 1).fill(PARTIAL_SHARE / (steps.length - 1)) : [];
  const weighted = (ids) => ids.map((id) => [id, REASON_WEIGHTS[id] ?? 0.1]);
  return {
    id: path.id,
    steps,
    stepCount: steps.length,
    /** item ids in path order: the steps, `chat_class`, `chat_school` (as class_progress names them) */
    items: [...steps, 'chat_class', 'chat_school'],
    reasons: [
      ...path.steps.map((step) => weighted(step.blockers)),
      weighted(path.chats.blockers),
      weighted(path.chats.blockers),
    ],
    /** `all`, or `parents` and `students` */
    classChatAudiences: path.chats.classChats.map((chat) => chat.audience),
    /** index = items done, in path order */
    levels: [NONE_SHARE, ...partial, STEPS_ONLY_SHARE, CLASS_CHAT_SHARE, ALL_SHARE],
  };
}

/** The path of a school by its number: most on MAX, one in VK_SCHOOL_EVERY on the legacy VK path. */
export function schoolPathId(school) {
  return school % VK_SCHOOL_EVERY === VK_SCHOOL_EVERY - 1 ? 'vk' : 'max';
}

/**
 * One person's path over the history: `done` items in path order, each on a
 * day (negative: days before today, −HISTORY_DAYS … −1), and maybe a blocker on
 * the next item after them, with a reason that item offers.
 * @returns {{ done: number, doneDays: number[], blocker: null | { reason: string, day: number }, lastDay: number | null }}
 */
export function personPath(random, shape) {
  const done = pick(random, shape.levels);
  const blocked = done < shape.items.length && random() < BLOCKED_SHARE;
  const doneDays = [];
  let day = -HISTORY_DAYS + Math.floor(random() * (HISTORY_DAYS - 15));
  for (let item = 0; item < done; item += 1) {
    doneDays.push(day);
    day = Math.min(-1, day + Math.floor(random() * 6));
  }
  let blocker = null;
  if (blocked) {
    const reasons = shape.reasons[done];
    blocker = { reason: reasons[pick(random, normalised(reasons.map(([, share]) => share)))][0], day };
  }
  const lastDay = blocker ? blocker.day : done > 0 ? doneDays[done - 1] : null;
  return { done, doneDays, blocker, lastDay };
}

/** Whether a family opts out as a whole. */
export function familyOptsOut(random) {
  return random() < FAMILY_OPT_OUT_SHARE;
}

export function personOptsOut(random) {
  return random() < PERSON_OPT_OUT_SHARE;
}

/**
 * An opt-out after the person's (or family's) last change: a day up to two
 * weeks later (never today), the channel used instead.
 * @returns {{ day: number, channel: string }}
 */
export function optOut(random, afterDay) {
  const from = afterDay ?? -HISTORY_DAYS + Math.floor(random() * (HISTORY_DAYS - 15));
  const day = Math.min(-1, from + Math.floor(random() * 15));
  return {
    day,
    channel:
      OPT_OUT_CHANNELS[
        pick(
          random,
          OPT_OUT_CHANNELS.map(([, share]) => share),
        )
      ][0],
  };
}

function normalised(shares) {
  const total = shares.reduce((sum, share) => sum + share, 0);
  return shares.map((share) => share / total);
}

function pick(random, shares) {
  let roll = random();
  for (let index = 0; index < shares.length; index += 1) {
    roll -= shares[index];
    if (roll < 0) return index;
  }
  return shares.length - 1;
}
