import type { BlockerReason, StepId } from './progress';

/** Reporting API version prefix; a breaking change gets a new one. */
export const REPORTS_PREFIX = '/api/v1/reports';

/**
 * One step's counts. Opted-out people are counted apart (`optedOut`) and in
 * none of the other three.
 */
export interface StepCounts {
  notStarted: number;
  done: number;
  blocked: number;
  /** every reason the step offers on its path, 0 where nobody names it */
  blockedByReason: Record<BlockerReason, number>;
  optedOut: number;
  /** done / participants (people who did not opt out), 0..1, rounded to 3 decimals; 0 when there is nobody */
  shareDone: number;
}

/** People as a whole, on any path: the measure that compares schools on different paths. */
export interface OverallCounts {
  /** every step of the path done and their class chat joined */
  connected: number;
  inProgress: number;
  blocked: number;
  notStarted: number;
  /** do not use Sferum/MAX: a lawful choice, shown apart, never a failure */
  optedOut: number;
  /** connected / participants, 0..1, rounded to 3 decimals: "progress" */
  shareConnected: number;
}

export interface KindReport {
  /** everyone counted, opted out included */
  people: number;
  /** people who did not opt out: the base of every share */
  participants: number;
  overall: OverallCounts;
  /**
   * Per step of the unit's path, by step id. In a district's total with
   * schools on several paths it holds the steps of each path, each counted
   * over the schools on that path only; `paths` has the totals per path.
   */
  steps: Record<StepId, StepCounts>;
  /** people in their class chat */
  classChatJoined: number;
  /** memberships of subject chats joined, of the subject chat memberships of those who did not opt out */
  subjectChatsJoined: number;
  subjectChatMemberships: number;
  schoolChatJoined: number;
}

/** Counts for one unit (a school, a class): never a name. */
export interface ProgressReport {
  students: KindReport;
  parents: KindReport;
}

/** The path a unit's figures are on: its steps are the keys of `steps`. */
export interface PathNamed {
  pathId: string;
  /** the path's Russian name, "Сферум в MAX" */
  pathName: string;
}

export interface SchoolReportRow extends ProgressReport, PathNamed {
  schoolId: string;
  schoolName: string;
  classes: number;
}

export interface ClassReportRow extends ProgressReport, PathNamed {
  classId: string;
  /** "5А" */
  className: string;
  academicYear: string;
}

/** A district's schools on one path, added up: per-step figures compare within a path only. */
export interface PathTotal extends ProgressReport, PathNamed {
  schools: number;
}

export interface DistrictReport {
  districtId: string;
  districtName: string;
  total: ProgressReport;
  /** one entry per path the district's schools are on */
  paths: PathTotal[];
  schools: SchoolReportRow[];
}

export interface SchoolReport extends PathNamed {
  schoolId: string;
  schoolName: string;
  total: ProgressReport;
  classes: ClassReportRow[];
}

export interface ApiKeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKeySummary;
  /** shown once */
  secret: string;
}

export interface CreateApiKeyRequest {
  name: string;
}

export interface HistoryDay extends ProgressReport {
  /** YYYY-MM-DD, Moscow time */
  day: string;
  /** the paths the counted classes were on that day */
  pathIds: string[];
}

/** Counters per day for the district, one school or one class, from the daily snapshots. */
export interface HistoryReport {
  from: string;
  to: string;
  schoolId: string | null;
  classId: string | null;
  days: HistoryDay[];
}

// The figures that the dashboard shows and the report's XLSX (built by the API) writes: computed once.

/** part / whole, 0 with nothing to divide by. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * «Прогресс» of a kind of people: the share of those who take part (everyone
 * but those who do not use Sferum, a lawful choice) who are connected: every
 * step of their path done and their class chat joined. The same on any path,
 * so it compares schools on different paths. 0 with nobody taking part.
 */
export function kindProgress(kind: KindReport): number {
  return share(kind.overall.connected, kind.participants);
}

/** A step's share done among the people it counts who take part (done, not started or blocked). */
export function stepShare(step: StepCounts): number {
  return share(step.done, step.done + step.notStarted + step.blocked);
}

/** The statuses of people as a whole, in the order the reports show them. */
export const OVERALL_STATUSES = ['connected', 'inProgress', 'blocked', 'notStarted', 'optedOut'] as const satisfies readonly Exclude<
  keyof OverallCounts,
  'shareConnected'
>[];
export type OverallStatus = (typeof OVERALL_STATUSES)[number];
