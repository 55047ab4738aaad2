import {
  STEP_IDS,
  type BlockerReason,
  type ChatSummary,
  type ClassCounter,
  type PersonKind,
  type ProgressItem,
  type ProgressSource,
  type RosterFamily,
  type RosterPerson,
  type StepId,
} from '@sferum/contracts';
import { isApiError } from '../../api/api-error';
import { errorMessageKey, type ErrorMessageKey } from '../../api/error-message';

/** A column of the grid: one step of the path, or one chat. */
export type RosterColumn = { kind: 'step'; id: StepId } | { kind: 'chat'; id: string; chat: ChatSummary };

/** What a cell shows, the same for a step and a chat. */
export type CellTone = 'done' | 'blocked' | 'open';

export interface CellState {
  status: string;
  tone: CellTone;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  source: ProgressSource | null;
}

/** The steps, then the class chat, the subject chats by name, the school chat. */
export function rosterColumns(chats: readonly ChatSummary[]): RosterColumn[] {
  const rank = { class: 0, subject: 1, school: 2 } as const;
  const sorted = [...chats].sort(
    (a, b) => rank[a.kind] - rank[b.kind] || (a.name ?? '').localeCompare(b.name ?? '', 'ru'),
  );
  return [
    ...STEP_IDS.map((id): RosterColumn => ({ kind: 'step', id })),
    ...sorted.map((chat): RosterColumn => ({ kind: 'chat', id: chat.id, chat })),
  ];
}

function toneOf(status: string): CellTone {
  if (status === 'done' || status === 'joined') return 'done';
  if (status === 'blocked') return 'blocked';
  return 'open';
}

/** A person's state in one column; null when the person is not in that chat. */
export function cellState(person: RosterPerson, column: RosterColumn): CellState | null {
  const state =
    column.kind === 'step'
      ? person.steps.find((step) => step.step === column.id)
      : person.chats.find((chat) => chat.chatId === column.id);
  if (!state) return null;
  return {
    status: state.status,
    tone: toneOf(state.status),
    blockerReason: state.blockerReason,
    blockerNote: state.blockerNote,
    source: state.updatedSource,
  };
}

export type StepFilter = `missing_${StepId}` | 'missing_chat_class';
export type RosterFilter = 'all' | 'unfinished' | 'blocked' | StepFilter;

export const ROSTER_FILTERS: readonly RosterFilter[] = [
  'all',
  'unfinished',
  'blocked',
  'missing_vk_id',
  'missing_sferum_profile',
  'missing_messenger',
  'missing_chat_class',
];

function classChatStatus(person: RosterPerson, classChatId: string | null): string | null {
  if (!classChatId) return null;
  return person.chats.find((chat) => chat.chatId === classChatId)?.status ?? null;
}

/** Whether one person has what the filter looks for. */
export function personMatches(person: RosterPerson, filter: RosterFilter, classChatId: string | null): boolean {
  const stepStatus = (step: StepId) => person.steps.find((state) => state.step === step)?.status;
  switch (filter) {
    case 'all':
      return true;
    case 'unfinished': {
      const chat = classChatStatus(person, classChatId);
      return STEP_IDS.some((step) => stepStatus(step) !== 'done') || (chat !== null && chat !== 'joined');
    }
    case 'blocked':
      return person.steps.some((step) => step.status === 'blocked') || person.chats.some((chat) => chat.status === 'blocked');
    case 'missing_chat_class': {
      const chat = classChatStatus(person, classChatId);
      return chat !== null && chat !== 'joined';
    }
    case 'missing_vk_id':
      return stepStatus('vk_id') !== 'done';
    case 'missing_sferum_profile':
      return stepStatus('sferum_profile') !== 'done';
    case 'missing_messenger':
      return stepStatus('messenger') !== 'done';
  }
}

/** Lower case, ё as е, single spaces: how a teacher types a name into the search box. */
export function normalizeName(name: string): string {
  return name.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function familyPeople(family: RosterFamily): RosterPerson[] {
  return [...family.students, ...family.parents];
}

/**
 * The families to show: a family stays when someone in it (a student or a
 * parent) has what the filter looks for, and someone's name holds the search.
 */
export function filterFamilies(
  families: readonly RosterFamily[],
  filter: RosterFilter,
  search: string,
  classChatId: string | null,
): RosterFamily[] {
  const needle = normalizeName(search);
  return families.filter((family) => {
    const people = familyPeople(family);
    const matchesSearch = needle === '' || people.some((person) => normalizeName(person.displayName).includes(needle));
    return matchesSearch && people.some((person) => personMatches(person, filter, classChatId));
  });
}

export function classChatOf(chats: readonly ChatSummary[]): string | null {
  return chats.find((chat) => chat.kind === 'class')?.id ?? null;
}

export interface CounterSummary {
  item: ProgressItem;
  done: number;
  blocked: number;
  total: number;
}

/** Per item, for one kind of person: how many are done, blocked, and in all (the sum over every status). */
export function summarizeCounters(counters: readonly ClassCounter[], kind: PersonKind, items: readonly ProgressItem[]): CounterSummary[] {
  return items.map((item) => {
    const rows = counters.filter((counter) => counter.personKind === kind && counter.item === item);
    const sum = (pick: (status: string) => boolean) =>
      rows.filter((row) => pick(row.status)).reduce((total, row) => total + row.people, 0);
    return {
      item,
      done: sum((status) => status === 'done' || status === 'joined'),
      blocked: sum((status) => status === 'blocked'),
      total: sum(() => true),
    };
  });
}

/** Why a change was refused, as a key under `classPage.errors`, or a general key under `errors`. */
export type ChangeErrorKey =
  | { scope: 'classPage'; key: 'laterStepsFirst' | 'stale' | 'archived' | 'notInClass' | 'badPhone' }
  | { scope: 'errors'; key: ErrorMessageKey };

/**
 * The API says in English which 409 it is (the path's order, a stale version,
 * an archived person); the teacher reads it in Russian.
 */
export function changeErrorKey(error: unknown): ChangeErrorKey {
  if (isApiError(error, 409)) {
    const message = error.body?.message ?? '';
    if (/later steps/i.test(message)) return { scope: 'classPage', key: 'laterStepsFirst' };
    if (/archived/i.test(message)) return { scope: 'classPage', key: 'archived' };
    if (/someone else/i.test(message)) return { scope: 'classPage', key: 'stale' };
  }
  if (isApiError(error, 404)) return { scope: 'classPage', key: 'notInClass' };
  if (isApiError(error, 400) && error.fields.some((field) => field === 'phone' || field.endsWith('.phone'))) {
    return { scope: 'classPage', key: 'badPhone' };
  }
  return { scope: 'errors', key: errorMessageKey(error) };
}

/** Whether the roster on screen is out of date after this failure, so it should be fetched again. */
export function needsRefetch(error: unknown): boolean {
  const key = changeErrorKey(error);
  return key.scope === 'classPage' && (key.key === 'stale' || key.key === 'notInClass' || key.key === 'archived');
}
