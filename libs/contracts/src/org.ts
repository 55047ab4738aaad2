import type { Messenger } from './progress';

export interface DistrictSummary {
  id: string;
  name: string;
}

export interface SchoolSummary {
  id: string;
  districtId: string;
  name: string;
  /** the app the school's families use for the chats */
  messenger: Messenger;
  classCount: number;
  teacherCount: number;
}

export interface CreateSchoolRequest {
  name: string;
}

export interface UpdateSchoolRequest {
  /** district admin only */
  name?: string;
  /** the school's admin or the district admin */
  messenger?: Messenger;
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
