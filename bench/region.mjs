// The shape of a synthetic region and the path of each of its people:
// pure functions, the same numbers for the same seed.

export const STUDENTS_PER_SCHOOL = 500;
export const STUDENTS_PER_CLASS = 25;
/** Days of history before today; snapshots cover each of them. */
export const HISTORY_DAYS = 90;

/** The path in its order: three steps, then the class chat, then the school chat. */
export const PATH_ITEMS = ['vk_id', 'sferum_profile', 'messenger', 'chat_class', 'chat_school'];
export const STEP_COUNT = 3;

const BLOCKER_REASONS = [
  ['shared_phone', 0.35],
  ['forgot_password', 0.2],
  ['no_smartphone', 0.15],
  ['no_vk_page_wanted', 0.1],
  ['refuses_sferum', 0.1],
  ['other', 0.1],
];
/** How far people have got today: index = items done, in path order. */
const LEVELS = [0.12, 0.06, 0.06, 0.08, 0.18, 0.5];
/** Share of people short of the end who are stuck on their next item. */
const BLOCKED_SHARE = 0.3;
const SIBLING_SHARE = 0.1;
const TWO_PARENTS_SHARE = 0.65;
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
    districtOfSchool: (school) => (school < largeSchools || districts === 1 ? 0 : 1 + ((school - largeSchools) % (districts - 1))),
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
 * One person's path over the history: `done` items in path order, each on a
 * day (negative: days before today, −HISTORY_DAYS … −1), and maybe a blocker on
 * the next item after them.
 * @returns {{ done: number, doneDays: number[], blocker: null | { reason: string, day: number } }}
 */
export function personPath(random) {
  const done = pick(random, LEVELS);
  const blocked = done < PATH_ITEMS.length && random() < BLOCKED_SHARE;
  const doneDays = [];
  let day = -HISTORY_DAYS + Math.floor(random() * (HISTORY_DAYS - 15));
  for (let item = 0; item < done; item += 1) {
    doneDays.push(day);
    day = Math.min(-1, day + Math.floor(random() * 6));
  }
  const blocker = blocked ? { reason: BLOCKER_REASONS[pick(random, BLOCKER_REASONS.map(([, share]) => share))][0], day } : null;
  return { done, doneDays, blocker };
}

function pick(random, shares) {
  let roll = random();
  for (let index = 0; index < shares.length; index += 1) {
    roll -= shares[index];
    if (roll < 0) return index;
  }
  return shares.length - 1;
}
