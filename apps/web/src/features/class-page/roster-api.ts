import {
  type FamilyMatch,
  type FamilyMatchRequest,
  API_PREFIX,
  API_ROUTES,
  CHAT_AUDIENCES,
  CHAT_KINDS,
  CHAT_STATUSES,
  IMPORT_COLUMN_ROLES,
  IMPORT_ERROR_CODES,
  IMPORT_WARNING_CODES,
  OPT_OUT_CHANNELS,
  PERSON_KINDS,
  PERSON_STATUSES,
  PROGRESS_SOURCES,
  STEP_STATUSES,
  type BulkProgressRequest,
  type BulkProgressResult,
  type ChatMembershipState,
  type ChatSummary,
  type ClassCounter,
  type ClassCounters,
  type ClassRoster,
  type CreateStudentRequest,
  type FamilyOptOutRequest,
  type ImportAction,
  type ColumnRole,
  type ImportColumnMapping,
  type ImportCounts,
  type ImportReport,
  type ImportResult,
  type OptOut,
  type OptOutState,
  type PersonChangeResult,
  type ProgressEvent,
  type ProgressEventKind,
  type RosterFamily,
  type RosterPerson,
  type SetOptOutRequest,
  type SetStatusRequest,
  type StepId,
  type StepState,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest, getFromApi } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import {
  bool,
  list,
  num,
  numOrNull,
  oneOf,
  oneOfOrNull,
  optionalStr,
  parseApiErrorBody,
  parseSchoolClass,
  pathId,
  record,
  ResponseShapeError,
  str,
  type Parser,
} from '../../api/parse';
import { byId } from '../../api/queries';

const ALL_STATUSES = [...STEP_STATUSES, ...CHAT_STATUSES] as const;
const COUNTER_STATUSES = [...STEP_STATUSES, ...CHAT_STATUSES, ...PERSON_STATUSES] as const;
const OPT_OUT_STATES: readonly OptOutState[] = ['participating', 'opted_out'];
const EVENT_STATUSES = [...ALL_STATUSES, ...OPT_OUT_STATES] as const;
const EVENT_KINDS: readonly ProgressEventKind[] = ['step', 'chat', 'opt_out'];
const IMPORT_ACTIONS: readonly ImportAction[] = ['create', 'update', 'unchanged'];

const parseStepState: Parser<StepState> = (value) => {
  const o = record(value, 'step');
  return {
    // Step and reason ids are the school's path's (paths/catalogue.ts), kept as the API sends them.
    step: str(o, 'step'),
    status: oneOf(o, 'status', STEP_STATUSES),
    blockerReason: optionalStr(o, 'blockerReason'),
    blockerNote: optionalStr(o, 'blockerNote'),
    updatedAt: str(o, 'updatedAt'),
    updatedSource: oneOfOrNull(o, 'updatedSource', PROGRESS_SOURCES),
  };
};

const parseChatState: Parser<ChatMembershipState> = (value) => {
  const o = record(value, 'chat membership');
  return {
    chatId: str(o, 'chatId'),
    status: oneOf(o, 'status', CHAT_STATUSES),
    blockerReason: optionalStr(o, 'blockerReason'),
    blockerNote: optionalStr(o, 'blockerNote'),
    updatedAt: str(o, 'updatedAt'),
    updatedSource: oneOfOrNull(o, 'updatedSource', PROGRESS_SOURCES),
  };
};

const parseOptOut: Parser<OptOut> = (value) => {
  const o = record(value, 'opt-out');
  return {
    channel: oneOf(o, 'channel', OPT_OUT_CHANNELS),
    note: optionalStr(o, 'note'),
    at: str(o, 'at'),
    source: oneOf(o, 'source', PROGRESS_SOURCES),
  };
};

export const parseRosterPerson: Parser<RosterPerson> = (value) => {
  const o = record(value, 'person');
  return {
    id: str(o, 'id'),
    familyId: str(o, 'familyId'),
    kind: oneOf(o, 'kind', PERSON_KINDS),
    displayName: str(o, 'displayName'),
    classId: optionalStr(o, 'classId'),
    version: num(o, 'version'),
    archived: bool(o, 'archived'),
    hasPhone: bool(o, 'hasPhone'),
    sharedPhone: bool(o, 'sharedPhone'),
    steps: list(o.steps, parseStepState, 'steps'),
    chats: list(o.chats, parseChatState, 'chats'),
    optOut: o.optOut === null || o.optOut === undefined ? null : parseOptOut(o.optOut),
  };
};

export const parseRosterFamily: Parser<RosterFamily> = (value) => {
  const o = record(value, 'family');
  return {
    id: str(o, 'id'),
    students: list(o.students, parseRosterPerson, 'students'),
    parents: list(o.parents, parseRosterPerson, 'parents'),
  };
};

export const parseChatSummary: Parser<ChatSummary> = (value) => {
  const o = record(value, 'chat');
  return {
    id: str(o, 'id'),
    kind: oneOf(o, 'kind', CHAT_KINDS),
    audience: oneOf(o, 'audience', CHAT_AUDIENCES),
    name: optionalStr(o, 'name'),
    classId: optionalStr(o, 'classId'),
    inviteUrl: optionalStr(o, 'inviteUrl'),
  };
};

const parseCounter: Parser<ClassCounter> = (value) => {
  const o = record(value, 'counter');
  return {
    personKind: oneOf(o, 'personKind', PERSON_KINDS),
    item: str(o, 'item'),
    status: oneOf(o, 'status', COUNTER_STATUSES),
    people: num(o, 'people'),
  };
};

export const parseClassRoster: Parser<ClassRoster> = (value) => {
  const o = record(value, 'roster');
  return {
    schoolClass: parseSchoolClass(o.schoolClass),
    pathId: pathId(o),
    chats: list(o.chats, parseChatSummary, 'chats'),
    counters: list(o.counters, parseCounter, 'counters'),
    families: list(o.families, parseRosterFamily, 'families'),
  };
};

export const parseProgressEvent: Parser<ProgressEvent> = (value) => {
  const o = record(value, 'event');
  return {
    id: str(o, 'id'),
    personId: str(o, 'personId'),
    kind: oneOf(o, 'kind', EVENT_KINDS),
    // The path of the time: an older event may name a path the school has left.
    pathId: str(o, 'pathId'),
    step: optionalStr(o, 'step'),
    chatId: optionalStr(o, 'chatId'),
    fromStatus: oneOf(o, 'fromStatus', EVENT_STATUSES),
    toStatus: oneOf(o, 'toStatus', EVENT_STATUSES),
    channel: oneOfOrNull(o, 'channel', OPT_OUT_CHANNELS),
    blockerReason: optionalStr(o, 'blockerReason'),
    blockerNote: optionalStr(o, 'blockerNote'),
    source: oneOf(o, 'source', PROGRESS_SOURCES),
    actorName: optionalStr(o, 'actorName'),
    createdAt: str(o, 'createdAt'),
  };
};

const parseCounts = (value: unknown): ImportCounts => {
  const o = record(value, 'counts');
  return { create: num(o, 'create'), update: num(o, 'update'), unchanged: num(o, 'unchanged') };
};

export const parseImportResult: Parser<ImportResult> = (value) => {
  const o = record(value, 'import result');
  const families = record(o.families, 'families');
  return {
    committed: bool(o, 'committed'),
    rows: num(o, 'rows'),
    students: parseCounts(o.students),
    parents: parseCounts(o.parents),
    families: { create: num(families, 'create'), existing: num(families, 'existing') },
    notInFile: num(o, 'notInFile'),
    errors: list(
      o.errors,
      (item) => {
        const e = record(item, 'import error');
        return {
          row: numOrNull(e, 'row'),
          column: optionalStr(e, 'column'),
          code: oneOf(e, 'code', IMPORT_ERROR_CODES),
          message: str(e, 'message'),
        };
      },
      'errors',
    ),
    preview: list(
      o.preview,
      (item) => {
        const p = record(item, 'preview row');
        return {
          row: num(p, 'row'),
          student: str(p, 'student'),
          action: oneOf(p, 'action', IMPORT_ACTIONS),
          newFamily: bool(p, 'newFamily'),
          parents: list(
            p.parents,
            (parent) => {
              const r = record(parent, 'preview parent');
              return { name: str(r, 'name'), action: oneOf(r, 'action', IMPORT_ACTIONS) };
            },
            'parents',
          ),
        };
      },
      'preview',
    ),
  };
};

/** Whether a typed parent is already a parent of the school: the classes of that family's children, no names. */
export const parseFamilyMatch: Parser<FamilyMatch> = (value) => {
  const o = record(value, 'family match');
  if (o.match === null) return { match: null };
  const match = record(o.match, 'match');
  return { match: { parentName: str(match, 'parentName'), classes: list(match.classes, (item) => String(item), 'classes') } };
};

const ROSTER_ROOT = ['roster'] as const;
const PEOPLE = `${API_PREFIX}/people`;
const FAMILIES = `${API_PREFIX}/families`;

const ROSTERS = [...ROSTER_ROOT, 'class'] as const;

export const rosterKeys = {
  all: ROSTER_ROOT,
  /** Every class's roster, with the archive or without. */
  rosters: ROSTERS,
  roster: (classId: string, includeArchived: boolean) => [...ROSTERS, classId, { includeArchived }] as const,
  /** The class of a roster's key; null for any other key. */
  classOf: (queryKey: readonly unknown[]): string | null =>
    queryKey[0] === ROSTERS[0] && queryKey[1] === ROSTERS[1] && typeof queryKey[2] === 'string' ? queryKey[2] : null,
  history: (personId: string) => [...ROSTER_ROOT, 'history', personId] as const,
};

export const rosterQuery = (classId: string, includeArchived: boolean) =>
  queryOptions({
    queryKey: rosterKeys.roster(classId, includeArchived),
    queryFn: getFromApi(`${byId(API_ROUTES.classes, classId)}/roster${includeArchived ? '?includeArchived=true' : ''}`, parseClassRoster),
  });

export const historyQuery = (personId: string) =>
  queryOptions({
    queryKey: rosterKeys.history(personId),
    queryFn: getFromApi(`${byId(PEOPLE, personId)}/history`, listOfEvents),
    staleTime: 0,
  });

const parseClassCounters: Parser<ClassCounters> = (value) => {
  const o = record(value, 'class counters');
  return { classId: str(o, 'classId'), counters: list(o.counters, parseCounter, 'counters') };
};

export const parsePersonChange: Parser<PersonChangeResult> = (value) => {
  const o = record(value, 'change');
  return { person: parseRosterPerson(o.person), classes: list(o.classes, parseClassCounters, 'classes') };
};

export const parseUpdated: Parser<BulkProgressResult> = (value) => {
  const o = record(value, 'bulk');
  return { updated: list(o.updated, parseRosterPerson, 'updated'), classes: list(o.classes, parseClassCounters, 'classes') };
};

const listOfEvents: Parser<ProgressEvent[]> = (value) => list(value, parseProgressEvent, 'history');

export const rosterApi = {
  setStep: (personId: string, step: StepId, body: SetStatusRequest) =>
    apiRequest(`${byId(PEOPLE, personId)}/steps/${step}`, { method: 'PUT', body, parse: parsePersonChange }),
  setChat: (personId: string, chatId: string, body: SetStatusRequest) =>
    apiRequest(`${byId(PEOPLE, personId)}/chats/${encodeURIComponent(chatId)}`, {
      method: 'PUT',
      body,
      parse: parsePersonChange,
    }),
  bulk: (classId: string, body: BulkProgressRequest): Promise<BulkProgressResult> =>
    apiRequest(`${byId(API_ROUTES.classes, classId)}/progress`, { method: 'POST', body, parse: parseUpdated }),
  /** Marks one person as not using Sferum/MAX, with the channel used instead, or back. */
  setOptOut: (personId: string, body: SetOptOutRequest) =>
    apiRequest(`${byId(PEOPLE, personId)}/opt-out`, { method: 'PUT', body, parse: parsePersonChange }),
  /** The same for every person of a family at once. */
  setFamilyOptOut: (familyId: string, body: FamilyOptOutRequest): Promise<BulkProgressResult> =>
    apiRequest(`${byId(FAMILIES, familyId)}/opt-out`, { method: 'PUT', body, parse: parseUpdated }),
  updatePerson: (personId: string, body: { version: number; displayName?: string; phone?: string | null }) =>
    apiRequest(byId(PEOPLE, personId), { method: 'PATCH', body, parse: parseRosterPerson }),
  archive: (personId: string, version: number, archived: boolean) =>
    apiRequest(`${byId(PEOPLE, personId)}/${archived ? 'archive' : 'restore'}`, {
      method: 'POST',
      body: { version },
      parse: parseRosterPerson,
    }),
  move: (personId: string, version: number, classId: string) =>
    apiRequest(`${byId(PEOPLE, personId)}/move`, { method: 'POST', body: { version, classId }, parse: parseRosterPerson }),
  addParent: (familyId: string, body: { displayName: string; phone?: string }) =>
    apiRequest(`${byId(FAMILIES, familyId)}/parents`, { method: 'POST', body, parse: parseRosterPerson }),
  addStudent: (classId: string, body: CreateStudentRequest) =>
    apiRequest(`${byId(API_ROUTES.classes, classId)}/students`, { method: 'POST', body, parse: parseRosterFamily }),
  familyMatch: (classId: string, body: FamilyMatchRequest) =>
    apiRequest(`${byId(API_ROUTES.classes, classId)}/students/family-match`, { method: 'POST', body, parse: parseFamilyMatch }),
  addChat: (classId: string, name: string) =>
    apiRequest(`${byId(API_ROUTES.classes, classId)}/chats`, { method: 'POST', body: { name }, parse: parseChatSummary }),
};

export type ImportMode = 'preview' | 'commit';

/** How to read the file: the teacher's roles of the columns and the header row; left out, the API finds them. */
export interface ImportReading {
  mapping?: ImportColumnMapping;
  headerRow?: number;
}

const MAPPING_SOURCES = ['detected', 'saved', 'request'] as const;

const parseMapping = (value: unknown): ImportColumnMapping => {
  const o = record(value, 'mapping');
  const mapping: ImportColumnMapping = {};
  for (const [key, role] of Object.entries(o)) {
    if (role !== null && !(IMPORT_COLUMN_ROLES as readonly unknown[]).includes(role)) {
      throw new ResponseShapeError(`mapping.${key}`);
    }
    mapping[key] = role as ColumnRole | null;
  }
  return mapping;
};

/** ImportResult with how the file was read; fields an older API leaves out read as empty. */
export const parseImportReport: Parser<ImportReport> = (value) => {
  const o = record(value, 'import report');
  return {
    ...parseImportResult(value),
    headerRow: numOrNull(o, 'headerRow'),
    columns: list(
      o.columns ?? [],
      (item) => {
        const c = record(item, 'import column');
        return {
          index: num(c, 'index'),
          letter: str(c, 'letter'),
          header: str(c, 'header'),
          key: str(c, 'key'),
          role: oneOfOrNull(c, 'role', IMPORT_COLUMN_ROLES),
        };
      },
      'columns',
    ),
    mapping: o.mapping === undefined ? {} : parseMapping(o.mapping),
    mappingSource: o.mappingSource === undefined ? 'detected' : oneOf(o, 'mappingSource', MAPPING_SOURCES),
    savedMappingName: optionalStr(o, 'savedMappingName'),
    warnings: list(
      o.warnings ?? [],
      (item) => {
        const w = record(item, 'import warning');
        return {
          code: oneOf(w, 'code', IMPORT_WARNING_CODES),
          row: numOrNull(w, 'row'),
          column: optionalStr(w, 'column'),
          className: optionalStr(w, 'className'),
          message: str(w, 'message'),
        };
      },
      'warnings',
    ),
    academicYear: typeof o.academicYear === 'string' ? o.academicYear : '',
    classes: list(
      o.classes ?? [],
      (item) => {
        const k = record(item, 'import class');
        return {
          name: str(k, 'name'),
          classId: optionalStr(k, 'classId'),
          rows: num(k, 'rows'),
          students: parseCounts(k.students),
        };
      },
      'classes',
    ),
    skipped: list(
      o.skipped ?? [],
      (item) => {
        const r = record(item, 'skipped row');
        return { row: num(r, 'row'), student: str(r, 'student'), className: str(r, 'className') };
      },
      'skipped',
    ),
  };
};

/** A refused commit (422): nothing was written; `report` holds every error of the file. */
export class ImportRefusedError extends ApiError {
  constructor(
    body: ReturnType<typeof parseApiErrorBody>,
    readonly report: ImportReport,
  ) {
    super(422, body);
    this.name = 'ImportRefusedError';
  }
}

/** Sends a class list as multipart `file`; the JSON client cannot, so this one call has its own fetch. */
export async function importList(
  classId: string,
  file: File,
  mode: ImportMode,
  reading: ImportReading = {},
): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  if (reading.headerRow !== undefined) form.append('headerRow', String(reading.headerRow));
  if (reading.mapping !== undefined) form.append('mapping', JSON.stringify(reading.mapping));
  let response: Response;
  try {
    response = await fetch(`${byId(API_ROUTES.classes, classId)}/import?mode=${mode}`, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const refusal = response.status === 422 && body && typeof body === 'object' ? (body as { result?: unknown }).result : undefined;
    if (refusal !== undefined) {
      let report: ImportReport | null = null;
      try {
        report = parseImportReport(refusal);
      } catch {
        report = null;
      }
      if (report) throw new ImportRefusedError(parseApiErrorBody(body), report);
    }
    throw new ApiError(response.status, parseApiErrorBody(body));
  }
  return parseImportReport(await response.json());
}

export const exportHref = (classId: string, format: 'xlsx' | 'csv') =>
  `${byId(API_ROUTES.classes, classId)}/export?format=${format}`;

export const templateHref = (format: 'xlsx' | 'csv') =>
  `${API_PREFIX}/roster/import-template?format=${format}`;
