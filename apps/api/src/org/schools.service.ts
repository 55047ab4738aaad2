import { ConflictException, Injectable } from '@nestjs/common';
import { DEFAULT_PATH_ID, type DistrictSummary, type SchoolSummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { namedQuery } from '../database/named-query';
import type { CreateSchoolDto, UpdateDistrictDto, UpdateSchoolDto } from './dto/school.dto';

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

@Injectable()
export class SchoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  async list(auth: AuthContext): Promise<SchoolSummary[]> {
    const scope = this.access.scopeOf(auth, 'school', 's');
    const rows = await namedQuery<SchoolRow>(
      this.dataSource.manager,
      `${SCHOOL_SUMMARY_SQL} WHERE ${scope.sql} ORDER BY s.name`,
      scope.parameters,
    );
    return rows.map(toSummary);
  }

  async get(auth: AuthContext, schoolId: string): Promise<SchoolSummary> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    return this.summary(schoolId);
  }

  async create(auth: AuthContext, dto: CreateSchoolDto): Promise<SchoolSummary> {
    this.access.requireRole(auth, 'district.manage');
    const rows = await this.saveName(() =>
      this.dataSource.query<Array<{ id: string }>>(`INSERT INTO school (district_id, name, path_id) VALUES ($1, $2, $3) RETURNING id`, [
        auth.districtId,
        dto.name,
        DEFAULT_PATH_ID,
      ]),
    );
    return this.summary((rows as Array<{ id: string }>)[0].id);
  }

  /** The name is the district's to change. */
  async update(auth: AuthContext, schoolId: string, dto: UpdateSchoolDto): Promise<SchoolSummary> {
    await this.access.requireAccess(auth, dto.name !== undefined ? 'school.rename' : 'school.structure', schoolId);
    if (dto.name !== undefined) {
      await this.saveName(() => this.dataSource.query(`UPDATE school SET name = $2 WHERE id = $1`, [schoolId, dto.name]));
    }
    return this.summary(schoolId);
  }

  /** Only a district admin sees their district as an object of its own. */
  async getDistrict(auth: AuthContext, districtId: string): Promise<DistrictSummary> {
    await this.access.requireAccess(auth, 'district.read', districtId);
    const rows = await this.dataSource.query<DistrictSummary[]>(`SELECT id, name FROM district WHERE id = $1`, [districtId]);
    return rows[0];
  }

  async updateDistrict(auth: AuthContext, districtId: string, dto: UpdateDistrictDto): Promise<DistrictSummary> {
    await this.getDistrict(auth, districtId);
    try {
      await this.dataSource.query(`UPDATE district SET name = $2 WHERE id = $1`, [districtId, dto.name]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('Another district has this name');
      throw error;
    }
    return this.getDistrict(auth, districtId);
  }

  async summary(schoolId: string): Promise<SchoolSummary> {
    const rows = await this.dataSource.query<SchoolRow[]>(`${SCHOOL_SUMMARY_SQL} WHERE s.id = $1`, [schoolId]);
    return toSummary(rows[0]);
  }

  private async saveName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'school_name_unique')) {
        throw new ConflictException('A school with this name already exists in the district');
      }
      throw error;
    }
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
