import { StaffSession } from '../auth/entities/staff-session.entity';
import { StaffSetupToken } from '../auth/entities/staff-setup-token.entity';
import { RateLimitHit } from '../common/entities/rate-limit-hit.entity';
import { Invite } from '../invites/entities/invite.entity';
import { District } from '../org/entities/district.entity';
import { SchoolClass } from '../org/entities/school-class.entity';
import { School } from '../org/entities/school.entity';
import { StaffUser } from '../org/entities/staff-user.entity';
import { TeacherClass } from '../org/entities/teacher-class.entity';
import { SchoolPathChange } from '../paths/entities/school-path-change.entity';
import { SchoolStepNote } from '../paths/entities/school-step-note.entity';
import { ChatMembership } from '../progress/entities/chat-membership.entity';
import { Chat } from '../progress/entities/chat.entity';
import { ClassProgress } from '../progress/entities/class-progress.entity';
import { PersonStep } from '../progress/entities/person-step.entity';
import { ProgressEvent } from '../progress/entities/progress-event.entity';
import { StaffClassVisit } from '../changes/entities/staff-class-visit.entity';
import { ApiKey } from '../reports/entities/api-key.entity';
import { DistrictReportCache } from '../reports/entities/district-report-cache.entity';
import { ProgressSnapshot } from '../reports/entities/progress-snapshot.entity';
import { Family } from '../roster/entities/family.entity';
import { Person } from '../roster/entities/person.entity';
import { ImportMapping } from '../roster/import/entities/import-mapping.entity';
import { SchoolYearRollover } from '../school-year/entities/school-year-rollover.entity';

/**
 * Every entity the data source knows: one per table of the migrations, each
 * mirroring its table exactly (test/schema-drift.e2e-spec.ts checks it).
 * Services read and write through raw SQL; the entities state the schema.
 * A foreign key names the table it references, as the migrations do, so an
 * entity imports no other feature's entity (no cycle between feature folders).
 */
export const ENTITIES = [
  // org
  District,
  School,
  SchoolClass,
  StaffUser,
  TeacherClass,
  // paths
  SchoolPathChange,
  SchoolStepNote,
  // roster
  Family,
  Person,
  ImportMapping,
  // progress
  Chat,
  PersonStep,
  ChatMembership,
  ProgressEvent,
  ClassProgress,
  // invites
  Invite,
  // auth and common
  StaffSession,
  StaffSetupToken,
  RateLimitHit,
  // reports
  ApiKey,
  ProgressSnapshot,
  DistrictReportCache,
  // school year
  SchoolYearRollover,
  // changes
  StaffClassVisit,
];
