export interface DistrictSummary {
  id: string;
  name: string;
}

export interface SchoolSummary {
  id: string;
  districtId: string;
  name: string;
  /** the onboarding path the school's families walk (paths/catalogue.ts) */
  pathId: string;
  /** when the school last chose its path; null while it is on the one it started with */
  pathChangedAt: string | null;
  /** the school's own note per step of its path, shown to parents on the page and the letter */
  stepNotes: Record<string, string>;
  /** the school's current academic year: the newest year of its classes; null without classes */
  academicYear: string | null;
  classCount: number;
  teacherCount: number;
}

export interface CreateSchoolRequest {
  name: string;
}

export interface UpdateSchoolRequest {
  /** district admin only */
  name?: string;
}

export const STEP_NOTE_MAX_LENGTH = 300;

/** Puts the school on another path: the old path's history stays, the new path's steps start at not started. */
export interface SwitchPathRequest {
  pathId: string;
}

/** The school's notes per step of its current path; an empty note removes it. */
export interface SetStepNotesRequest {
  notes: Array<{ step: string; note: string }>;
}

export interface ClassTeacher {
  id: string;
  fullName: string;
}

export interface SchoolClassSummary {
  id: string;
  districtId: string;
  schoolId: string;
  grade: number;
  letter: string;
  /** "5А" */
  name: string;
  academicYear: string;
  archived: boolean;
  teachers: ClassTeacher[];
  /** the class teacher's contact for parents, on their page and letter */
  parentContact: string | null;
  /** YYYY-MM-DD: by when families are asked to be in the chats */
  deadline: string | null;
}

export const PARENT_CONTACT_MAX_LENGTH = 300;

/** What the class teacher tells the class's parents (PUT /api/classes/:id/parent-info); null clears a field. */
export interface SetParentInfoRequest {
  parentContact: string | null;
  deadline: string | null;
}

export interface CreateClassRequest {
  schoolId: string;
  grade: number;
  letter: string;
  /** "2026/2027"; defaults to the current academic year */
  academicYear?: string;
}

export interface UpdateClassRequest {
  grade?: number;
  letter?: string;
  academicYear?: string;
  archived?: boolean;
}

export interface SetClassTeachersRequest {
  teacherIds: string[];
}

/** What «Новый учебный год» will do to a school, before it is run. */
export interface NewYearPreview {
  /** the school's current year, "2026/2027": the newest year of its classes */
  fromYear: string;
  toYear: string;
  /** already run for toYear: a second run is refused */
  alreadyDone: boolean;
  classes: NewYearClass[];
  /** the first grades that will be created empty, by letter */
  newFirstGrades: string[];
  /** days after which leavers' personal data is erased */
  erasureDays: number;
}

export interface NewYearClass {
  classId: string;
  /** "5А" now */
  name: string;
  /** "6А" next year; null when the class leaves */
  nextName: string | null;
  action: 'promote' | 'archive';
  students: number;
}

/** POST /api/schools/:id/new-year/preview takes the same fields but toYear. */
export interface NewYearOptions {
  /** archive the 9th grades too (their students leave after grade 9) */
  archiveGrade9: boolean;
  /** erase leavers' personal data this many days after the move; default 30 */
  erasureDays?: number;
  /** letters of the new first grades; default: the letters the first grades have now */
  firstGradeLetters?: string[];
}

export interface NewYearRequest extends NewYearOptions {
  /** the year being started, "2027/2028": must be the next one, as a confirmation */
  toYear: string;
}

export interface NewYearResult {
  fromYear: string;
  toYear: string;
  promoted: number;
  archived: number;
  created: number;
  /** students who left, archived now and erased on eraseOn */
  leavers: number;
  /** YYYY-MM-DD */
  eraseOn: string;
  /** parents' links extended to the end of toYear */
  linksExtended: number;
}

export const NEW_YEAR_DEFAULT_ERASURE_DAYS = 30;
export const NEW_YEAR_MAX_ERASURE_DAYS = 365;
