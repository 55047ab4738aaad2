import { ConflictException, Injectable } from '@nestjs/common';
import { academicYearOf, formatClassName, type SchoolClassSummary } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import { namedQuery } from '../database/named-query';
import { SchoolPaths } from '../paths/school-paths.service';
import type { CreateClassDto, ListClassesQueryDto, SetParentInfoDto, UpdateClassDto } from './dto/school-class.dto';
import { CLASSES_SQL } from './classes.sql';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';

interface ClassRow {
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

@Injectable()
export class ClassesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly schoolPaths: SchoolPaths,
    private readonly chats: ChatMembershipsRepository,
  ) {}

  async list(auth: AuthContext, query: ListClassesQueryDto): Promise<SchoolClassSummary[]> {
    if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.read', query.schoolId);
    }
    const scope = this.access.scopeOf(auth, 'class', 'c');
    const rows = await namedQuery<ClassRow>(
      this.dataSource.manager,
      `${CLASSES_SQL.summary}
       WHERE ${scope.sql}
         AND (CAST(:schoolId AS uuid) IS NULL OR c.school_id = :schoolId)
         AND (:includeArchived OR c.archived_at IS NULL)
       GROUP BY c.id
       ORDER BY c.academic_year DESC, c.grade, c.letter`,
      { ...scope.parameters, schoolId: query.schoolId ?? null, includeArchived: query.includeArchived === 'true' },
    );
    return rows.map(toSummary);
  }

  async get(auth: AuthContext, classId: string): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.read', classId);
    return this.summary(classId);
  }

  async create(auth: AuthContext, dto: CreateClassDto): Promise<SchoolClassSummary> {
    const school = await this.access.requireAccess(auth, 'school.structure', dto.schoolId);
    const classId = await this.saveClass(() =>
      this.dataSource.transaction(async (manager) => {
        const path = await this.schoolPaths.lockedForChange(manager, school.id);
        const rows = await manager.query<Array<{ id: string }>>(
          `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [school.districtId, school.id, dto.grade, dto.letter, dto.academicYear ?? academicYearOf(new Date())],
        );
        // Every class has its class chat from the start, and the school its school chat.
        await this.chats.ensureStandardChats(manager, path, [rows[0].id]);
        return rows[0].id;
      }),
    );
    return this.summary(classId);
  }

  async update(auth: AuthContext, classId: string, dto: UpdateClassDto): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.manage', classId);
    await this.saveClass(() =>
      this.dataSource.query(
        `UPDATE school_class SET
           grade = COALESCE($2, grade),
           letter = COALESCE($3, letter),
           academic_year = COALESCE($4, academic_year),
           archived_at = CASE WHEN $5::boolean IS NULL THEN archived_at
                              WHEN $5 THEN COALESCE(archived_at, now())
                              ELSE NULL END
         WHERE id = $1`,
        [classId, dto.grade ?? null, dto.letter ?? null, dto.academicYear ?? null, dto.archived ?? null],
      ),
    );
    return this.summary(classId);
  }

  /** Replaces the class's teachers; each must be an active teacher of the class's school. */
  async setTeachers(auth: AuthContext, classId: string, teacherIds: string[]): Promise<SchoolClassSummary> {
    const schoolClass = await this.access.requireAccess(auth, 'class.manage', classId);
    await this.dataSource.transaction(async (manager) => {
      await this.requireTeachersOfSchool(manager, schoolClass.schoolId, teacherIds);
      await manager.query(`DELETE FROM teacher_class WHERE class_id = $1`, [classId]);
      if (teacherIds.length > 0) {
        await manager.query(
          `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
           SELECT unnest($1::uuid[]), $2, $3, $4`,
          [teacherIds, classId, schoolClass.schoolId, schoolClass.districtId],
        );
      }
    });
    return this.summary(classId);
  }

  /** What the class's parents read on their page and letter: the class teacher's contact, the deadline. The class's teachers may set it. */
  async setParentInfo(auth: AuthContext, classId: string, dto: SetParentInfoDto): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.read', classId);
    await this.dataSource.query(`UPDATE school_class SET parent_contact = $2, deadline = $3::date WHERE id = $1`, [
      classId,
      dto.parentContact === null || dto.parentContact === '' ? null : dto.parentContact,
      dto.deadline,
    ]);
    return this.summary(classId);
  }

  private async requireTeachersOfSchool(manager: EntityManager, schoolId: string, teacherIds: string[]): Promise<void> {
    if (teacherIds.length === 0) return;
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM staff_user
       WHERE id = ANY($1::uuid[]) AND school_id = $2 AND role = 'teacher' AND deactivated_at IS NULL`,
      [teacherIds, schoolId],
    );
    const found = new Set(rows.map((row) => row.id));
    const unknown = teacherIds.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      throw new RequestValidationException([
        { field: 'teacherIds', messages: [`not active teachers of this school: ${unknown.join(', ')}`] },
      ]);
    }
  }

  private async summary(classId: string): Promise<SchoolClassSummary> {
    const rows = await this.dataSource.query<ClassRow[]>(CLASSES_SQL.summaryById, [classId]);
    return toSummary(rows[0]);
  }

  private async saveClass<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'school_class_unique')) {
        throw new ConflictException('This school already has a class with this name in that academic year');
      }
      throw error;
    }
  }
}

function toSummary(row: ClassRow): SchoolClassSummary {
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
