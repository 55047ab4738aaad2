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
import { list, num, optionalStr, record, str, type Fields, type Parser } from '../../api/parse';

/** Parsers of the report answers, shared by the browser and the export route on the server. */

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
    schoolId: optionalStr(o, 'schoolId'),
    classId: optionalStr(o, 'classId'),
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
    lastUsedAt: optionalStr(o, 'lastUsedAt'),
    revokedAt: optionalStr(o, 'revokedAt'),
  };
};

export const parseCreatedApiKey: Parser<CreatedApiKey> = (value) => {
  const o = record(value, 'created api key');
  return { apiKey: parseApiKey(o.apiKey), secret: str(o, 'secret') };
};

