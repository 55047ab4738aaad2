import * as z from 'zod/mini';
import { ApiErrorBodySchema } from './api-error';
import { SchoolClassSummarySchema } from './org';
import { ChatAudienceSchema } from './paths/path-types';
import {
  ChatKindSchema,
  ChatStatusSchema,
  CounterStatusSchema,
  ItemStatusSchema,
  OptOutChannelSchema,
  PersonKindSchema,
  ProgressSourceSchema,
  StepStatusSchema,
  type BlockerReason,
  type ChatStatus,
  type OptOutChannel,
  type StepId,
  type StepStatus,
} from './progress';

export const DISPLAY_NAME_MAX_LENGTH = 200;
/** Up to two parents per student row, as class lists usually have. */
export const MAX_PARENTS_PER_STUDENT = 2;

export const StepStateSchema = z.object({
  step: z.string(),
  status: StepStatusSchema,
  blockerReason: z.nullable(z.string()),
  blockerNote: z.nullable(z.string()),
  updatedAt: z.string(),
  /** null while nobody has touched it */
  updatedSource: z.nullable(ProgressSourceSchema),
});
export type StepState = z.infer<typeof StepStateSchema>;

export const ChatMembershipStateSchema = z.object({
  chatId: z.string(),
  status: ChatStatusSchema,
  blockerReason: z.nullable(z.string()),
  blockerNote: z.nullable(z.string()),
  updatedAt: z.string(),
  updatedSource: z.nullable(ProgressSourceSchema),
});
export type ChatMembershipState = z.infer<typeof ChatMembershipStateSchema>;

/** A person's choice not to use Sferum/MAX, and how the school keeps them informed instead. */
export const OptOutSchema = z.object({
  channel: OptOutChannelSchema,
  /** what "other" means, or any detail */
  note: z.nullable(z.string()),
  at: z.string(),
  source: ProgressSourceSchema,
});
export type OptOut = z.infer<typeof OptOutSchema>;

export const RosterPersonSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  kind: PersonKindSchema,
  /** as the teacher typed it */
  displayName: z.string(),
  /** the class of a student; null for a parent */
  classId: z.nullable(z.string()),
  /** goes back with every change: a stale one gets 409 */
  version: z.number(),
  archived: z.boolean(),
  /** a phone number was given (only its keyed hash is kept) */
  hasPhone: z.boolean(),
  /** another person of the school was given the same number: one number holds one VK ID */
  sharedPhone: z.boolean(),
  steps: z.array(StepStateSchema),
  chats: z.array(ChatMembershipStateSchema),
  /** set while the person does not use Sferum/MAX: a choice, not a blocker */
  optOut: z.nullable(OptOutSchema),
});
export type RosterPerson = z.infer<typeof RosterPersonSchema>;

/**
 * Marks a person as not using Sferum/MAX (`optedOut: true`, with the channel
 * used instead) or back (`optedOut: false`). Repeating it changes nothing.
 * Parents send this as it is (PUT /api/parent/people/:personId/opt-out, or
 * PUT /api/parent/opt-out for the whole family).
 */
export interface OptOutRequest {
  optedOut: boolean;
  /** required when opting out */
  channel?: OptOutChannel;
  /** required for channel "other"; optional otherwise */
  note?: string;
}

/** The teacher's opt-out of one person (PUT /api/people/:personId/opt-out) → PersonChangeResult. */
export interface SetOptOutRequest extends OptOutRequest {
  version: number;
}

/** The teacher's opt-out of a whole family (PUT /api/families/:familyId/opt-out) → BulkProgressResult. */
export interface FamilyOptOutRequest extends OptOutRequest {
  /** every person of the family, with the version seen */
  people: Array<{ personId: string; version: number }>;
}

export const RosterFamilySchema = z.object({
  id: z.string(),
  students: z.array(RosterPersonSchema),
  parents: z.array(RosterPersonSchema),
});
export type RosterFamily = z.infer<typeof RosterFamilySchema>;

export const ChatSummarySchema = z.object({
  id: z.string(),
  kind: ChatKindSchema,
  /** a class chat is for everyone of the class, or (on MAX) for its parents or its students */
  audience: ChatAudienceSchema,
  /** the subject, for a subject chat */
  name: z.nullable(z.string()),
  classId: z.nullable(z.string()),
  /** the chat's invitation link from MAX or Sferum, for the parents' page and letters */
  inviteUrl: z.nullable(z.string()),
});
export type ChatSummary = z.infer<typeof ChatSummarySchema>;

export const ClassCounterSchema = z.object({
  personKind: PersonKindSchema,
  /** a step id of the school's path, a ChatItem, or OVERALL_ITEM */
  item: z.string(),
  status: CounterStatusSchema,
  people: z.number(),
});
export type ClassCounter = z.infer<typeof ClassCounterSchema>;

/** A class's counters (as ClassRoster has them), after a change. */
export const ClassCountersSchema = z.object({
  classId: z.string(),
  counters: z.array(ClassCounterSchema),
});
export type ClassCounters = z.infer<typeof ClassCountersSchema>;

/**
 * What a teacher's change of one person answers (a step, a chat, an opt-out):
 * the person after it, and the counters of every class the person counts in
 * (a student's class, a parent's children's classes), so the class page
 * updates without fetching the roster again.
 */
export const PersonChangeResultSchema = z.object({
  person: RosterPersonSchema,
  classes: z.array(ClassCountersSchema),
});
export type PersonChangeResult = z.infer<typeof PersonChangeResultSchema>;

/** Everything the class page shows, in one answer. */
export const ClassRosterSchema = z.object({
  schoolClass: SchoolClassSummarySchema,
  /** the school's onboarding path: its steps are the grid's columns */
  pathId: z.string(),
  chats: z.array(ChatSummarySchema),
  counters: z.array(ClassCounterSchema),
  families: z.array(RosterFamilySchema),
});
export type ClassRoster = z.infer<typeof ClassRosterSchema>;

export interface NewParent {
  displayName: string;
  phone?: string;
}

export interface CreateStudentRequest {
  displayName: string;
  phone?: string;
  /** an existing family of the school (a sibling); a new family otherwise */
  familyId?: string;
  parents?: NewParent[];
  /**
   * A parent given here who already is a parent of the school (the same name
   * and phone) brings the student into that family instead of a second copy
   * of them: see POST /api/classes/:classId/students/family-match.
   */
  joinFamilyOfParent?: boolean;
}

/** Is one of these parents already a parent of the school (same name and phone)? */
export interface FamilyMatchRequest {
  parents: NewParent[];
}

export const FamilyMatchSchema = z.object({
  /** null: nobody of the school has that name and phone */
  match: z.nullable(
    z.object({
      /** the matching parent's name as the school has it */
      parentName: z.string(),
      /** the classes of that family's children ("7Б"), no child's name */
      classes: z.array(z.string()),
    }),
  ),
});
export type FamilyMatch = z.infer<typeof FamilyMatchSchema>;

export type AddParentRequest = NewParent;

export interface UpdatePersonRequest {
  version: number;
  displayName?: string;
  /** null forgets the number */
  phone?: string | null;
}

export interface MoveStudentRequest {
  version: number;
  classId: string;
}

export interface VersionedRequest {
  version: number;
}

export interface SetStatusRequest {
  version: number;
  status: StepStatus | ChatStatus;
  blockerReason?: BlockerReason;
  blockerNote?: string;
}

export interface BulkProgressRequest {
  /** one step, or one chat */
  step?: StepId;
  chatId?: string;
  status: StepStatus | ChatStatus;
  blockerReason?: BlockerReason;
  blockerNote?: string;
  people: Array<{ personId: string; version: number }>;
}

/** What a change of many people answers (the bulk bar, a family's opt-out): as PersonChangeResult, for each of them. */
export const BulkProgressResultSchema = z.object({
  updated: z.array(RosterPersonSchema),
  classes: z.array(ClassCountersSchema),
});
export type BulkProgressResult = z.infer<typeof BulkProgressResultSchema>;

/** What a history entry is about: a step, a chat, or the person's opting out (or back in). */
export const ProgressEventKindSchema = z.enum(['step', 'chat', 'opt_out']);
export type ProgressEventKind = z.infer<typeof ProgressEventKindSchema>;

export const OptOutStateSchema = z.enum(['participating', 'opted_out']);
export type OptOutState = z.infer<typeof OptOutStateSchema>;

/** A history entry's from/to: a step's or a chat's status, or an opt-out's `participating` and `opted_out`. */
const EventStatusSchema = z.union([ItemStatusSchema, OptOutStateSchema]);

export const ProgressEventSchema = z.object({
  id: z.string(),
  personId: z.string(),
  kind: ProgressEventKindSchema,
  /** the path the school was on when it happened */
  pathId: z.string(),
  step: z.nullable(z.string()),
  chatId: z.nullable(z.string()),
  /** an opt-out's from/to are `participating` and `opted_out` */
  fromStatus: EventStatusSchema,
  toStatus: EventStatusSchema,
  /** the channel used instead, when opting out */
  channel: z.nullable(OptOutChannelSchema),
  blockerReason: z.nullable(z.string()),
  blockerNote: z.nullable(z.string()),
  source: ProgressSourceSchema,
  /** the staff member, for teacher and admin changes */
  actorName: z.nullable(z.string()),
  createdAt: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;
export const ProgressEventListSchema = z.array(ProgressEventSchema);

export interface CreateSubjectChatRequest {
  name: string;
}

/** Why a row or the file cannot be imported; the web shows each in plain Russian. */
export const IMPORT_ERROR_CODES = [
  'unreadable_file',
  'empty_file',
  'too_many_rows',
  'missing_column',
  'empty_name',
  'name_too_long',
  'bad_phone',
  'duplicate_student',
  'family_conflict',
] as const;
export const ImportErrorCodeSchema = z.enum(IMPORT_ERROR_CODES);
export type ImportErrorCode = z.infer<typeof ImportErrorCodeSchema>;

/**
 * What the whole-school import answers besides: a row without a class, or
 * with one that names no class (or an archived one). A class import answers
 * IMPORT_ERROR_CODES alone.
 */
export const SCHOOL_IMPORT_ERROR_CODES = [...IMPORT_ERROR_CODES, 'empty_class', 'bad_class'] as const;
export const SchoolImportErrorCodeSchema = z.enum(SCHOOL_IMPORT_ERROR_CODES);
export type SchoolImportErrorCode = z.infer<typeof SchoolImportErrorCodeSchema>;

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const importErrorShape = {
  /** the row as the spreadsheet numbers it (the header is row 1); null for the whole file */
  row: z.nullable(z.number()),
  /** the column's header as written in the file */
  column: z.nullable(z.string()),
  message: z.string(),
};
export const ImportErrorSchema = z.object({ ...importErrorShape, code: ImportErrorCodeSchema });
export type ImportError = z.infer<typeof ImportErrorSchema>;

/** An error of the whole-school import: the class import's, or one about a row's class. */
export const SchoolImportErrorSchema = z.object({ ...importErrorShape, code: SchoolImportErrorCodeSchema });
export type SchoolImportError = z.infer<typeof SchoolImportErrorSchema>;

export const ImportActionSchema = z.enum(['create', 'update', 'unchanged']);
export type ImportAction = z.infer<typeof ImportActionSchema>;

export const ImportCountsSchema = z.object({
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const ImportRowPreviewSchema = z.object({
  row: z.number(),
  student: z.string(),
  action: ImportActionSchema,
  parents: z.array(z.object({ name: z.string(), action: ImportActionSchema })),
  /** the family is new, or one already in the school (a sibling) */
  newFamily: z.boolean(),
  /** the class the row goes to ("5А"): set by the whole-school import */
  className: z.optional(z.string()),
});
export type ImportRowPreview = z.infer<typeof ImportRowPreviewSchema>;

const importResultShape = {
  committed: z.boolean(),
  rows: z.number(),
  students: ImportCountsSchema,
  parents: ImportCountsSchema,
  families: z.object({ create: z.number(), existing: z.number() }),
  /** students of the class the file does not mention: left as they are */
  notInFile: z.number(),
  preview: z.array(ImportRowPreviewSchema),
};

/** What an import will do (a preview) or did (committed); nothing is written while there are errors. */
export const ImportResultSchema = z.object({ ...importResultShape, errors: z.array(ImportErrorSchema) });
export type ImportResult = z.infer<typeof ImportResultSchema>;

/**
 * What a column of a class list is taken for; a column with none (null) is
 * left out and never stored. A person's name comes from `_name`, or from its
 * parts joined. A guardian (законный представитель) is a third adult of the
 * family beside the two parents.
 */
export const IMPORT_COLUMN_ROLES = [
  'number',
  'class',
  'student_name',
  'student_surname',
  'student_first_name',
  'student_patronymic',
  'student_phone',
  'parent1_name',
  'parent1_surname',
  'parent1_first_name',
  'parent1_patronymic',
  'parent1_phone',
  'parent2_name',
  'parent2_surname',
  'parent2_first_name',
  'parent2_patronymic',
  'parent2_phone',
  'guardian_name',
  'guardian_surname',
  'guardian_first_name',
  'guardian_patronymic',
  'guardian_phone',
] as const;
export const ColumnRoleSchema = z.enum(IMPORT_COLUMN_ROLES);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/**
 * Columns by their key → role (null: leave the column out). The key is the
 * column's `key` in ImportColumn: its header as written, or, for an empty or
 * repeated header, the header followed by the column's letter in brackets
 * ("Телефон [E]", "[C]"); "[E]" alone also names column E. Keys compare
 * without case, ё/е or extra spaces.
 */
export const ImportColumnMappingSchema = z.record(z.string(), z.nullable(ColumnRoleSchema));
export type ImportColumnMapping = z.infer<typeof ImportColumnMappingSchema>;

export const ImportColumnSchema = z.object({
  /** 0-based */
  index: z.number(),
  /** as the spreadsheet shows it: A, B, …, AA */
  letter: z.string(),
  /** as written; a header over two rows reads "Мать / Телефон"; '' when the column has none */
  header: z.string(),
  /** how ImportColumnMapping names this column */
  key: z.string(),
  /** null: ignored */
  role: z.nullable(ColumnRoleSchema),
});
export type ImportColumn = z.infer<typeof ImportColumnSchema>;

/** Where the roles of the columns came from. */
export const ImportMappingSourceSchema = z.enum(['detected', 'saved', 'request']);
export type ImportMappingSource = z.infer<typeof ImportMappingSourceSchema>;

/** Said about a file that imports all the same; nothing waits for an answer. */
export const IMPORT_WARNING_CODES = [
  /** a column taken for nothing: its cells are not stored */
  'ignored_column',
  /** NUL or other control characters removed from a cell */
  'characters_removed',
  /** class import: rows whose «Класс» names another class are left out (listed in `skipped`) */
  'other_class_rows',
  /** class import: a «Класс» cell that names no class; the row goes into this class */
  'unreadable_class',
  /** most of the students of the file (or of one of its classes) are already in another class of the school */
  'students_in_other_class',
  /** a new student whose namesake is in another class of the school: the same child moved, or a namesake */
  'student_in_other_class',
] as const;
export const ImportWarningCodeSchema = z.enum(IMPORT_WARNING_CODES);
export type ImportWarningCode = z.infer<typeof ImportWarningCodeSchema>;

export const ImportWarningSchema = z.object({
  code: ImportWarningCodeSchema,
  /** as in ImportError; null for the whole file */
  row: z.nullable(z.number()),
  column: z.nullable(z.string()),
  /** the other class it is about ("5Б"), for other_class_rows and the *_in_other_class codes */
  className: z.nullable(z.string()),
  /** in Russian */
  message: z.string(),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

/** A class the rows of the file go to. */
export const ImportClassPlanSchema = z.object({
  /** "5А" */
  name: z.string(),
  /** null: no such class in the school year yet; the commit creates it with its chats */
  classId: z.nullable(z.string()),
  rows: z.number(),
  students: ImportCountsSchema,
});
export type ImportClassPlan = z.infer<typeof ImportClassPlanSchema>;

/** A row of another class left out of a class import. */
export const ImportSkippedRowSchema = z.object({
  row: z.number(),
  student: z.string(),
  className: z.string(),
});
export type ImportSkippedRow = z.infer<typeof ImportSkippedRowSchema>;

/**
 * What POST /api/classes/:classId/import (ImportReport) and POST
 * /api/schools/:schoolId/import (SchoolImportReport) answer: ImportResult,
 * unchanged, and how the file was read. Send the same file with the same
 * `mapping` and `headerRow` to commit what the preview showed.
 */
const importReportShape = {
  ...importResultShape,
  /** the row (1-based) where the header ends and the data begins; null when the file could not be read */
  headerRow: z.nullable(z.number()),
  /** every column of the file with its role, in the file's order */
  columns: z.array(ImportColumnSchema),
  /** the roles used, every column by its key: what PUT …/import-mappings/:name takes to keep them */
  mapping: ImportColumnMappingSchema,
  mappingSource: ImportMappingSourceSchema,
  /** the school's saved mapping applied (mappingSource 'saved') */
  savedMappingName: z.nullable(z.string()),
  warnings: z.array(ImportWarningSchema),
  /** the school year of the classes; a whole-school import creates the missing ones in it */
  academicYear: z.string(),
  /** the class of a class import; every class named by a whole-school file, in order of name */
  classes: z.array(ImportClassPlanSchema),
  /** class import: rows of another class, left out */
  skipped: z.array(ImportSkippedRowSchema),
};

export const ImportReportSchema = z.object({ ...importReportShape, errors: z.array(ImportErrorSchema) });
export const SchoolImportReportSchema = z.object({ ...importReportShape, errors: z.array(SchoolImportErrorSchema) });
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type SchoolImportReport = z.infer<typeof SchoolImportReportSchema>;
/** ImportResult, unchanged, and how the file was read, with the errors of one kind of import. */
export type ImportReportOf<E extends { code: string }> = Omit<ImportReport, 'errors'> & { errors: E[] };

/** The body of the 422 of a refused commit: the usual error, and the report with every error of the file. */
export const ImportRefusalBodySchema = z.object({
  ...ApiErrorBodySchema.shape,
  result: z.union([ImportReportSchema, SchoolImportReportSchema]),
});
export type ImportRefusalBody = z.infer<typeof ImportRefusalBodySchema>;

export const IMPORT_MAPPING_NAME_MAX_LENGTH = 100;
/** The header is looked for in the first rows; `headerRow` may name one up to IMPORT_MAX_HEADER_ROW. */
export const IMPORT_HEADER_SEARCH_ROWS = 20;
export const IMPORT_MAX_HEADER_ROW = 100;

/**
 * A school's saved mapping (GET/PUT/DELETE /api/schools/:schoolId/import-mappings[/:name]).
 * It is applied to a file without its own `mapping` and `headerRow` when the
 * file's header at `headerRow` has exactly the mapping's keys, compared as
 * ImportColumnMapping compares them, order aside; of several, the newest.
 */
export const ImportMappingSchema = z.object({
  name: z.string(),
  mapping: ImportColumnMappingSchema,
  headerRow: z.number(),
  updatedAt: z.string(),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
export const ImportMappingListSchema = z.array(ImportMappingSchema);

export interface SaveImportMappingRequest {
  mapping: ImportColumnMapping;
  headerRow: number;
}

/**
 * A chat's member list as the teacher copied it from MAX's or Sferum's web
 * version ("Участники"): one member per line, or a copied table.
 * POST /api/chats/:chatId/members/preview, then /commit with the people chosen.
 */
export interface MemberListRequest {
  text: string;
}

const memberListLineShape = {
  /** 1-based line of the pasted text */
  line: z.number(),
  text: z.string(),
};
export const MemberListLineSchema = z.object(memberListLineShape);
export type MemberListLine = z.infer<typeof MemberListLineSchema>;

const memberListCandidateShape = {
  personId: z.string(),
  displayName: z.string(),
  kind: PersonKindSchema,
};
export const MemberListCandidateSchema = z.object(memberListCandidateShape);
export type MemberListCandidate = z.infer<typeof MemberListCandidateSchema>;

const MatchedMemberSchema = z.object({ ...memberListLineShape, ...memberListCandidateShape });

export const MemberListPreviewSchema = z.object({
  /** one person each, not yet joined: the commit marks them */
  matched: z.array(MatchedMemberSchema),
  /** already marked as joined: nothing changes */
  alreadyJoined: z.array(MatchedMemberSchema),
  /** several people fit: the teacher chooses */
  ambiguous: z.array(z.object({ ...memberListLineShape, candidates: z.array(MemberListCandidateSchema) })),
  /** nobody of the chat fits (a teacher, a relative, a typo) */
  unknown: z.array(MemberListLineSchema),
});
export type MemberListPreview = z.infer<typeof MemberListPreviewSchema>;

export interface MemberListCommitRequest {
  /** the people to mark as joined (matched ones and the teacher's choices among ambiguous ones) */
  personIds: string[];
}

export const MemberListResultSchema = z.object({
  /** marked as joined now */
  joined: z.number(),
  /** already joined, or not using Sferum/MAX: left as they were */
  unchanged: z.number(),
});
export type MemberListResult = z.infer<typeof MemberListResultSchema>;
