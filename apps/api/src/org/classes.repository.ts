import { Injectable } from '@nestjs/common';
import type { SchoolClassSummary } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { toClassSummary, type ClassSummaryRow } from '../common/class-summary-row';
import { namedQuery, type SqlCondition } from '../database/named-query';
import { firstRow } from '../database/rows';
import { CLASSES_SQL } from './classes.sql';

/** A class as it belongs to a school and its district. */
export interface ClassPlace {
  id: string;
  schoolId: string;
  districtId: string;
}

/**
 * Classes with their teachers and what their parents read. Typed raw SQL; the
 * summary's text is CLASSES_SQL, which the benchmark runs too.
 */
@Injectable()
export class ClassesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `scope` is a condition on the class `c` (AccessPolicy.scopeOf(auth, 'class', 'c')); the newest year first. */
  async list(
    scope: SqlCondition,
    filter: { schoolId: string | null; includeArchived: boolean },
  ): Promise<SchoolClassSummary[]> {
    const rows = await namedQuery<ClassSummaryRow>(
      this.dataSource.manager,
      `${CLASSES_SQL.summary}
       WHERE ${scope.sql}
         AND (CAST(:schoolId AS uuid) IS NULL OR c.school_id = :schoolId)
         AND (:includeArchived OR c.archived_at IS NULL)
       GROUP BY c.id
       ORDER BY c.academic_year DESC, c.grade, c.letter`,
      { ...scope.parameters, schoolId: filter.schoolId, includeArchived: filter.includeArchived },
    );
    return rows.map(toClassSummary);
  }

  async summary(classId: string): Promise<SchoolClassSummary> {
    const rows = await this.dataSource.query<ClassSummaryRow[]>(CLASSES_SQL.summaryById, [classId]);
    return toClassSummary(firstRow(rows, 'the class summary'));
  }

  /** Inserts the class and returns its id; a taken name in that year fails with `school_class_unique`. */
  async insert(
    manager: EntityManager,
    schoolClass: { districtId: string; schoolId: string; grade: number; letter: string; academicYear: string },
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [schoolClass.districtId, schoolClass.schoolId, schoolClass.grade, schoolClass.letter, schoolClass.academicYear],
    );
    return firstRow(rows, 'INSERT INTO school_class').id;
  }

  /**
   * Changes what is given (undefined keeps it); `archived` archives the class
   * (keeping an earlier archive time) or brings it back. A taken name fails with
   * `school_class_unique`.
   */
  async update(
    classId: string,
    changes: { grade?: number; letter?: string; academicYear?: string; archived?: boolean },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE school_class SET
         grade = COALESCE($2, grade),
         letter = COALESCE($3, letter),
         academic_year = COALESCE($4, academic_year),
         archived_at = CASE WHEN $5::boolean IS NULL THEN archived_at
                            WHEN $5 THEN COALESCE(archived_at, now())
                            ELSE NULL END
       WHERE id = $1`,
      [classId, changes.grade ?? null, changes.letter ?? null, changes.academicYear ?? null, changes.archived ?? null],
    );
  }

  async setParentInfo(classId: string, info: { parentContact: string | null; deadline: string | null }): Promise<void> {
    await this.dataSource.query(`UPDATE school_class SET parent_contact = $2, deadline = $3::date WHERE id = $1`, [
      classId,
      info.parentContact,
      info.deadline,
    ]);
  }

  /** The class is led by exactly these teachers. */
  async replaceTeachers(manager: EntityManager, schoolClass: ClassPlace, teacherIds: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM teacher_class WHERE class_id = $1`, [schoolClass.id]);
    if (teacherIds.length > 0) {
      await manager.query(
        `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
         SELECT unnest($1::uuid[]), $2, $3, $4`,
        [teacherIds, schoolClass.id, schoolClass.schoolId, schoolClass.districtId],
      );
    }
  }
}
