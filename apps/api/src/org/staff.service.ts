import { belongsToSchool, leadsClasses } from '@sferum/contracts';
import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type { SetupLink, StaffMember, StaffRole, StaffWithSetupLink } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { SessionService } from '../auth/session.service';
import { SetupLinksService } from '../auth/setup-links.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import { namedQuery } from '../database/named-query';
import type { CreateStaffDto, ListStaffQueryDto, UpdateStaffDto } from './dto/staff.dto';

interface StaffRow {
  id: string;
  email: string;
  full_name: string;
  role: StaffRole;
  district_id: string;
  school_id: string | null;
  has_password: boolean;
  deactivated_at: Date | null;
  class_ids: string[];
  created_at: Date;
}

const STAFF_SQL = `
  SELECT u.id, u.email, u.full_name, u.role, u.district_id, u.school_id, u.deactivated_at, u.created_at,
         u.password_hash IS NOT NULL AS has_password,
         COALESCE(array_agg(tc.class_id) FILTER (WHERE tc.class_id IS NOT NULL), '{}') AS class_ids
  FROM staff_user u
  LEFT JOIN teacher_class tc ON tc.staff_user_id = u.id`;

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly setupLinks: SetupLinksService,
    private readonly sessions: SessionService,
  ) {}

  async list(auth: AuthContext, query: ListStaffQueryDto): Promise<StaffMember[]> {
    if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.read', query.schoolId);
    }
    this.access.requireRole(auth, 'staff.manage');
    const scope = this.access.scopeOf(auth, 'staff', 'u');
    const rows = await namedQuery<StaffRow>(
      this.dataSource.manager,
      `${STAFF_SQL}
       WHERE ${scope.sql} AND (CAST(:schoolId AS uuid) IS NULL OR u.school_id = :schoolId)
       GROUP BY u.id
       ORDER BY u.deactivated_at IS NOT NULL, u.full_name`,
      { ...scope.parameters, schoolId: query.schoolId ?? null },
    );
    return rows.map(toMember);
  }

  async get(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.read', staffId);
    return this.member(staffId);
  }

  /** Creates the account without a password and returns its first setup link (shown once). */
  async create(auth: AuthContext, dto: CreateStaffDto): Promise<StaffWithSetupLink> {
    let schoolId: string | null = null;
    if (!belongsToSchool(dto.role)) {
      this.access.requireGrant(auth, dto.role);
      if (dto.schoolId) {
        throw RequestValidationException.forField('schoolId', 'schoolId must be empty for a district admin');
      }
    } else {
      if (!dto.schoolId) {
        throw RequestValidationException.forField('schoolId', 'schoolId is required for a school admin or a teacher');
      }
      schoolId = (await this.access.requireAccess(auth, 'school.structure', dto.schoolId)).id;
      this.access.requireGrant(auth, dto.role);
    }

    const { staffId, setupLink } = await this.dataSource.transaction(async (manager) => {
      let rows: Array<{ id: string }>;
      try {
        rows = await manager.query<Array<{ id: string }>>(
          `INSERT INTO staff_user (district_id, school_id, role, email, full_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [auth.districtId, schoolId, dto.role, dto.email, dto.fullName],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'staff_user_email_unique')) {
          throw new ConflictException('An account with this e-mail already exists');
        }
        throw error;
      }
      const id = rows[0].id;
      return { staffId: id, setupLink: await this.setupLinks.issue(id, manager) };
    });
    return { staff: await this.member(staffId), setupLink };
  }

  async update(auth: AuthContext, staffId: string, dto: UpdateStaffDto): Promise<StaffMember> {
    const staff = await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (dto.role !== undefined && dto.role !== staff.role) {
      if (staffId === auth.userId) {
        throw new ForbiddenException('You cannot change your own role');
      }
      if (belongsToSchool(dto.role) !== belongsToSchool(staff.role)) {
        throw RequestValidationException.forField('role', 'a district admin account cannot become a school account, nor the other way round');
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE staff_user SET full_name = COALESCE($2, full_name), role = COALESCE($3, role), updated_at = now() WHERE id = $1`,
        [staffId, dto.fullName ?? null, dto.role ?? null],
      );
      if (dto.role !== undefined && !leadsClasses(dto.role)) {
        // Only teachers lead classes in this model; an admin sees the whole school anyway.
        await manager.query(`DELETE FROM teacher_class WHERE staff_user_id = $1`, [staffId]);
      }
    });
    return this.member(staffId);
  }

  /** Ends the account's sessions and setup links at once; idempotent. */
  async deactivate(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (staffId === auth.userId) {
      throw new BadRequestException('You cannot deactivate your own account');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE staff_user SET deactivated_at = COALESCE(deactivated_at, now()), updated_at = now() WHERE id = $1`,
        [staffId],
      );
      await this.sessions.endAllFor(staffId, undefined, manager);
      await this.setupLinks.revokeAllFor(staffId, manager);
    });
    return this.member(staffId);
  }

  async activate(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.manage', staffId);
    await this.dataSource.query(`UPDATE staff_user SET deactivated_at = NULL, updated_at = now() WHERE id = $1`, [staffId]);
    return this.member(staffId);
  }

  /** A new setup link; earlier unused ones stop working. Also how an admin helps with a lost password. */
  async reissueSetupLink(auth: AuthContext, staffId: string): Promise<SetupLink> {
    const staff = await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (staff.deactivatedAt) {
      throw new ConflictException('Activate the account before issuing a setup link');
    }
    return this.dataSource.transaction((manager) => this.setupLinks.issue(staffId, manager));
  }

  private async member(staffId: string): Promise<StaffMember> {
    const rows = await this.dataSource.query<StaffRow[]>(`${STAFF_SQL} WHERE u.id = $1 GROUP BY u.id`, [staffId]);
    return toMember(rows[0]);
  }
}



function toMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    districtId: row.district_id,
    schoolId: row.school_id,
    status: row.deactivated_at ? 'deactivated' : row.has_password ? 'active' : 'pending_setup',
    classIds: row.class_ids,
    createdAt: row.created_at.toISOString(),
  };
}
