import type { BlockerReason, StepId } from './progress';

/** Reporting API version prefix; a breaking change gets a new one. */
export const REPORTS_PREFIX = '/api/v1/reports';

export interface StepCounts {
  notStarted: number;
  done: number;
  blocked: number;
  blockedByReason: Record<BlockerReason, number>;
  /** done / people, 0..1, rounded to 3 decimals; 0 when there is nobody */
  shareDone: number;
}

export interface KindReport {
  people: number;
  steps: Record<StepId, StepCounts>;
  /** people in their class chat */
  classChatJoined: number;
  /** memberships of subject chats joined, of all subject chat memberships */
  subjectChatsJoined: number;
  subjectChatMemberships: number;
  schoolChatJoined: number;
}

/** Counts for one unit (a school, a class): never a name. */
export interface ProgressReport {
  students: KindReport;
  parents: KindReport;
}

export interface SchoolReportRow extends ProgressReport {
  schoolId: string;
  schoolName: string;
  classes: number;
}

export interface ClassReportRow extends ProgressReport {
  classId: string;
  /** "5А" */
  className: string;
  academicYear: string;
}

export interface DistrictReport {
  districtId: string;
  districtName: string;
  total: ProgressReport;
  schools: SchoolReportRow[];
}

export interface SchoolReport {
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
}

/** Counters per day for the district, one school or one class, from the daily snapshots. */
export interface HistoryReport {
  from: string;
  to: string;
  schoolId: string | null;
  classId: string | null;
  days: HistoryDay[];
}
