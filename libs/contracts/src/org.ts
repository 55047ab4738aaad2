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
