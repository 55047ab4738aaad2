import {
  blockersFor,
  CHAT_ITEMS,
  OVERALL_ITEM,
  stepIdsOf,
  type BlockerReason,
  type ChatSummary,
  type ClassCounter,
  type OnboardingPath,
  type OptOut,
  type PathBlocker,
  type PathStep,
  type PersonKind,
  type ProgressItem,
  type ProgressSource,
  type RosterFamily,
  type RosterPerson,
  type StepId,
} from '@sferum/contracts';
import { isApiError } from '../../api/api-error';
import { errorMessageKey, type ErrorMessageKey } from '../../api/error-message';

/**
 * A column of the grid: one step of the school's path, or chats. The class
 * chats are one column: on MAX a class has one with its parents and one with
 * its students, and each row shows the one its person belongs in.
 */
export type RosterColumn =
  | { kind: 'step'; id: StepId; step: PathStep; blockers: PathBlocker[] }
  | { kind: 'chat'; id: string; chatKind: ChatSummary['kind']; chats: ChatSummary[]; blockers: PathBlocker[] };

/** What a cell shows, the same for a step and a chat. */
export type CellTone = 'done' | 'blocked' | 'open';

export interface CellState {
  status: string;
  tone: CellTone;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  source: ProgressSource | null;
  /** the chat this cell is about; null for a step */
  chat: ChatSummary | null;
}

/** The column that holds the class chats. */
export const CLASS_CHAT_COLUMN = 'chat_class';

/** The steps of the path in order, then the class chats, the subject chats by name, the school chat. */
export function rosterColumns(path: OnboardingPath, chats: readonly ChatSummary[]): RosterColumn[] {
  const chatBlockers = blockersFor(path, { chat: true });
  const classChats = chats.filter((chat) => chat.kind === 'class');
  const subjectChats = chats
    .filter((chat) => chat.kind === 'subject')
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'ru'));
  const schoolChats = chats.filter((chat) => chat.kind === 'school');
  const chatColumn = (chat: ChatSummary): RosterColumn => ({
    kind: 'chat',
    id: chat.id,
    chatKind: chat.kind,
    chats: [chat],
    blockers: chatBlockers,
  });
  return [
    ...path.steps.map((step): RosterColumn => ({
      kind: 'step',
      id: step.id,
      step,
      blockers: blockersFor(path, { step: step.id }),
    })),
    ...(classChats.length > 0
      ? [
          {
            kind: 'chat',
            id: CLASS_CHAT_COLUMN,
            chatKind: 'class',
            chats: classChats,
            blockers: chatBlockers,
          } satisfies RosterColumn,
        ]
      : []),
    ...subjectChats.map(chatColumn),
    ...schoolChats.map(chatColumn),
  ];
}

function toneOf(status: string): CellTone {
  if (status === 'done' || status === 'joined') return 'done';
  if (status === 'blocked') return 'blocked';
  return 'open';
}

/** A person's state in one column; null when the person is in none of its chats. */
export function cellState(person: RosterPerson, column: RosterColumn): CellState | null {
  if (column.kind === 'step') {
    const state = person.steps.find((step) => step.step === column.id);
    if (!state) return null;
    return {
      status: state.status,
      tone: toneOf(state.status),
      blockerReason: state.blockerReason,
      blockerNote: state.blockerNote,
      source: state.updatedSource,
      chat: null,
    };
  }
  for (const chat of column.chats) {
    const state = person.chats.find((membership) => membership.chatId === chat.id);
    if (state) {
      return {
        status: state.status,
        tone: toneOf(state.status),
        blockerReason: state.blockerReason,
        blockerNote: state.blockerNote,
        source: state.updatedSource,
        chat,
      };
    }
  }
  return null;
}

/** What a row shows after the name: a cell per column, or, for someone who opted out, that choice instead. */
export type RowContent = { kind: 'optedOut'; optOut: OptOut } | { kind: 'cells'; cells: Array<CellState | null> };

export function rowContent(person: RosterPerson, columns: readonly RosterColumn[]): RowContent {
  if (person.optOut) return { kind: 'optedOut', optOut: person.optOut };
  return { kind: 'cells', cells: columns.map((column) => cellState(person, column)) };
}

export type RosterFilter = 'all' | 'unfinished' | 'blocked' | 'opted_out' | `missing_${StepId}` | 'missing_chat_class';

/** The filters a class on this path offers: «not done» one per step of the path. */
export function rosterFilters(path: OnboardingPath): RosterFilter[] {
  return [
    'all',
    'unfinished',
    'blocked',
    'opted_out',
    ...stepIdsOf(path).map((id): RosterFilter => `missing_${id}`),
    'missing_chat_class',
  ];
}

/** The step a «not done» filter is about, or null for the other filters. */
export function filterStep(filter: RosterFilter): StepId | null {
  return filter.startsWith('missing_') && filter !== 'missing_chat_class' ? filter.slice('missing_'.length) : null;
}

export function classChatIds(chats: readonly ChatSummary[]): ReadonlySet<string> {
  return new Set(chats.filter((chat) => chat.kind === 'class').map((chat) => chat.id));
}

/** The person's class chat status; null while they have no class chat (it is not yet set up). */
function classChatStatus(person: RosterPerson, classChats: ReadonlySet<string>): string | null {
  return person.chats.find((chat) => classChats.has(chat.chatId))?.status ?? null;
}

/**
 * Whether one person has what the filter looks for. Someone who opted out
 * has nothing left to do and nothing in the way: only «Отказались» (and «Все»)
 * shows them.
 */
export function personMatches(
  person: RosterPerson,
  filter: RosterFilter,
  path: OnboardingPath,
  classChats: ReadonlySet<string>,
): boolean {
  if (filter === 'all') return true;
  if (filter === 'opted_out') return person.optOut !== null;
  if (person.optOut) return false;
  const stepStatus = (step: StepId) => person.steps.find((state) => state.step === step)?.status;
  const chat = classChatStatus(person, classChats);
  switch (filter) {
    case 'unfinished':
      return stepIdsOf(path).some((step) => stepStatus(step) !== 'done') || (chat !== null && chat !== 'joined');
    case 'blocked':
      return (
        person.steps.some((step) => step.status === 'blocked') ||
        person.chats.some((state) => state.status === 'blocked')
      );
    case 'missing_chat_class':
      return chat !== null && chat !== 'joined';
    default: {
      const step = filterStep(filter);
      return step !== null && stepStatus(step) !== 'done';
    }
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
  path: OnboardingPath,
  classChats: ReadonlySet<string>,
): RosterFamily[] {
  const needle = normalizeName(search);
  return families.filter((family) => {
    const people = familyPeople(family);
    const matchesSearch = needle === '' || people.some((person) => normalizeName(person.displayName).includes(needle));
    return matchesSearch && people.some((person) => personMatches(person, filter, path, classChats));
  });
}

/** Where one kind of person of the class stands as a whole, from the counters' `overall` rows. */
export interface KindSummary {
  people: number;
  connected: number;
  inProgress: number;
  blocked: number;
  notStarted: number;
  optedOut: number;
  /** people who did not opt out: the base of "progress" */
  participants: number;
  /** connected / participants, 0..100, rounded down so that 100 means everyone; 0 without participants */
  percent: number;
}

export function summarizeKind(counters: readonly ClassCounter[], kind: PersonKind): KindSummary {
  const rows = counters.filter((counter) => counter.personKind === kind && counter.item === OVERALL_ITEM);
  const count = (status: string) =>
    rows.filter((row) => row.status === status).reduce((sum, row) => sum + row.people, 0);
  const connected = count('connected');
  const optedOut = count('opted_out');
  const people = rows.reduce((sum, row) => sum + row.people, 0);
  const participants = people - optedOut;
  return {
    people,
    connected,
    inProgress: count('in_progress'),
    blocked: count('blocked'),
    notStarted: count('not_started'),
    optedOut,
    participants,
    percent: participants === 0 ? 0 : Math.floor((connected / participants) * 100),
  };
}

export interface CounterSummary {
  item: ProgressItem;
  done: number;
  blocked: number;
  /** everyone counted on the item but those who opted out */
  total: number;
  optedOut: number;
}

/** Per item, for one kind of person: how many are done, blocked, in all, and (apart) opted out. */
export function summarizeCounters(
  counters: readonly ClassCounter[],
  kind: PersonKind,
  items: readonly ProgressItem[],
): CounterSummary[] {
  return items.map((item) => {
    const rows = counters.filter((counter) => counter.personKind === kind && counter.item === item);
    const sum = (pick: (status: string) => boolean) =>
      rows.filter((row) => pick(row.status)).reduce((total, row) => total + row.people, 0);
    return {
      item,
      done: sum((status) => status === 'done' || status === 'joined'),
      blocked: sum((status) => status === 'blocked'),
      total: sum((status) => status !== 'opted_out'),
      optedOut: sum((status) => status === 'opted_out'),
    };
  });
}

/** The per-item counters a class shows: each step of the path, then the chats (subject chats only where there are any). */
export function counterItems(path: OnboardingPath, hasSubjectChats: boolean): ProgressItem[] {
  return [...stepIdsOf(path), ...CHAT_ITEMS.filter((item) => item !== 'chat_subject' || hasSubjectChats)];
}

/**
 * Whom a bulk change of one step or chat reaches among the chosen people:
 * someone who opted out is left alone (the API refuses their steps), and a
 * chat change reaches only that chat's members.
 */
export function bulkTargets(
  people: readonly RosterPerson[],
  target: { step: StepId } | { chatId: string },
): { reached: RosterPerson[]; optedOut: number; notInChat: number } {
  const reached: RosterPerson[] = [];
  let optedOut = 0;
  let notInChat = 0;
  for (const person of people) {
    if (person.optOut) optedOut += 1;
    else if ('chatId' in target && !person.chats.some((chat) => chat.chatId === target.chatId)) notInChat += 1;
    else reached.push(person);
  }
  return { reached, optedOut, notInChat };
}

/** Why a change was refused, as a key under `classPage.errors`, or a general key under `errors`. */
export type ChangeErrorKey =
  | {
      scope: 'classPage';
      key: 'laterStepsFirst' | 'stale' | 'archived' | 'notInClass' | 'badPhone' | 'optedOut' | 'notOnPath';
    }
  | { scope: 'errors'; key: ErrorMessageKey };

/**
 * The API says in English which 409 it is (the path's order, a stale version,
 * an archived or opted-out person); the teacher reads it in Russian.
 */
export function changeErrorKey(error: unknown): ChangeErrorKey {
  if (isApiError(error, 409)) {
    if (error.body?.code === 'opted_out') return { scope: 'classPage', key: 'optedOut' };
    const message = error.body?.message ?? '';
    if (/later steps/i.test(message)) return { scope: 'classPage', key: 'laterStepsFirst' };
    if (/archived/i.test(message)) return { scope: 'classPage', key: 'archived' };
    if (/opt(ed)?[ -]?out|does not use/i.test(message)) return { scope: 'classPage', key: 'optedOut' };
    if (/someone else/i.test(message)) return { scope: 'classPage', key: 'stale' };
  }
  if (isApiError(error, 404)) return { scope: 'classPage', key: 'notInClass' };
  if (isApiError(error, 400)) {
    if (error.fields.some((field) => field === 'phone' || field.endsWith('.phone')))
      return { scope: 'classPage', key: 'badPhone' };
    // A step or reason of another path: the school has just switched paths.
    if (error.fields.some((field) => field === 'step' || field === 'blockerReason'))
      return { scope: 'classPage', key: 'notOnPath' };
  }
  return { scope: 'errors', key: errorMessageKey(error) };
}

/** Whether the roster on screen is out of date after this failure, so it should be fetched again. */
export function needsRefetch(error: unknown): boolean {
  const key = changeErrorKey(error);
  return (
    key.scope === 'classPage' &&
    (key.key === 'stale' ||
      key.key === 'notInClass' ||
      key.key === 'archived' ||
      key.key === 'optedOut' ||
      key.key === 'notOnPath')
  );
}

/** The subject chats fold into one column of the grid beyond this many. */
export const FOLD_SUBJECT_CHATS_OVER = 2;

/** The id of the folded subject chats' column. */
export const SUBJECT_CHATS_COLUMN = 'chat_subject';

/** A column of the grid on screen: one of the roster's columns, or the subject chats folded into one. */
export type GridColumn =
  | { kind: 'single'; id: string; column: RosterColumn }
  | { kind: 'folded'; id: typeof SUBJECT_CHATS_COLUMN; columns: RosterColumn[] };

/**
 * The columns as the grid shows them: with more than two subject chats they
 * are one column (a count with the list behind it), so a class with many
 * subjects does not push the grid off the screen.
 */
export function gridColumns(columns: readonly RosterColumn[]): GridColumn[] {
  const isSubject = (column: RosterColumn) => column.kind === 'chat' && column.chatKind === 'subject';
  const subjects = columns.filter(isSubject);
  if (subjects.length <= FOLD_SUBJECT_CHATS_OVER)
    return columns.map((column) => ({ kind: 'single', id: column.id, column }));
  const result: GridColumn[] = [];
  for (const column of columns) {
    if (!isSubject(column)) result.push({ kind: 'single', id: column.id, column });
    else if (column === subjects[0]) result.push({ kind: 'folded', id: SUBJECT_CHATS_COLUMN, columns: subjects });
  }
  return result;
}

/** A person's subject chats in a folded column: the chats they are in, each with its state, and how many joined. */
export function foldedState(
  person: RosterPerson,
  columns: readonly RosterColumn[],
): { items: Array<{ column: RosterColumn; state: CellState }>; joined: number } {
  const items = columns.flatMap((column) => {
    const state = cellState(person, column);
    return state ? [{ column, state }] : [];
  });
  return { items, joined: items.filter((item) => item.state.tone === 'done').length };
}

/**
 * The steps a change marked besides the one asked for (a later step done
 * marks the earlier ones, a chat joined marks every step): what the page says
 * aloud so the teacher hears it, in the path's order.
 */
export function cascadedSteps(
  before: RosterPerson,
  after: RosterPerson,
  target: { step: string } | { chatId: string },
) {
  const was = new Map(before.steps.map((state) => [state.step, state.status]));
  return after.steps
    .filter((state) => !('step' in target && target.step === state.step))
    .filter((state) => state.status === 'done' && was.get(state.step) !== 'done')
    .map((state) => state.step);
}

/** How the grid is laid out: compact rows (the default) or roomier ones with the notes under each status. */
export type RosterDensity = 'compact' | 'comfortable';

export const DENSITY_STORAGE_KEY = 'sferum.roster.density';

export function parseDensity(value: string | null): RosterDensity {
  return value === 'comfortable' ? 'comfortable' : 'compact';
}

/** The filter and search kept in the page's address, so a reload or the back button keeps them. */
export interface RosterView {
  filter: RosterFilter;
  search: string;
}

const FILTER_PARAM = 'filter';
const SEARCH_PARAM = 'q';

/** The view in the address; a filter the path does not offer reads as everyone. */
export function readView(params: URLSearchParams, filters: readonly RosterFilter[]): RosterView {
  const filter = params.get(FILTER_PARAM);
  return {
    filter: filters.find((candidate) => candidate === filter) ?? 'all',
    search: params.get(SEARCH_PARAM) ?? '',
  };
}

/** The address's query with the view in it, other parameters kept; the defaults are left out. */
export function writeView(params: URLSearchParams, view: RosterView): string {
  const next = new URLSearchParams(params);
  if (view.filter === 'all') next.delete(FILTER_PARAM);
  else next.set(FILTER_PARAM, view.filter);
  if (view.search.trim() === '') next.delete(SEARCH_PARAM);
  else next.set(SEARCH_PARAM, view.search);
  const query = next.toString();
  return query === '' ? '' : `?${query}`;
}
