import type { ApiErrorBody } from './api-error';
import type { SchoolClassSummary } from './org';
import type { ChatAudience } from './paths/path-types';
import type {
  BlockerReason,
  ChatKind,
  ChatStatus,
  CounterStatus,
  OptOutChannel,
  PersonKind,
  ProgressItem,
  ProgressSource,
  StepId,
  StepStatus,
} from './progress';

export const DISPLAY_NAME_MAX_LENGTH = 200;
/** Up to two parents per student row, as class lists usually have. */
export const MAX_PARENTS_PER_STUDENT = 2;

export interface StepState {
  step: StepId;
  status: StepStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  updatedAt: string;
  /** null while nobody has touched it */
  updatedSource: ProgressSource | null;
}

export interface ChatMembershipState {
  chatId: string;
  status: ChatStatus;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  updatedAt: string;
  updatedSource: ProgressSource | null;
}

export interface RosterPerson {
  id: string;
  familyId: string;
  kind: PersonKind;
  /** as the teacher typed it */
  displayName: string;
  /** the class of a student; null for a parent */
  classId: string | null;
  /** goes back with every change: a stale one gets 409 */
  version: number;
  archived: boolean;
  /** a phone number was given (only its keyed hash is kept) */
  hasPhone: boolean;
  /** another person of the school was given the same number: one number holds one VK ID */
  sharedPhone: boolean;
  steps: StepState[];
  chats: ChatMembershipState[];
  /** set while the person does not use Sferum/MAX: a choice, not a blocker */
  optOut: OptOut | null;
}

/** A person's choice not to use Sferum/MAX, and how the school keeps them informed instead. */
export interface OptOut {
  channel: OptOutChannel;
  /** what "other" means, or any detail */
  note: string | null;
  at: string;
  source: ProgressSource;
}

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

export interface RosterFamily {
  id: string;
  students: RosterPerson[];
  parents: RosterPerson[];
}

export interface ChatSummary {
  id: string;
  kind: ChatKind;
  /** a class chat is for everyone of the class, or (on MAX) for its parents or its students */
  audience: ChatAudience;
  /** the subject, for a subject chat */
  name: string | null;
  classId: string | null;
  /** the chat's invitation link from MAX or Sferum, for the parents' page and letters */
  inviteUrl: string | null;
}

export interface ClassCounter {
  personKind: PersonKind;
  item: ProgressItem;
  status: CounterStatus;
  people: number;
}

/** A class's counters (as ClassRoster has them), after a change. */
export interface ClassCounters {
  classId: string;
  counters: ClassCounter[];
}

/**
 * What a teacher's change of one person answers (a step, a chat, an opt-out):
 * the person after it, and the counters of every class the person counts in
 * (a student's class, a parent's children's classes), so the class page
 * updates without fetching the roster again.
 */
export interface PersonChangeResult {
  person: RosterPerson;
  classes: ClassCounters[];
}

/** Everything the class page shows, in one answer. */
export interface ClassRoster {
  schoolClass: SchoolClassSummary;
  /** the school's onboarding path: its steps are the grid's columns */
  pathId: string;
  chats: ChatSummary[];
  counters: ClassCounter[];
  families: RosterFamily[];
}

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

export interface FamilyMatch {
  /** null: nobody of the school has that name and phone */
  match: {
    /** the matching parent's name as the school has it */
    parentName: string;
    /** the classes of that family's children ("7Б"), no child's name */
    classes: string[];
  } | null;
}

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
export interface BulkProgressResult {
  updated: RosterPerson[];
  classes: ClassCounters[];
}

/** What a history entry is about: a step, a chat, or the person's opting out (or back in). */
export type ProgressEventKind = 'step' | 'chat' | 'opt_out';

export interface ProgressEvent {
  id: string;
  personId: string;
  kind: ProgressEventKind;
  /** the path the school was on when it happened */
  pathId: string;
  step: StepId | null;
  chatId: string | null;
  /** an opt-out's from/to are `participating` and `opted_out` */
  fromStatus: StepStatus | ChatStatus | OptOutState;
  toStatus: StepStatus | ChatStatus | OptOutState;
  /** the channel used instead, when opting out */
  channel: OptOutChannel | null;
  blockerReason: BlockerReason | null;
  blockerNote: string | null;
  source: ProgressSource;
  /** the staff member, for teacher and admin changes */
  actorName: string | null;
  createdAt: string;
}

export type OptOutState = 'participating' | 'opted_out';

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
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * What the whole-school import answers besides: a row without a class, or
 * with one that names no class (or an archived one). A class import answers
 * IMPORT_ERROR_CODES alone.
 */
export const SCHOOL_IMPORT_ERROR_CODES = [...IMPORT_ERROR_CODES, 'empty_class', 'bad_class'] as const;
export type SchoolImportErrorCode = (typeof SCHOOL_IMPORT_ERROR_CODES)[number];

export const IMPORT_MAX_ROWS = 10_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface ImportError {
  /** the row as the spreadsheet numbers it (the header is row 1); null for the whole file */
  row: number | null;
  /** the column's header as written in the file */
  column: string | null;
  code: ImportErrorCode;
  message: string;
}

/** An error of the whole-school import: the class import's, or one about a row's class. */
export interface SchoolImportError extends Omit<ImportError, 'code'> {
  code: SchoolImportErrorCode;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface ImportRowPreview {
  row: number;
  student: string;
  action: ImportAction;
  parents: Array<{ name: string; action: ImportAction }>;
  /** the family is new, or one already in the school (a sibling) */
  newFamily: boolean;
  /** the class the row goes to ("5А"): set by the whole-school import */
  className?: string;
}

/** What an import will do (a preview) or did (committed); nothing is written while there are errors. */
export interface ImportResult {
  committed: boolean;
  rows: number;
  students: ImportCounts;
  parents: ImportCounts;
  families: { create: number; existing: number };
  /** students of the class the file does not mention: left as they are */
  notInFile: number;
  errors: ImportError[];
  preview: ImportRowPreview[];
}

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
export type ColumnRole = (typeof IMPORT_COLUMN_ROLES)[number];

/**
 * Columns by their key → role (null: leave the column out). The key is the
 * column's `key` in ImportColumn: its header as written, or, for an empty or
 * repeated header, the header followed by the column's letter in brackets
 * ("Телефон [E]", "[C]"); "[E]" alone also names column E. Keys compare
 * without case, ё/е or extra spaces.
 */
export type ImportColumnMapping = Record<string, ColumnRole | null>;

export interface ImportColumn {
  /** 0-based */
  index: number;
  /** as the spreadsheet shows it: A, B, …, AA */
  letter: string;
  /** as written; a header over two rows reads "Мать / Телефон"; '' when the column has none */
  header: string;
  /** how ImportColumnMapping names this column */
  key: string;
  /** null: ignored */
  role: ColumnRole | null;
}

/** Where the roles of the columns came from. */
export type ImportMappingSource = 'detected' | 'saved' | 'request';

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
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  code: ImportWarningCode;
  /** as in ImportError; null for the whole file */
  row: number | null;
  column: string | null;
  /** the other class it is about ("5Б"), for other_class_rows and the *_in_other_class codes */
  className: string | null;
  /** in Russian */
  message: string;
}

/** A class the rows of the file go to. */
export interface ImportClassPlan {
  /** "5А" */
  name: string;
  /** null: no such class in the school year yet; the commit creates it with its chats */
  classId: string | null;
  rows: number;
  students: ImportCounts;
}

/** A row of another class left out of a class import. */
export interface ImportSkippedRow {
  row: number;
  student: string;
  className: string;
}

/**
 * What POST /api/classes/:classId/import (ImportReport) and POST
 * /api/schools/:schoolId/import (SchoolImportReport) answer: ImportResult,
 * unchanged, and how the file was read. Send the same file with the same
 * `mapping` and `headerRow` to commit what the preview showed.
 */
export interface ImportReportOf<E extends { code: string }> extends Omit<ImportResult, 'errors'> {
  errors: E[];
  /** the row (1-based) where the header ends and the data begins; null when the file could not be read */
  headerRow: number | null;
  /** every column of the file with its role, in the file's order */
  columns: ImportColumn[];
  /** the roles used, every column by its key: what PUT …/import-mappings/:name takes to keep them */
  mapping: ImportColumnMapping;
  mappingSource: ImportMappingSource;
  /** the school's saved mapping applied (mappingSource 'saved') */
  savedMappingName: string | null;
  warnings: ImportWarning[];
  /** the school year of the classes; a whole-school import creates the missing ones in it */
  academicYear: string;
  /** the class of a class import; every class named by a whole-school file, in order of name */
  classes: ImportClassPlan[];
  /** class import: rows of another class, left out */
  skipped: ImportSkippedRow[];
}

export type ImportReport = ImportReportOf<ImportError>;
export type SchoolImportReport = ImportReportOf<SchoolImportError>;

/** The body of the 422 of a refused commit: the usual error, and the report with every error of the file. */
export interface ImportRefusalBody extends ApiErrorBody {
  result: ImportReport | SchoolImportReport;
}

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
export interface ImportMapping {
  name: string;
  mapping: ImportColumnMapping;
  headerRow: number;
  updatedAt: string;
}

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

export interface MemberListLine {
  /** 1-based line of the pasted text */
  line: number;
  text: string;
}

export interface MemberListCandidate {
  personId: string;
  displayName: string;
  kind: PersonKind;
}

export interface MemberListPreview {
  /** one person each, not yet joined: the commit marks them */
  matched: Array<MemberListLine & MemberListCandidate>;
  /** already marked as joined: nothing changes */
  alreadyJoined: Array<MemberListLine & MemberListCandidate>;
  /** several people fit: the teacher chooses */
  ambiguous: Array<MemberListLine & { candidates: MemberListCandidate[] }>;
  /** nobody of the chat fits (a teacher, a relative, a typo) */
  unknown: MemberListLine[];
}

export interface MemberListCommitRequest {
  /** the people to mark as joined (matched ones and the teacher's choices among ambiguous ones) */
  personIds: string[];
}

export interface MemberListResult {
  /** marked as joined now */
  joined: number;
  /** already joined, or not using Sferum/MAX: left as they were */
  unchanged: number;
}
