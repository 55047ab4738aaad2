import * as z from 'zod/mini';

/** Reporting API version prefix; a breaking change gets a new one. */
export const REPORTS_PREFIX = '/api/v1/reports';

/**
 * One step's counts. Opted-out people are counted apart (`optedOut`) and in
 * none of the other three.
 */
export const StepCountsSchema = z.object({
  notStarted: z.number(),
  done: z.number(),
  blocked: z.number(),
  /** every reason the step offers on its path, 0 where nobody names it */
  blockedByReason: z.record(z.string(), z.number()),
  optedOut: z.number(),
  /** done / participants (people who did not opt out), 0..1, rounded to 3 decimals; 0 when there is nobody */
  shareDone: z.number(),
});
export type StepCounts = z.infer<typeof StepCountsSchema>;

/** People as a whole, on any path: the measure that compares schools on different paths. */
export const OverallCountsSchema = z.object({
  /** every step of the path done and their class chat joined */
  connected: z.number(),
  inProgress: z.number(),
  blocked: z.number(),
  notStarted: z.number(),
  /** do not use Sferum/MAX: a lawful choice, shown apart, never a failure */
  optedOut: z.number(),
  /** «Прогресс»: connected / participants, 0..1, rounded to 3 decimals (progressShare) */
  shareConnected: z.number(),
});
export type OverallCounts = z.infer<typeof OverallCountsSchema>;

export const KindReportSchema = z.object({
  /** everyone counted, opted out included */
  people: z.number(),
  /** people who did not opt out: the base of every share */
  participants: z.number(),
  overall: OverallCountsSchema,
  /**
   * Per step of the unit's path, by step id. In a district's total with
   * schools on several paths it holds the steps of each path, each counted
   * over the schools on that path only; `paths` has the totals per path.
   */
  steps: z.record(z.string(), StepCountsSchema),
  /** people in their class chat */
  classChatJoined: z.number(),
  /** memberships of subject chats joined, of the subject chat memberships of those who did not opt out */
  subjectChatsJoined: z.number(),
  subjectChatMemberships: z.number(),
  schoolChatJoined: z.number(),
});
export type KindReport = z.infer<typeof KindReportSchema>;

/**
 * «По состоянию на»: when the answer's figures were counted, an ISO 8601
 * instant in UTC ("2026-12-02T18:25:59.000Z"). Through the reporting API the
 * district's figures may be up to REPORT_CACHE_SECONDS old: this is when they
 * were counted, not when they were sent. Not part of the ETag: a 304 says the
 * figures of the copy you hold are still the current ones.
 */
const asOfShape = { asOf: z.string() };

/** Counts for one unit (a school, a class): never a name. */
const progressReportShape = {
  students: KindReportSchema,
  parents: KindReportSchema,
};
export const ProgressReportSchema = z.object(progressReportShape);
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

/** The path a unit's figures are on: its steps are the keys of `steps`. */
const pathNamedShape = {
  pathId: z.string(),
  /** the path's Russian name, "Сферум в MAX" */
  pathName: z.string(),
};
export const PathNamedSchema = z.object(pathNamedShape);
export type PathNamed = z.infer<typeof PathNamedSchema>;

export const SchoolReportRowSchema = z.object({
  ...progressReportShape,
  ...pathNamedShape,
  schoolId: z.string(),
  schoolName: z.string(),
  classes: z.number(),
});
export type SchoolReportRow = z.infer<typeof SchoolReportRowSchema>;

export const ClassReportRowSchema = z.object({
  ...progressReportShape,
  ...pathNamedShape,
  classId: z.string(),
  /** "5А" */
  className: z.string(),
  academicYear: z.string(),
});
export type ClassReportRow = z.infer<typeof ClassReportRowSchema>;

/** A district's schools on one path, added up: per-step figures compare within a path only. */
export const PathTotalSchema = z.object({
  ...progressReportShape,
  ...pathNamedShape,
  schools: z.number(),
});
export type PathTotal = z.infer<typeof PathTotalSchema>;

export const DistrictReportSchema = z.object({
  ...asOfShape,
  districtId: z.string(),
  districtName: z.string(),
  total: ProgressReportSchema,
  /** one entry per path the district's schools are on */
  paths: z.array(PathTotalSchema),
  schools: z.array(SchoolReportRowSchema),
});
export type DistrictReport = z.infer<typeof DistrictReportSchema>;

export const SchoolReportSchema = z.object({
  ...asOfShape,
  ...pathNamedShape,
  schoolId: z.string(),
  schoolName: z.string(),
  total: ProgressReportSchema,
  classes: z.array(ClassReportRowSchema),
});
export type SchoolReport = z.infer<typeof SchoolReportSchema>;

export const ApiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummarySchema>;
export const ApiKeySummaryListSchema = z.array(ApiKeySummarySchema);

export const CreatedApiKeySchema = z.object({
  apiKey: ApiKeySummarySchema,
  /** shown once */
  secret: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

export interface CreateApiKeyRequest {
  name: string;
}

export const HistoryDaySchema = z.object({
  ...progressReportShape,
  /** YYYY-MM-DD, Moscow time */
  day: z.string(),
  /** the paths the counted classes were on that day */
  pathIds: z.array(z.string()),
});
export type HistoryDay = z.infer<typeof HistoryDaySchema>;

/** Counters per day for the district, one school or one class, from the daily snapshots. */
export const HistoryReportSchema = z.object({
  ...asOfShape,
  from: z.string(),
  to: z.string(),
  schoolId: z.nullable(z.string()),
  classId: z.nullable(z.string()),
  days: z.array(HistoryDaySchema),
});
export type HistoryReport = z.infer<typeof HistoryReportSchema>;

// The figures that the dashboard shows and the report's XLSX (built by the API) writes: computed once.

/** part / whole, 0 with nothing to divide by. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * «Прогресс», defined once for every page, file and answer: the share of those
 * who take part (everyone but those who do not use Sferum, a lawful choice)
 * who are connected: every step of their path done and their class chat
 * joined. 0..1 rounded to 3 decimals, 0 with nobody taking part. The same on
 * any path, so it compares schools on different paths. The API writes it as
 * `overall.shareConnected`; anything else that counts connected people and
 * participants (a class, a school list) calls this to get the same figure.
 */
export function progressShare(connected: number, participants: number): number {
  return participants === 0 ? 0 : Math.round((connected / participants) * 1000) / 1000;
}

/** «Прогресс» of a kind of people in a report: its `overall.shareConnected` (see progressShare). */
export function kindProgress(kind: KindReport): number {
  return kind.overall.shareConnected;
}

/** A step's share done among the people it counts who take part (done, not started or blocked). */
export function stepShare(step: StepCounts): number {
  return share(step.done, step.done + step.notStarted + step.blocked);
}

/** The statuses of people as a whole, in the order the reports show them. */
export const OVERALL_STATUSES = [
  'connected',
  'inProgress',
  'blocked',
  'notStarted',
  'optedOut',
] as const satisfies readonly Exclude<keyof OverallCounts, 'shareConnected'>[];
export type OverallStatus = (typeof OVERALL_STATUSES)[number];
