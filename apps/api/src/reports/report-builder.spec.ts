import { PATH_CATALOGUE, type PersonKind } from '@sferum/contracts';
import {
  buildDayReport,
  buildDistrictReport,
  buildReport,
  combineReports,
  csvSteps,
  reportColumns,
  reportPathOf,
  type CounterRow,
} from './report-builder';

const MAX = reportPathOf(PATH_CATALOGUE, 'max');
const VK = reportPathOf(PATH_CATALOGUE, 'vk');

const row = (
  person_kind: PersonKind,
  item: string,
  status: string,
  people: number,
  blocker_reason = '',
): CounterRow => ({
  person_kind,
  item,
  status,
  blocker_reason,
  people,
});

/**
 * Five students of a class on MAX: one connected, one blocked on the school
 * profile (role not confirmed), one with only the account, one not started,
 * one who opted out (counted `opted_out` on every item, as the recount does).
 */
const MAX_CLASS: CounterRow[] = [
  row('student', 'overall', 'connected', 1),
  row('student', 'overall', 'blocked', 1),
  row('student', 'overall', 'in_progress', 1),
  row('student', 'overall', 'not_started', 1),
  row('student', 'overall', 'opted_out', 1),
  row('student', 'max_account', 'done', 3),
  row('student', 'max_account', 'not_started', 1),
  row('student', 'max_account', 'opted_out', 1),
  row('student', 'school_profile', 'done', 1),
  row('student', 'school_profile', 'blocked', 1, 'role_not_confirmed'),
  row('student', 'school_profile', 'not_started', 2),
  row('student', 'school_profile', 'opted_out', 1),
  row('student', 'chat_class', 'joined', 1),
  row('student', 'chat_class', 'not_joined', 3),
  row('student', 'chat_class', 'opted_out', 1),
  row('student', 'chat_subject', 'joined', 2),
  row('student', 'chat_subject', 'not_joined', 4),
  row('student', 'chat_subject', 'opted_out', 2),
];

/** Two students of a school on VK: one connected, one opted out. */
const VK_SCHOOL: CounterRow[] = [
  row('student', 'overall', 'connected', 1),
  row('student', 'overall', 'opted_out', 1),
  ...['vk_id', 'sferum_profile', 'messenger'].flatMap((step) => [
    row('student', step, 'done', 1),
    row('student', step, 'opted_out', 1),
  ]),
  row('student', 'chat_class', 'joined', 1),
  row('student', 'chat_class', 'opted_out', 1),
];

describe('buildReport', () => {
  it('counts opted-out people apart and leaves them out of every share’s base', () => {
    const { students } = buildReport(MAX_CLASS, MAX);
    expect(students.people).toBe(5);
    expect(students.participants).toBe(4);
    expect(students.overall).toEqual({
      connected: 1,
      inProgress: 1,
      blocked: 1,
      notStarted: 1,
      optedOut: 1,
      shareConnected: 0.25,
    });
    expect(students.steps.max_account).toMatchObject({
      done: 3,
      notStarted: 1,
      blocked: 0,
      optedOut: 1,
      shareDone: 0.75,
    });
    expect(students.steps.school_profile).toMatchObject({
      done: 1,
      blocked: 1,
      notStarted: 2,
      optedOut: 1,
      shareDone: 0.25,
    });
    expect(students.classChatJoined).toBe(1);
    expect(students.subjectChatsJoined).toBe(2);
    expect(students.subjectChatMemberships).toBe(6);
  });

  it('gives the old share where nobody opted out', () => {
    const rows = MAX_CLASS.filter((counter) => counter.status !== 'opted_out');
    const { students } = buildReport(rows, MAX);
    expect(students.people).toBe(students.participants);
    expect(students.steps.max_account?.shareDone).toBe(Math.round((3 / 4) * 1000) / 1000);
  });

  it('keys the steps by the path’s step ids, listing every reason each step offers', () => {
    const { students, parents } = buildReport(MAX_CLASS, MAX);
    expect(Object.keys(students.steps)).toEqual(['max_account', 'school_profile']);
    expect(students.steps.school_profile?.blockedByReason).toEqual({
      number_mismatch: 0,
      role_not_confirmed: 1,
      account_locked: 0,
      other: 0,
    });
    expect(Object.keys(students.steps.max_account?.blockedByReason ?? {})).toEqual(MAX.steps[0]?.reasons);
    expect(parents.steps.max_account).toEqual({
      notStarted: 0,
      done: 0,
      blocked: 0,
      blockedByReason: expect.any(Object),
      optedOut: 0,
      shareDone: 0,
    });
    expect(buildReport(MAX_CLASS, VK).students.steps).not.toHaveProperty('max_account');
  });

  it('answers 0, not NaN, when everyone opted out or there is nobody', () => {
    const allOut = buildReport(
      [row('parent', 'overall', 'opted_out', 2), row('parent', 'max_account', 'opted_out', 2)],
      MAX,
    ).parents;
    expect(allOut.participants).toBe(0);
    expect(allOut.overall.shareConnected).toBe(0);
    expect(allOut.steps.max_account?.shareDone).toBe(0);
    expect(buildReport([], MAX).students.overall.shareConnected).toBe(0);
  });

  it('takes the people of a snapshot from before `overall` from its first step', () => {
    const legacy = [
      row('student', 'vk_id', 'done', 2),
      row('student', 'vk_id', 'not_started', 2),
      row('student', 'sferum_profile', 'done', 1),
    ];
    const { students } = buildReport(legacy, VK);
    expect(students.people).toBe(4);
    expect(students.steps.vk_id?.shareDone).toBe(0.5);
  });
});

describe('reports over several paths', () => {
  it('adds up the path-independent figures and counts each step over the schools on its path only', () => {
    const total = combineReports([buildReport(MAX_CLASS, MAX), buildReport(VK_SCHOOL, VK)]).students;
    expect(total.people).toBe(7);
    expect(total.participants).toBe(5);
    expect(total.overall).toMatchObject({ connected: 2, optedOut: 2, shareConnected: 0.4 });
    expect(Object.keys(total.steps)).toEqual(['max_account', 'school_profile', 'vk_id', 'sferum_profile', 'messenger']);
    expect(total.steps.max_account?.shareDone).toBe(0.75);
    expect(total.steps.vk_id).toMatchObject({ done: 1, optedOut: 1, shareDone: 1 });
  });

  it('gives a district one total per path, in the catalogue’s order, and names each school’s path', () => {
    const schools = [
      { id: 'a', name: 'Школа А', classes: 1, path_id: 'vk' },
      { id: 'b', name: 'Школа Б', classes: 1, path_id: 'max' },
      { id: 'c', name: 'Школа В', classes: 1, path_id: 'max' },
    ];
    const rows = [
      ...VK_SCHOOL.map((r) => ({ ...r, school_id: 'a' })),
      ...MAX_CLASS.map((r) => ({ ...r, school_id: 'b' })),
    ];
    const district = buildDistrictReport({ id: 'd', name: 'Район' }, schools, rows, PATH_CATALOGUE);
    expect(district.paths.map((path) => [path.pathId, path.pathName, path.schools])).toEqual([
      ['max', 'Сферум в MAX', 2],
      ['vk', 'Сферум в VK Мессенджере', 1],
    ]);
    expect(district.paths[0]?.students.participants).toBe(4);
    expect(district.schools.map((school) => school.pathId)).toEqual(['vk', 'max', 'max']);
    expect(district.schools[2]?.students.people).toBe(0);
    expect(district.total.students.overall.shareConnected).toBe(0.4);
    expect(Object.keys(district.total.students.steps)).toEqual([
      'max_account',
      'school_profile',
      'vk_id',
      'sferum_profile',
      'messenger',
    ]);
  });

  it('adds up a day of history on two paths as a district', () => {
    const rows = [
      ...MAX_CLASS.map((r) => ({ ...r, path_id: 'max' })),
      ...VK_SCHOOL.map((r) => ({ ...r, path_id: 'vk' })),
    ];
    expect(buildDayReport(rows, ['max', 'vk'], PATH_CATALOGUE)).toEqual(
      combineReports([buildReport(MAX_CLASS, MAX), buildReport(VK_SCHOOL, VK)]),
    );
  });

  it('writes the CSV columns of the union of steps, empty for another path’s steps', () => {
    const max = buildReport(MAX_CLASS, MAX);
    const vk = buildReport(VK_SCHOOL, VK);
    const steps = csvSteps([max, vk]);
    const vkRow = Object.fromEntries(reportColumns({ id: 'vk', name: VK.name }, vk, steps));
    const maxRow = Object.fromEntries(reportColumns({ id: 'max', name: MAX.name }, max, steps));
    expect(Object.keys(vkRow)).toEqual(Object.keys(maxRow));
    expect(Object.keys(maxRow).slice(0, 10)).toEqual([
      'path',
      'path_name',
      'students',
      'students_participants',
      'students_connected',
      'students_in_progress',
      'students_blocked',
      'students_not_started',
      'students_opted_out',
      'students_share_connected',
    ]);
    expect(maxRow).toMatchObject({ path: 'max', students_max_account_share_done: 0.75, students_vk_id_done: '' });
    expect(vkRow).toMatchObject({
      path: 'vk',
      students_vk_id_done: 1,
      students_max_account_done: '',
      students_max_account_blocked_other: '',
    });
    expect(maxRow.students_school_profile_blocked_role_not_confirmed).toBe(1);
  });
});
