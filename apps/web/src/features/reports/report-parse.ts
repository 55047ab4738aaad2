import type {
  ApiKeySummary,
  ClassReportRow,
  CreatedApiKey,
  DistrictReport,
  HistoryReport,
  KindReport,
  OverallCounts,
  PathNamed,
  PathTotal,
  ProgressReport,
  SchoolReport,
  SchoolReportRow,
  StepCounts,
} from '@sferum/contracts';
import { list, num, optionalStr, record, ResponseShapeError, str, type Fields, type Parser } from '../../api/parse';

/** Parsers of the report answers, shared by the browser and the export route on the server. */

/** Counts by id (steps, reasons): whichever ids the unit's path has. */
function counts<T>(value: unknown, what: string, parse: (item: unknown) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record(value, what)).map(([id, item]) => [id, parse(item)]));
}

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResponseShapeError('blockedByReason');
  return value;
}

function parseStep(value: unknown): StepCounts {
  const o = record(value, 'step');
  return {
    notStarted: num(o, 'notStarted'),
    done: num(o, 'done'),
    blocked: num(o, 'blocked'),
    blockedByReason: counts(o.blockedByReason, 'blockedByReason', count),
    optedOut: num(o, 'optedOut'),
    shareDone: num(o, 'shareDone'),
  };
}

function parseOverall(value: unknown): OverallCounts {
  const o = record(value, 'overall');
  return {
    connected: num(o, 'connected'),
    inProgress: num(o, 'inProgress'),
    blocked: num(o, 'blocked'),
    notStarted: num(o, 'notStarted'),
    optedOut: num(o, 'optedOut'),
    shareConnected: num(o, 'shareConnected'),
  };
}

function parseKind(value: unknown): KindReport {
  const o = record(value, 'kind');
  return {
    people: num(o, 'people'),
    participants: num(o, 'participants'),
    overall: parseOverall(o.overall),
    steps: counts(o.steps, 'steps', parseStep),
    classChatJoined: num(o, 'classChatJoined'),
    subjectChatsJoined: num(o, 'subjectChatsJoined'),
    subjectChatMemberships: num(o, 'subjectChatMemberships'),
    schoolChatJoined: num(o, 'schoolChatJoined'),
  };
}

function parseProgress(o: Fields): ProgressReport {
  return { students: parseKind(o.students), parents: parseKind(o.parents) };
}

function parsePathNamed(o: Fields): PathNamed {
  return { pathId: str(o, 'pathId'), pathName: str(o, 'pathName') };
}

const parseSchoolRow: Parser<SchoolReportRow> = (value) => {
  const o = record(value, 'school row');
  return {
    ...parseProgress(o),
    ...parsePathNamed(o),
    schoolId: str(o, 'schoolId'),
    schoolName: str(o, 'schoolName'),
    classes: num(o, 'classes'),
  };
};

const parseClassRow: Parser<ClassReportRow> = (value) => {
  const o = record(value, 'class row');
  return {
    ...parseProgress(o),
    ...parsePathNamed(o),
    classId: str(o, 'classId'),
    className: str(o, 'className'),
    academicYear: str(o, 'academicYear'),
  };
};

const parsePathTotal: Parser<PathTotal> = (value) => {
  const o = record(value, 'path total');
  return { ...parseProgress(o), ...parsePathNamed(o), schools: num(o, 'schools') };
};

export const parseDistrictReport: Parser<DistrictReport> = (value) => {
  const o = record(value, 'district report');
  return {
    districtId: str(o, 'districtId'),
    districtName: str(o, 'districtName'),
    total: parseProgress(record(o.total, 'total')),
    paths: list(o.paths, parsePathTotal, 'paths'),
    schools: list(o.schools, parseSchoolRow, 'schools'),
  };
};

export const parseSchoolReport: Parser<SchoolReport> = (value) => {
  const o = record(value, 'school report');
  return {
    schoolId: str(o, 'schoolId'),
    schoolName: str(o, 'schoolName'),
    ...parsePathNamed(o),
    total: parseProgress(record(o.total, 'total')),
    classes: list(o.classes, parseClassRow, 'classes'),
  };
};

export const parseHistoryReport: Parser<HistoryReport> = (value) => {
  const o = record(value, 'history report');
  return {
    from: str(o, 'from'),
    to: str(o, 'to'),
    schoolId: optionalStr(o, 'schoolId'),
    classId: optionalStr(o, 'classId'),
    days: list(
      o.days,
      (item) => {
        const d = record(item, 'day');
        return { ...parseProgress(d), day: str(d, 'day'), pathIds: list(d.pathIds, pathIdOf, 'pathIds') };
      },
      'days',
    ),
  };
};

function pathIdOf(value: unknown): string {
  if (typeof value !== 'string') throw new ResponseShapeError('pathIds');
  return value;
}

export const parseApiKey: Parser<ApiKeySummary> = (value) => {
  const o = record(value, 'api key');
  return {
    id: str(o, 'id'),
    name: str(o, 'name'),
    createdAt: str(o, 'createdAt'),
    lastUsedAt: optionalStr(o, 'lastUsedAt'),
    revokedAt: optionalStr(o, 'revokedAt'),
  };
};

export const parseCreatedApiKey: Parser<CreatedApiKey> = (value) => {
  const o = record(value, 'created api key');
  return { apiKey: parseApiKey(o.apiKey), secret: str(o, 'secret') };
};

