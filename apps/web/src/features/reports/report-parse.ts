import {
  BLOCKER_REASONS,
  STEP_IDS,
  type ApiKeySummary,
  type BlockerReason,
  type ClassReportRow,
  type CreatedApiKey,
  type DistrictReport,
  type HistoryReport,
  type KindReport,
  type ProgressReport,
  type SchoolReport,
  type SchoolReportRow,
  type StepCounts,
  type StepId,
} from '@sferum/contracts';
import { ResponseShapeError, type Parser } from '../../api/parse';

/** Parsers of the report answers, shared by the browser and the export route on the server. */

type Fields = Record<string, unknown>;

function record(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ResponseShapeError(what);
  return value as Fields;
}

function str(o: Fields, key: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new ResponseShapeError(key);
  return value;
}

function strOrNull(o: Fields, key: string): string | null {
  return o[key] === null || o[key] === undefined ? null : str(o, key);
}

function num(o: Fields, key: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResponseShapeError(key);
  return value;
}

export function list<T>(value: unknown, parse: Parser<T>, what: string): T[] {
  if (!Array.isArray(value)) throw new ResponseShapeError(what);
  return value.map((item) => parse(item));
}

function parseStep(value: unknown): StepCounts {
  const o = record(value, 'step');
  const reasons = record(o.blockedByReason, 'blockedByReason');
  return {
    notStarted: num(o, 'notStarted'),
    done: num(o, 'done'),
    blocked: num(o, 'blocked'),
    blockedByReason: Object.fromEntries(BLOCKER_REASONS.map((reason) => [reason, num(reasons, reason)])) as Record<
      BlockerReason,
      number
    >,
    shareDone: num(o, 'shareDone'),
  };
}

function parseKind(value: unknown): KindReport {
  const o = record(value, 'kind');
  const steps = record(o.steps, 'steps');
  return {
    people: num(o, 'people'),
    steps: Object.fromEntries(STEP_IDS.map((step) => [step, parseStep(steps[step])])) as Record<StepId, StepCounts>,
    classChatJoined: num(o, 'classChatJoined'),
    subjectChatsJoined: num(o, 'subjectChatsJoined'),
    subjectChatMemberships: num(o, 'subjectChatMemberships'),
    schoolChatJoined: num(o, 'schoolChatJoined'),
  };
}

function parseProgress(o: Fields): ProgressReport {
  return { students: parseKind(o.students), parents: parseKind(o.parents) };
}

const parseSchoolRow: Parser<SchoolReportRow> = (value) => {
  const o = record(value, 'school row');
  return { ...parseProgress(o), schoolId: str(o, 'schoolId'), schoolName: str(o, 'schoolName'), classes: num(o, 'classes') };
};

const parseClassRow: Parser<ClassReportRow> = (value) => {
  const o = record(value, 'class row');
  return {
    ...parseProgress(o),
    classId: str(o, 'classId'),
    className: str(o, 'className'),
    academicYear: str(o, 'academicYear'),
  };
};

export const parseDistrictReport: Parser<DistrictReport> = (value) => {
  const o = record(value, 'district report');
  return {
    districtId: str(o, 'districtId'),
    districtName: str(o, 'districtName'),
    total: parseProgress(record(o.total, 'total')),
    schools: list(o.schools, parseSchoolRow, 'schools'),
  };
};

export const parseSchoolReport: Parser<SchoolReport> = (value) => {
  const o = record(value, 'school report');
  return {
    schoolId: str(o, 'schoolId'),
    schoolName: str(o, 'schoolName'),
    total: parseProgress(record(o.total, 'total')),
    classes: list(o.classes, parseClassRow, 'classes'),
  };
};

export const parseHistoryReport: Parser<HistoryReport> = (value) => {
  const o = record(value, 'history report');
  return {
    from: str(o, 'from'),
    to: str(o, 'to'),
    schoolId: strOrNull(o, 'schoolId'),
    classId: strOrNull(o, 'classId'),
    days: list(
      o.days,
      (item) => {
        const d = record(item, 'day');
        return { ...parseProgress(d), day: str(d, 'day') };
      },
      'days',
    ),
  };
};

export const parseApiKey: Parser<ApiKeySummary> = (value) => {
  const o = record(value, 'api key');
  return {
    id: str(o, 'id'),
    name: str(o, 'name'),
    createdAt: str(o, 'createdAt'),
    lastUsedAt: strOrNull(o, 'lastUsedAt'),
    revokedAt: strOrNull(o, 'revokedAt'),
  };
};

export const parseCreatedApiKey: Parser<CreatedApiKey> = (value) => {
  const o = record(value, 'created api key');
  return { apiKey: parseApiKey(o.apiKey), secret: str(o, 'secret') };
};

