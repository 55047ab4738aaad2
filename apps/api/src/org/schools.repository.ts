import { Injectable } from '@nestjs/common';
import type { SchoolSummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { namedQuery, type SqlCondition } from '../database/named-query';
import { firstRow } from '../database/rows';

interface SchoolRow {
  id: string;
  district_id: string;
  name: string;
  path_id: string;
  path_changed_at: Date | null;
  step_notes: Record<string, string>;
  academic_year: string | null;
  class_count: string;
  teacher_count: string;
}

const SCHOOL_SUMMARY_SQL = `
  SELECT s.id, s.district_id, s.name, s.path_id, s.path_changed_at,
         (SELECT COALESCE(json_object_agg(n.step, n.note), '{}') FROM school_step_note n
          WHERE n.school_id = s.id AND n.path_id = s.path_id) AS step_notes,
         (SELECT max(c.academic_year) FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS academic_year,
         (SELECT count(*) FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS class_count,
         (SELECT count(*) FROM staff_user u
           WHERE u.school_id = s.id AND u.role = 'teacher' AND u.deactivated_at IS NULL) AS teacher_count
  FROM school s`;

/** Schools with their summaries (notes of the current path, year, counts). Typed raw SQL. */
@Injectable()
export class SchoolsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `scope` is a condition on the school `s` (AccessPolicy.scopeOf(auth, 'school', 's')). */
  async list(scope: SqlCondition): Promise<SchoolSummary[]> {
    const rows = await namedQuery<SchoolRow>(
      this.dataSource.manager,
      `${SCHOOL_SUMMARY_SQL} WHERE ${scope.sql} ORDER BY s.name`,
      scope.parameters,
    );
    return rows.map(toSummary);
  }

  async summary(schoolId: string): Promise<SchoolSummary> {
    const rows = await this.dataSource.query<SchoolRow[]>(`${SCHOOL_SUMMARY_SQL} WHERE s.id = $1`, [schoolId]);
    return toSummary(firstRow(rows, 'the school summary'));
  }

  /** Inserts the school and returns its id; a taken name fails with `school_name_unique`. */
  async insert(school: { districtId: string; name: string; pathId: string }): Promise<string> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO school (district_id, name, path_id) VALUES ($1, $2, $3) RETURNING id`,
      [school.districtId, school.name, school.pathId],
    );
    return firstRow(rows, 'INSERT INTO school').id;
  }

  /** A taken name fails with `school_name_unique`. */
  async rename(schoolId: string, name: string): Promise<void> {
    await this.dataSource.query(`UPDATE school SET name = $2 WHERE id = $1`, [schoolId, name]);
  }
}

function toSummary(row: SchoolRow): SchoolSummary {
  return {
    id: row.id,
    districtId: row.district_id,
    name: row.name,
    pathId: row.path_id,
    pathChangedAt: row.path_changed_at ? row.path_changed_at.toISOString() : null,
    stepNotes: row.step_notes,
    academicYear: row.academic_year,
    classCount: Number(row.class_count),
    teacherCount: Number(row.teacher_count),
  };
}
