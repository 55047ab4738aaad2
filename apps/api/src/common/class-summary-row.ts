import { formatClassName, type SchoolClassSummary } from '@sferum/contracts';

/** A class as the SQL reads it for its summary (with its teachers as JSON): the classes' list and the class view. */
export interface ClassSummaryRow {
  id: string;
  district_id: string;
  school_id: string;
  grade: number;
  letter: string;
  academic_year: string;
  archived_at: Date | null;
  parent_contact: string | null;
  deadline: string | null;
  teachers: Array<{ id: string; fullName: string }>;
}

export function toClassSummary(row: ClassSummaryRow): SchoolClassSummary {
  return {
    id: row.id,
    districtId: row.district_id,
    schoolId: row.school_id,
    grade: row.grade,
    letter: row.letter,
    name: formatClassName(row.grade, row.letter),
    academicYear: row.academic_year,
    archived: row.archived_at !== null,
    teachers: row.teachers,
    parentContact: row.parent_contact,
    deadline: row.deadline,
  };
}
