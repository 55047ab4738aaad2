import {
  apiPath,
  BulkProgressResultSchema,
  ChatSummarySchema,
  ClassRosterSchema,
  FamilyMatchSchema,
  ImportReportSchema,
  ImportResultSchema,
  PersonChangeResultSchema,
  ProgressEventListSchema,
  ProgressEventSchema,
  RosterFamilySchema,
  RosterPersonSchema,
  ROUTES,
  type BulkProgressRequest,
  type BulkProgressResult,
  type CreateStudentRequest,
  type FamilyMatchRequest,
  type FamilyOptOutRequest,
  type ImportColumnMapping,
  type ImportReport,
  type SetOptOutRequest,
  type SetStatusRequest,
  type StepId,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest, getFromApi } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { knownPath, parseApiErrorBody, parserOf } from '../../api/parse';

export const parseRosterPerson = parserOf(RosterPersonSchema);
export const parseRosterFamily = parserOf(RosterFamilySchema);
export const parseChatSummary = parserOf(ChatSummarySchema);
export const parseClassRoster = parserOf(ClassRosterSchema, knownPath);
// The path of the time: an older event may name a path the school has left.
export const parseProgressEvent = parserOf(ProgressEventSchema);
export const parseImportResult = parserOf(ImportResultSchema);
/** Whether a typed parent is already a parent of the school: the classes of that family's children, no names. */
export const parseFamilyMatch = parserOf(FamilyMatchSchema);
export const parsePersonChange = parserOf(PersonChangeResultSchema);
export const parseUpdated = parserOf(BulkProgressResultSchema);
const listOfEvents = parserOf(ProgressEventListSchema);

const ROSTER_ROOT = ['roster'] as const;

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
    queryFn: getFromApi(
      `${apiPath(ROUTES.classes.roster, { classId })}${includeArchived ? '?includeArchived=true' : ''}`,
      parseClassRoster,
    ),
  });

export const historyQuery = (personId: string) =>
  queryOptions({
    queryKey: rosterKeys.history(personId),
    queryFn: getFromApi(apiPath(ROUTES.people.history, { personId }), listOfEvents),
    staleTime: 0,
  });

export const rosterApi = {
  setStep: (personId: string, step: StepId, body: SetStatusRequest) =>
    apiRequest(apiPath(ROUTES.people.step, { personId, step }), { method: 'PUT', body, parse: parsePersonChange }),
  setChat: (personId: string, chatId: string, body: SetStatusRequest) =>
    apiRequest(apiPath(ROUTES.people.chat, { personId, chatId }), {
      method: 'PUT',
      body,
      parse: parsePersonChange,
    }),
  bulk: (classId: string, body: BulkProgressRequest): Promise<BulkProgressResult> =>
    apiRequest(apiPath(ROUTES.classes.progress, { classId }), { method: 'POST', body, parse: parseUpdated }),
  /** Marks one person as not using Sferum/MAX, with the channel used instead, or back. */
  setOptOut: (personId: string, body: SetOptOutRequest) =>
    apiRequest(apiPath(ROUTES.people.optOut, { personId }), { method: 'PUT', body, parse: parsePersonChange }),
  /** The same for every person of a family at once. */
  setFamilyOptOut: (familyId: string, body: FamilyOptOutRequest): Promise<BulkProgressResult> =>
    apiRequest(apiPath(ROUTES.families.optOut, { familyId }), { method: 'PUT', body, parse: parseUpdated }),
  updatePerson: (personId: string, body: { version: number; displayName?: string; phone?: string | null }) =>
    apiRequest(apiPath(ROUTES.people.one, { personId }), { method: 'PATCH', body, parse: parseRosterPerson }),
  archive: (personId: string, version: number, archived: boolean) =>
    apiRequest(apiPath(archived ? ROUTES.people.archive : ROUTES.people.restore, { personId }), {
      method: 'POST',
      body: { version },
      parse: parseRosterPerson,
    }),
  move: (personId: string, version: number, classId: string) =>
    apiRequest(apiPath(ROUTES.people.move, { personId }), {
      method: 'POST',
      body: { version, classId },
      parse: parseRosterPerson,
    }),
  addParent: (familyId: string, body: { displayName: string; phone?: string }) =>
    apiRequest(apiPath(ROUTES.families.parents, { familyId }), { method: 'POST', body, parse: parseRosterPerson }),
  addStudent: (classId: string, body: CreateStudentRequest) =>
    apiRequest(apiPath(ROUTES.classes.students, { classId }), { method: 'POST', body, parse: parseRosterFamily }),
  familyMatch: (classId: string, body: FamilyMatchRequest) =>
    apiRequest(apiPath(ROUTES.classes.familyMatch, { classId }), { method: 'POST', body, parse: parseFamilyMatch }),
  addChat: (classId: string, name: string) =>
    apiRequest(apiPath(ROUTES.classes.chats, { classId }), { method: 'POST', body: { name }, parse: parseChatSummary }),
};

export type ImportMode = 'preview' | 'commit';

/** How to read the file: the teacher's roles of the columns and the header row; left out, the API finds them. */
export interface ImportReading {
  mapping?: ImportColumnMapping;
  headerRow?: number;
}

export const parseImportReport = parserOf(ImportReportSchema);

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
    response = await fetch(`${apiPath(ROUTES.classes.import, { classId })}?mode=${mode}`, {
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
    const refusal =
      response.status === 422 && body && typeof body === 'object' ? (body as { result?: unknown }).result : undefined;
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
  `${apiPath(ROUTES.classes.export, { classId })}?format=${format}`;

export const templateHref = (format: 'xlsx' | 'csv') => `${apiPath(ROUTES.roster.importTemplate)}?format=${format}`;
