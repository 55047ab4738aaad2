import { describe, expect, it } from '@jest/globals';
import {
  IMPORT_ERROR_CODES,
  type ChatMembershipState,
  type ClassCounter,
  type ImportResult,
  type RosterFamily,
  type RosterPerson,
  type StepId,
  type StepState,
} from '@sferum/contracts';
import { ApiError } from '../../api/api-error';
import { MESSAGES } from '../../i18n/messages';
import { acceptsListFile, importChangesNothing } from './import-model';
import { cellState, changeErrorKey, filterFamilies, needsRefetch, rosterColumns, summarizeCounters } from './roster-model';

const CLASS_CHAT = 'chat-class';
const AT = '2026-11-01T10:00:00.000Z';

function step(stepId: StepId, status: StepState['status'] = 'not_started', extra: Partial<StepState> = {}): StepState {
  return { step: stepId, status, blockerReason: null, blockerNote: null, updatedAt: AT, updatedSource: null, ...extra };
}

function person(
  id: string,
  displayName: string,
  {
    kind = 'student',
    steps = {},
    classChat = 'not_joined',
  }: { kind?: 'student' | 'parent'; steps?: Partial<Record<StepId, StepState['status']>>; classChat?: ChatMembershipState['status'] } = {},
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
    steps: (['vk_id', 'sferum_profile', 'messenger'] as const).map((stepId) =>
      step(stepId, steps[stepId] ?? 'not_started', steps[stepId] === 'blocked' ? { blockerReason: 'shared_phone' } : {}),
    ),
    chats: [{ chatId: CLASS_CHAT, status: classChat, blockerReason: null, blockerNote: null, updatedAt: AT, updatedSource: null }],
  };
}

const ALL_DONE = { vk_id: 'done', sferum_profile: 'done', messenger: 'done' } as const;

function family(id: string, students: RosterPerson[], parents: RosterPerson[] = []): RosterFamily {
  return { id, students, parents };
}

const finished = family('f1', [person('s1', 'Аксёнова Мария', { steps: ALL_DONE, classChat: 'joined' })], [
  person('p1', 'Аксёнов Пётр Ильич', { kind: 'parent', steps: ALL_DONE, classChat: 'joined' }),
]);
const parentStuck = family('f2', [person('s2', 'Борисов Иван', { steps: ALL_DONE, classChat: 'joined' })], [
  person('p2', 'Борисова Анна', { kind: 'parent', steps: { vk_id: 'blocked' } }),
]);
const notStarted = family('f3', [person('s3', 'Волков Олег')]);
const FAMILIES = [finished, parentStuck, notStarted];

const ids = (families: RosterFamily[]) => families.map((f) => f.id);

describe('filterFamilies', () => {
  it('keeps every family for «Все»', () => {
    expect(ids(filterFamilies(FAMILIES, 'all', '', CLASS_CHAT))).toEqual(['f1', 'f2', 'f3']);
  });

  it('keeps a family where a student or a parent has a step or the class chat not done', () => {
    expect(ids(filterFamilies(FAMILIES, 'unfinished', '', CLASS_CHAT))).toEqual(['f2', 'f3']);
  });

  it('keeps only families with someone stuck for «Есть проблемы»', () => {
    expect(ids(filterFamilies(FAMILIES, 'blocked', '', CLASS_CHAT))).toEqual(['f2']);
  });

  it('filters by one missing step', () => {
    expect(ids(filterFamilies(FAMILIES, 'missing_vk_id', '', CLASS_CHAT))).toEqual(['f2', 'f3']);
    expect(ids(filterFamilies(FAMILIES, 'missing_chat_class', '', CLASS_CHAT))).toEqual(['f2', 'f3']);
  });

  it('finds students and parents by part of the name, whatever the case and ё', () => {
    expect(ids(filterFamilies(FAMILIES, 'all', 'аксен', CLASS_CHAT))).toEqual(['f1']);
    expect(ids(filterFamilies(FAMILIES, 'all', '  АННА ', CLASS_CHAT))).toEqual(['f2']);
    expect(ids(filterFamilies(FAMILIES, 'blocked', 'волков', CLASS_CHAT))).toEqual([]);
  });
});

describe('summarizeCounters', () => {
  const counters: ClassCounter[] = [
    { personKind: 'student', item: 'vk_id', status: 'done', people: 20 },
    { personKind: 'student', item: 'vk_id', status: 'blocked', people: 3 },
    { personKind: 'student', item: 'vk_id', status: 'not_started', people: 2 },
    { personKind: 'parent', item: 'vk_id', status: 'done', people: 7 },
    { personKind: 'student', item: 'chat_class', status: 'joined', people: 4 },
    { personKind: 'student', item: 'chat_class', status: 'not_joined', people: 21 },
  ];

  it('counts done (or joined), blocked, and the total over every status, per kind of person', () => {
    expect(summarizeCounters(counters, 'student', ['vk_id', 'chat_class', 'messenger'])).toEqual([
      { item: 'vk_id', done: 20, blocked: 3, total: 25 },
      { item: 'chat_class', done: 4, blocked: 0, total: 25 },
      { item: 'messenger', done: 0, blocked: 0, total: 0 },
    ]);
    expect(summarizeCounters(counters, 'parent', ['vk_id'])).toEqual([{ item: 'vk_id', done: 7, blocked: 0, total: 7 }]);
  });
});

describe('rosterColumns and cellState', () => {
  it('puts the steps first, then the class chat, the subject chats by name, the school chat', () => {
    const columns = rosterColumns([
      { id: 'school', kind: 'school', name: null, classId: null },
      { id: 'math', kind: 'subject', name: 'Математика', classId: 'c' },
      { id: 'class', kind: 'class', name: null, classId: 'c' },
      { id: 'art', kind: 'subject', name: 'ИЗО', classId: 'c' },
    ]);
    expect(columns.map((column) => column.id)).toEqual(['vk_id', 'sferum_profile', 'messenger', 'class', 'art', 'math', 'school']);
  });

  it('reads a blocked step with its reason, and nothing for a chat the person is not in', () => {
    const stuck = parentStuck.parents[0];
    expect(cellState(stuck, { kind: 'step', id: 'vk_id' })).toEqual({
      status: 'blocked',
      tone: 'blocked',
      blockerReason: 'shared_phone',
      blockerNote: null,
      source: null,
    });
    expect(cellState(stuck, { kind: 'chat', id: 'nope', chat: { id: 'nope', kind: 'school', name: null, classId: null } })).toBeNull();
  });
});

describe('changeErrorKey', () => {
  const conflict = (message: string) => new ApiError(409, { statusCode: 409, error: 'Conflict', message });

  it('tells the three conflicts apart by the API’s words', () => {
    expect(changeErrorKey(conflict('Undo the later steps first: messenger'))).toEqual({ scope: 'classPage', key: 'laterStepsFirst' });
    expect(changeErrorKey(conflict('Someone else has just changed this person: reload'))).toEqual({ scope: 'classPage', key: 'stale' });
    expect(changeErrorKey(conflict('This person is archived: restore them first'))).toEqual({ scope: 'classPage', key: 'archived' });
  });

  it('names a bad phone and falls back to the general messages', () => {
    const badPhone = new ApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid',
      details: [{ field: 'parents.1.phone', messages: ['x'] }],
    });
    expect(changeErrorKey(badPhone)).toEqual({ scope: 'classPage', key: 'badPhone' });
    expect(changeErrorKey(new ApiError(0))).toEqual({ scope: 'errors', key: 'network' });
  });

  it('asks for fresh data after a stale version or a missing person, not after a path-order refusal', () => {
    expect(needsRefetch(conflict('Someone else has just changed this person'))).toBe(true);
    expect(needsRefetch(new ApiError(404))).toBe(true);
    expect(needsRefetch(conflict('Undo the later steps first: messenger'))).toBe(false);
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
