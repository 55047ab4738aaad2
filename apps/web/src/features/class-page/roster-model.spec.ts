import { describe, expect, it } from '@jest/globals';
import {
  IMPORT_ERROR_CODES,
  MAX_PATH,
  VK_PATH,
  type ChatMembershipState,
  type ChatSummary,
  type ClassCounter,
  type ImportResult,
  type OnboardingPath,
  type OptOut,
  type RosterFamily,
  type RosterPerson,
  type StepState,
} from '@sferum/contracts';
import { createTranslator } from 'next-intl';
import { ApiError } from '../../api/api-error';
import { MESSAGES } from '../../i18n/messages';
import { acceptsListFile, importChangesNothing } from './import-model';
import {
  bulkTargets,
  cascadedSteps,
  cellState,
  changeErrorKey,
  CLASS_CHAT_COLUMN,
  counterItems,
  filterFamilies,
  filterStep,
  foldedState,
  gridColumns,
  needsRefetch,
  parseDensity,
  readView,
  rosterColumns,
  rosterFilters,
  rowContent,
  summarizeCounters,
  summarizeKind,
  SUBJECT_CHATS_COLUMN,
  writeView,
  type RosterColumn,
} from './roster-model';

const AT = '2026-11-01T10:00:00.000Z';
const PARENTS_CHAT: ChatSummary = {
  id: 'chat-parents',
  kind: 'class',
  audience: 'parents',
  name: null,
  classId: 'c',
  inviteUrl: null,
};
const STUDENTS_CHAT: ChatSummary = {
  id: 'chat-students',
  kind: 'class',
  audience: 'students',
  name: null,
  classId: 'c',
  inviteUrl: null,
};
const SCHOOL_CHAT: ChatSummary = {
  id: 'chat-school',
  kind: 'school',
  audience: 'all',
  name: null,
  classId: null,
  inviteUrl: null,
};
const MAX_CHATS = [SCHOOL_CHAT, PARENTS_CHAT, STUDENTS_CHAT];
const CLASS_CHATS = new Set([PARENTS_CHAT.id, STUDENTS_CHAT.id]);
const E_DIARY: OptOut = { channel: 'e_diary', note: null, at: AT, source: 'teacher' };

type Status = StepState['status'];

/** A person of a class on the MAX path: steps by id, in their own class chat (parents' or students'). */
function person(
  id: string,
  displayName: string,
  {
    kind = 'student',
    steps = {},
    classChat = 'not_joined',
    optOut = null,
    path = MAX_PATH,
  }: {
    kind?: 'student' | 'parent';
    steps?: Record<string, Status>;
    classChat?: ChatMembershipState['status'];
    optOut?: OptOut | null;
    path?: OnboardingPath;
  } = {},
): RosterPerson {
  return {
    id,
    familyId: `family-of-${id}`,
    kind,
    displayName,
    classId: kind === 'student' ? 'class-1' : null,
    version: 1,
    archived: false,
    hasPhone: false,
    sharedPhone: false,
    steps: path.steps.map(({ id: step }) => ({
      step,
      status: steps[step] ?? 'not_started',
      blockerReason: steps[step] === 'blocked' ? 'shared_phone' : null,
      blockerNote: null,
      updatedAt: AT,
      updatedSource: null,
    })),
    chats: [
      {
        chatId: kind === 'parent' ? PARENTS_CHAT.id : STUDENTS_CHAT.id,
        status: classChat,
        blockerReason: null,
        blockerNote: null,
        updatedAt: AT,
        updatedSource: null,
      },
    ],
    optOut,
  };
}

const ALL_DONE = { max_account: 'done', school_profile: 'done' } as const;

function family(id: string, students: RosterPerson[], parents: RosterPerson[] = []): RosterFamily {
  return { id, students, parents };
}

const finished = family(
  'f1',
  [person('s1', 'Аксёнова Мария', { steps: ALL_DONE, classChat: 'joined' })],
  [person('p1', 'Аксёнов Пётр Ильич', { kind: 'parent', steps: ALL_DONE, classChat: 'joined' })],
);
const parentStuck = family(
  'f2',
  [person('s2', 'Борисов Иван', { steps: ALL_DONE, classChat: 'joined' })],
  [person('p2', 'Борисова Анна', { kind: 'parent', steps: { max_account: 'blocked' } })],
);
const notStarted = family('f3', [person('s3', 'Волков Олег')]);
const optedOut = family(
  'f4',
  [person('s4', 'Гусева Дарья', { optOut: E_DIARY, steps: { max_account: 'blocked' } })],
  [person('p4', 'Гусев Антон', { kind: 'parent', optOut: E_DIARY })],
);
const FAMILIES = [finished, parentStuck, notStarted, optedOut];

const ids = (families: RosterFamily[]) => families.map((f) => f.id);
const filter = (name: Parameters<typeof filterFamilies>[1], search = '') =>
  ids(filterFamilies(FAMILIES, name, search, MAX_PATH, CLASS_CHATS));

describe('rosterColumns', () => {
  it('takes the steps of the school’s path in order, then one class chat column, the subject chats by name, the school chat', () => {
    const columns = rosterColumns(MAX_PATH, [
      SCHOOL_CHAT,
      { id: 'math', kind: 'subject', audience: 'students', name: 'Математика', classId: 'c', inviteUrl: null },
      PARENTS_CHAT,
      { id: 'art', kind: 'subject', audience: 'students', name: 'ИЗО', classId: 'c', inviteUrl: null },
      STUDENTS_CHAT,
    ]);
    expect(columns.map((column) => column.id)).toEqual([
      'max_account',
      'school_profile',
      CLASS_CHAT_COLUMN,
      'art',
      'math',
      'chat-school',
    ]);
    const classColumn = columns[2];
    expect(classColumn?.kind === 'chat' && classColumn.chats.map((chat) => chat.id)).toEqual([
      PARENTS_CHAT.id,
      STUDENTS_CHAT.id,
    ]);
  });

  it('has the legacy VK path’s three steps for a school still on it', () => {
    expect(rosterColumns(VK_PATH, [SCHOOL_CHAT]).map((column) => column.id)).toEqual([
      'vk_id',
      'sferum_profile',
      'messenger',
      'chat-school',
    ]);
  });

  it('offers each step only its own reasons, and the chats theirs', () => {
    const [account, profile, chats] = rosterColumns(MAX_PATH, MAX_CHATS);
    const reasons = (column: RosterColumn | undefined) => column?.blockers.map((blocker) => blocker.id);
    expect(reasons(account)).toContain('shared_phone');
    expect(reasons(account)).not.toContain('role_not_confirmed');
    expect(reasons(profile)).toContain('role_not_confirmed');
    expect(reasons(chats)).toEqual(['role_not_confirmed', 'chat_missing', 'other']);
  });
});

describe('cellState and rowContent', () => {
  const columns = rosterColumns(MAX_PATH, MAX_CHATS);
  const classColumn = columns.find((column) => column.id === CLASS_CHAT_COLUMN);
  const schoolColumn = columns.find((column) => column.id === SCHOOL_CHAT.id);

  it('shows a parent the class chat with parents and a student the one with students, in the same column', () => {
    if (!classColumn || !schoolColumn) throw new Error('no chat columns');
    const parent = parentStuck.parents[0];
    const student = parentStuck.students[0];
    if (!parent || !student) throw new Error('no people');
    expect(cellState(parent, classColumn)?.chat?.id).toBe(PARENTS_CHAT.id);
    expect(cellState(student, classColumn)).toMatchObject({ status: 'joined', tone: 'done', chat: STUDENTS_CHAT });
    expect(cellState(student, schoolColumn)).toBeNull();
  });

  it('reads a blocked step with its reason', () => {
    const stuck = parentStuck.parents[0];
    if (!stuck || !columns[0]) throw new Error('no data');
    expect(cellState(stuck, columns[0])).toEqual({
      status: 'blocked',
      tone: 'blocked',
      blockerReason: 'shared_phone',
      blockerNote: null,
      source: null,
      chat: null,
    });
  });

  it('shows the opted-out choice instead of the cells, and cells for everyone else', () => {
    const out = optedOut.students[0];
    const stuck = parentStuck.parents[0];
    if (!out || !stuck) throw new Error('no people');
    expect(rowContent(out, columns)).toEqual({ kind: 'optedOut', optOut: E_DIARY });
    const row = rowContent(stuck, columns);
    expect(row.kind).toBe('cells');
    expect(row.kind === 'cells' && row.cells.map((cell) => cell?.tone ?? null)).toEqual([
      'blocked',
      'open',
      'open',
      null,
    ]);
  });
});

describe('filters', () => {
  it('offers «not done» per step of the path, with «Отказались» beside «Есть проблемы»', () => {
    expect(rosterFilters(MAX_PATH)).toEqual([
      'all',
      'unfinished',
      'blocked',
      'opted_out',
      'missing_max_account',
      'missing_school_profile',
      'missing_chat_class',
    ]);
    expect(filterStep('missing_school_profile')).toBe('school_profile');
    expect(filterStep('missing_chat_class')).toBeNull();
    expect(filterStep('blocked')).toBeNull();
  });

  it('keeps every family for «Все»', () => {
    expect(filter('all')).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('keeps a family where someone taking part has a step or their class chat not done', () => {
    expect(filter('unfinished')).toEqual(['f2', 'f3']);
  });

  it('never counts an opted-out person as stuck, even with a blocked step left from before', () => {
    expect(filter('blocked')).toEqual(['f2']);
  });

  it('shows those who opted out under «Отказались» only', () => {
    expect(filter('opted_out')).toEqual(['f4']);
    expect(filter('missing_max_account')).toEqual(['f2', 'f3']);
    expect(filter('missing_chat_class')).toEqual(['f2', 'f3']);
  });

  it('finds students and parents by part of the name, whatever the case and ё', () => {
    expect(filter('all', 'аксен')).toEqual(['f1']);
    expect(filter('all', '  АННА ')).toEqual(['f2']);
    expect(filter('blocked', 'волков')).toEqual([]);
  });
});

describe('counters', () => {
  const counters: ClassCounter[] = [
    { personKind: 'student', item: 'overall', status: 'connected', people: 12 },
    { personKind: 'student', item: 'overall', status: 'in_progress', people: 5 },
    { personKind: 'student', item: 'overall', status: 'blocked', people: 2 },
    { personKind: 'student', item: 'overall', status: 'not_started', people: 1 },
    { personKind: 'student', item: 'overall', status: 'opted_out', people: 4 },
    { personKind: 'student', item: 'max_account', status: 'done', people: 17 },
    { personKind: 'student', item: 'max_account', status: 'blocked', people: 2 },
    { personKind: 'student', item: 'max_account', status: 'not_started', people: 1 },
    { personKind: 'student', item: 'max_account', status: 'opted_out', people: 4 },
    { personKind: 'student', item: 'chat_class', status: 'joined', people: 12 },
    { personKind: 'student', item: 'chat_class', status: 'not_joined', people: 8 },
    { personKind: 'parent', item: 'overall', status: 'opted_out', people: 3 },
  ];

  it('counts progress as connected of those taking part, with the opted-out apart', () => {
    expect(summarizeKind(counters, 'student')).toEqual({
      people: 24,
      connected: 12,
      inProgress: 5,
      blocked: 2,
      notStarted: 1,
      optedOut: 4,
      participants: 20,
      percent: 60,
    });
  });

  it('gives 0 % and no participants when everyone opted out, and nothing for an empty class', () => {
    expect(summarizeKind(counters, 'parent')).toMatchObject({ people: 3, optedOut: 3, participants: 0, percent: 0 });
    expect(summarizeKind([], 'parent')).toMatchObject({ people: 0, participants: 0, percent: 0 });
  });

  it('rounds down so that 100 % means everyone', () => {
    const almost: ClassCounter[] = [
      { personKind: 'student', item: 'overall', status: 'connected', people: 199 },
      { personKind: 'student', item: 'overall', status: 'in_progress', people: 1 },
    ];
    expect(summarizeKind(almost, 'student').percent).toBe(99);
  });

  it('counts each item over those taking part: done (or joined), blocked, and the opted-out apart', () => {
    expect(summarizeCounters(counters, 'student', ['max_account', 'chat_class', 'school_profile'])).toEqual([
      { item: 'max_account', done: 17, blocked: 2, total: 20, optedOut: 4 },
      { item: 'chat_class', done: 12, blocked: 0, total: 20, optedOut: 0 },
      { item: 'school_profile', done: 0, blocked: 0, total: 0, optedOut: 0 },
    ]);
  });

  it('lists the path’s steps, then the chats, subject chats only where the class has some', () => {
    expect(counterItems(MAX_PATH, false)).toEqual(['max_account', 'school_profile', 'chat_class', 'chat_school']);
    expect(counterItems(VK_PATH, true)).toEqual([
      'vk_id',
      'sferum_profile',
      'messenger',
      'chat_class',
      'chat_subject',
      'chat_school',
    ]);
  });
});

describe('bulkTargets', () => {
  const people = [...familyPeopleOf(parentStuck), ...familyPeopleOf(optedOut)];

  it('leaves out whoever opted out', () => {
    const result = bulkTargets(people, { step: 'max_account' });
    expect(result.reached.map((p) => p.id)).toEqual(['s2', 'p2']);
    expect(result.optedOut).toBe(2);
  });

  it('reaches only a chat’s members', () => {
    const result = bulkTargets(people, { chatId: PARENTS_CHAT.id });
    expect(result.reached.map((p) => p.id)).toEqual(['p2']);
    expect(result).toMatchObject({ optedOut: 2, notInChat: 1 });
  });
});

function familyPeopleOf(f: RosterFamily): RosterPerson[] {
  return [...f.students, ...f.parents];
}

describe('changeErrorKey', () => {
  const conflict = (message: string) => new ApiError(409, { statusCode: 409, error: 'Conflict', message });

  it('tells the conflicts apart by the API’s words', () => {
    expect(changeErrorKey(conflict('Undo the later steps first: school_profile'))).toEqual({
      scope: 'classPage',
      key: 'laterStepsFirst',
    });
    expect(changeErrorKey(conflict('Someone else has just changed this person: reload'))).toEqual({
      scope: 'classPage',
      key: 'stale',
    });
    expect(changeErrorKey(conflict('This person is archived: restore them first'))).toEqual({
      scope: 'classPage',
      key: 'archived',
    });
    expect(changeErrorKey(conflict('This person has opted out: undo the opt-out first'))).toEqual({
      scope: 'classPage',
      key: 'optedOut',
    });
    const coded = new ApiError(409, { statusCode: 409, error: 'Conflict', message: 'Conflict', code: 'opted_out' });
    expect(changeErrorKey(coded)).toEqual({ scope: 'classPage', key: 'optedOut' });
  });

  it('names a bad phone, a step or reason of another path, and falls back to the general messages', () => {
    const invalid = (field: string) =>
      new ApiError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid',
        details: [{ field, messages: ['x'] }],
      });
    expect(changeErrorKey(invalid('parents.1.phone'))).toEqual({ scope: 'classPage', key: 'badPhone' });
    expect(changeErrorKey(invalid('step'))).toEqual({ scope: 'classPage', key: 'notOnPath' });
    expect(changeErrorKey(invalid('blockerReason'))).toEqual({ scope: 'classPage', key: 'notOnPath' });
    expect(changeErrorKey(new ApiError(0))).toEqual({ scope: 'errors', key: 'network' });
  });

  it('asks for fresh data after a stale version, a missing person, an opt-out or a path switch, not after a path-order refusal', () => {
    expect(needsRefetch(conflict('Someone else has just changed this person'))).toBe(true);
    expect(needsRefetch(new ApiError(404))).toBe(true);
    expect(needsRefetch(conflict('This person has opted out'))).toBe(true);
    expect(needsRefetch(conflict('Undo the later steps first: school_profile'))).toBe(false);
  });
});

describe('the class page’s words', () => {
  const ru = createTranslator({ locale: 'ru', messages: MESSAGES.ru, namespace: 'roster' });
  const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'roster' });

  it('names an opt-out after the school’s app, in plain Russian', () => {
    const notUsing = ru('optOut.notUsing', { path: 'max' });
    expect(ru('optOut.line', { notUsing, channel: ru('optOut.channels.e_diary') })).toBe(
      'Не пользуется MAX — электронный дневник',
    );
    expect(ru('optOut.notUsing', { path: 'vk' })).toBe('Не пользуется Сферумом');
    expect(en('optOut.notUsing', { path: 'max' })).toBe('Does not use MAX');
  });

  it('says progress as «N из M подключены» and the opted-out apart', () => {
    expect(ru('counters.connectedOf', { connected: 12, participants: 20 })).toBe('12 из 20 подключены');
    expect(ru('counters.optedOut', { count: 4 })).toBe('отказались: 4');
  });

  it('has a Russian and an English word for every opt-out channel', () => {
    for (const channel of ['e_diary', 'paper', 'phone', 'other'] as const) {
      expect(MESSAGES.ru.roster.optOut.channels[channel]).toMatch(/[а-я]/);
      expect(MESSAGES.en.roster.optOut.channelOptions[channel]).toMatch(/[a-z]/);
    }
  });
});

describe('import', () => {
  const empty: ImportResult = {
    committed: false,
    rows: 2,
    students: { create: 0, update: 0, unchanged: 2 },
    parents: { create: 0, update: 0, unchanged: 3 },
    families: { create: 0, existing: 2 },
    notInFile: 0,
    errors: [],
    preview: [],
  };

  it('has a Russian and an English message for every error code', () => {
    for (const code of IMPORT_ERROR_CODES) {
      expect(MESSAGES.ru.importList.errors[code]).toMatch(/[а-я]/);
      expect(MESSAGES.en.importList.errors[code]).toMatch(/[a-z]/);
    }
  });

  it('says a file already loaded changes nothing', () => {
    expect(importChangesNothing(empty)).toBe(true);
    expect(importChangesNothing({ ...empty, students: { create: 1, update: 0, unchanged: 1 } })).toBe(false);
  });

  it('refuses other file types and files over the limit before sending them', () => {
    expect(acceptsListFile({ name: 'список 5А.XLSX', size: 1000 }, 5000)).toBeNull();
    expect(acceptsListFile({ name: 'list.csv', size: 6000 }, 5000)).toBe('tooBig');
    expect(acceptsListFile({ name: 'list.xls', size: 10 }, 5000)).toBe('wrongType');
  });
});

describe('gridColumns', () => {
  const subject = (id: string, name: string): ChatSummary => ({
    id,
    kind: 'subject',
    audience: 'students',
    name,
    classId: 'c',
    inviteUrl: null,
  });
  const math = subject('math', 'Математика');
  const art = subject('art', 'ИЗО');
  const music = subject('music', 'Музыка');

  it('keeps two subject chats as columns of their own', () => {
    const columns = gridColumns(rosterColumns(MAX_PATH, [...MAX_CHATS, math, art]));
    expect(columns.map((column) => column.id)).toEqual([
      'max_account',
      'school_profile',
      CLASS_CHAT_COLUMN,
      'art',
      'math',
      SCHOOL_CHAT.id,
    ]);
    expect(columns.every((column) => column.kind === 'single')).toBe(true);
  });

  it('folds three subject chats into one column where the first of them stood, in their order', () => {
    const columns = gridColumns(rosterColumns(MAX_PATH, [...MAX_CHATS, math, art, music]));
    expect(columns.map((column) => column.id)).toEqual([
      'max_account',
      'school_profile',
      CLASS_CHAT_COLUMN,
      SUBJECT_CHATS_COLUMN,
      SCHOOL_CHAT.id,
    ]);
    const folded = columns[3];
    expect(folded?.kind === 'folded' && folded.columns.map((column) => column.id)).toEqual(['art', 'math', 'music']);
  });

  it('counts the chats a person is in and how many of them they joined', () => {
    const columns = rosterColumns(MAX_PATH, [math, art, music]).filter((column) => column.kind === 'chat');
    const base = person('s9', 'Дёмин Яков');
    const member = (chatId: string, status: ChatMembershipState['status']): ChatMembershipState => ({
      chatId,
      status,
      blockerReason: null,
      blockerNote: null,
      updatedAt: AT,
      updatedSource: null,
    });
    const student = { ...base, chats: [member('math', 'joined'), member('music', 'not_joined')] };
    const state = foldedState(student, columns);
    expect(state.joined).toBe(1);
    expect(state.items.map((item) => item.column.id)).toEqual(['math', 'music']);
  });
});

describe('cascadedSteps', () => {
  it('names the earlier steps a later one marked, not the one asked for', () => {
    const before = person('s1', 'Аксёнова Мария');
    const after = person('s1', 'Аксёнова Мария', { steps: ALL_DONE });
    expect(cascadedSteps(before, after, { step: 'school_profile' })).toEqual(['max_account']);
    expect(cascadedSteps(before, after, { chatId: STUDENTS_CHAT.id })).toEqual(['max_account', 'school_profile']);
  });

  it('names nothing when only the step asked for changed', () => {
    const before = person('s1', 'Аксёнова Мария');
    const after = person('s1', 'Аксёнова Мария', { steps: { max_account: 'done' } });
    expect(cascadedSteps(before, after, { step: 'max_account' })).toEqual([]);
  });
});

describe('the view in the address', () => {
  const filters = rosterFilters(MAX_PATH);

  it('reads the filter and the search, and an unknown filter as everyone', () => {
    expect(readView(new URLSearchParams('filter=blocked&q=Аксё'), filters)).toEqual({
      filter: 'blocked',
      search: 'Аксё',
    });
    expect(readView(new URLSearchParams('filter=missing_vk_id'), filters)).toEqual({ filter: 'all', search: '' });
  });

  it('writes only what differs from the default and keeps other parameters', () => {
    const params = new URLSearchParams('tab=x');
    expect(writeView(params, { filter: 'all', search: '  ' })).toBe('?tab=x');
    expect(writeView(new URLSearchParams(), { filter: 'opted_out', search: 'Мария' })).toBe(
      `?filter=opted_out&q=${encodeURIComponent('Мария')}`,
    );
    expect(writeView(new URLSearchParams('filter=blocked'), { filter: 'all', search: '' })).toBe('');
  });

  it('reads a density that is not known as compact', () => {
    expect(parseDensity(null)).toBe('compact');
    expect(parseDensity('comfortable')).toBe('comfortable');
    expect(parseDensity('huge')).toBe('compact');
  });
});
