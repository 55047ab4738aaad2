import * as z from 'zod/mini';

export const DistrictSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
});
export type DistrictSummary = z.infer<typeof DistrictSummarySchema>;

export const SchoolSummarySchema = z.object({
  id: z.string(),
  districtId: z.string(),
  name: z.string(),
  /** the onboarding path the school's families walk (paths/catalogue.ts) */
  pathId: z.string(),
  /** when the school last chose its path; null while it is on the one it started with */
  pathChangedAt: z.nullable(z.string()),
  /** the school's own note per step of its path, shown to parents on the page and the letter */
  stepNotes: z.record(z.string(), z.string()),
  /** the school's current academic year: the newest year of its classes; null without classes */
  academicYear: z.nullable(z.string()),
  classCount: z.number(),
  teacherCount: z.number(),
});
export type SchoolSummary = z.infer<typeof SchoolSummarySchema>;
export const SchoolSummaryListSchema = z.array(SchoolSummarySchema);

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

export const ClassTeacherSchema = z.object({
  id: z.string(),
  fullName: z.string(),
});
export type ClassTeacher = z.infer<typeof ClassTeacherSchema>;

export const SchoolClassSummarySchema = z.object({
  id: z.string(),
  districtId: z.string(),
  schoolId: z.string(),
  grade: z.number(),
  letter: z.string(),
  /** "5А" */
  name: z.string(),
  academicYear: z.string(),
  archived: z.boolean(),
  teachers: z.array(ClassTeacherSchema),
  /** the class teacher's contact for parents, on their page and letter */
  parentContact: z.nullable(z.string()),
  /** YYYY-MM-DD: by when families are asked to be in the chats */
  deadline: z.nullable(z.string()),
});
export type SchoolClassSummary = z.infer<typeof SchoolClassSummarySchema>;
export const SchoolClassSummaryListSchema = z.array(SchoolClassSummarySchema);

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
export const NewYearClassSchema = z.object({
  classId: z.string(),
  /** "5А" now */
  name: z.string(),
  /** "6А" next year; null when the class leaves */
  nextName: z.nullable(z.string()),
  action: z.enum(['promote', 'archive']),
  students: z.number(),
});
export type NewYearClass = z.infer<typeof NewYearClassSchema>;

export const NewYearPreviewSchema = z.object({
  /** the school's current year, "2026/2027": the newest year of its classes */
  fromYear: z.string(),
  toYear: z.string(),
  /** already run for toYear: a second run is refused */
  alreadyDone: z.boolean(),
  classes: z.array(NewYearClassSchema),
  /** the first grades that will be created empty, by letter */
  newFirstGrades: z.array(z.string()),
  /** days after which leavers' personal data is erased */
  erasureDays: z.number(),
});
export type NewYearPreview = z.infer<typeof NewYearPreviewSchema>;

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

export const NewYearResultSchema = z.object({
  fromYear: z.string(),
  toYear: z.string(),
  promoted: z.number(),
  archived: z.number(),
  created: z.number(),
  /** students who left, archived now and erased on eraseOn */
  leavers: z.number(),
  /** YYYY-MM-DD */
  eraseOn: z.string(),
  /** parents' links extended to the end of toYear */
  linksExtended: z.number(),
});
export type NewYearResult = z.infer<typeof NewYearResultSchema>;

export const NEW_YEAR_DEFAULT_ERASURE_DAYS = 30;
export const NEW_YEAR_MAX_ERASURE_DAYS = 365;
