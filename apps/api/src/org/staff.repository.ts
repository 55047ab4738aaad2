import { Injectable } from '@nestjs/common';
import type { StaffMember, StaffRole } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { namedQuery, type SqlCondition } from '../database/named-query';
import { firstRow } from '../database/rows';

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

/** Staff accounts with the classes they lead. Typed raw SQL. */
@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `scope` is a condition on the account `u` (AccessPolicy.scopeOf(auth, 'staff', 'u')); active accounts first. */
  async list(scope: SqlCondition, schoolId: string | null): Promise<StaffMember[]> {
    const rows = await namedQuery<StaffRow>(
      this.dataSource.manager,
      `${STAFF_SQL}
       WHERE ${scope.sql} AND (CAST(:schoolId AS uuid) IS NULL OR u.school_id = :schoolId)
       GROUP BY u.id
       ORDER BY u.deactivated_at IS NOT NULL, u.full_name`,
      { ...scope.parameters, schoolId },
    );
    return rows.map(toMember);
  }

  async member(staffId: string): Promise<StaffMember> {
    const rows = await this.dataSource.query<StaffRow[]>(`${STAFF_SQL} WHERE u.id = $1 GROUP BY u.id`, [staffId]);
    return toMember(firstRow(rows, 'the staff member'));
  }

  /** Inserts the account without a password and returns its id; a taken e-mail fails with `staff_user_email_unique`. */
  async insert(
    manager: EntityManager,
    account: { districtId: string; schoolId: string | null; role: StaffRole; email: string; fullName: string },
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO staff_user (district_id, school_id, role, email, full_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [account.districtId, account.schoolId, account.role, account.email, account.fullName],
    );
    return firstRow(rows, 'INSERT INTO staff_user').id;
  }

  /** Changes what is given (undefined keeps it). */
  async update(
    manager: EntityManager,
    staffId: string,
    changes: { fullName?: string; role?: StaffRole },
  ): Promise<void> {
    await manager.query(
      `UPDATE staff_user SET full_name = COALESCE($2, full_name), role = COALESCE($3, role), updated_at = now() WHERE id = $1`,
      [staffId, changes.fullName ?? null, changes.role ?? null],
    );
  }

  /** The account leads no class any more. */
  async leaveClasses(manager: EntityManager, staffId: string): Promise<void> {
    await manager.query(`DELETE FROM teacher_class WHERE staff_user_id = $1`, [staffId]);
  }

  /** Idempotent: a deactivated account keeps its first deactivation time. */
  async deactivate(manager: EntityManager, staffId: string): Promise<void> {
    await manager.query(
      `UPDATE staff_user SET deactivated_at = COALESCE(deactivated_at, now()), updated_at = now() WHERE id = $1`,
      [staffId],
    );
  }

  async activate(staffId: string): Promise<void> {
    await this.dataSource.query(`UPDATE staff_user SET deactivated_at = NULL, updated_at = now() WHERE id = $1`, [
      staffId,
    ]);
  }

  /** Those of `staffIds` that are active teacher accounts of the school. */
  async activeTeachersAmong(manager: EntityManager, schoolId: string, staffIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM staff_user
       WHERE id = ANY($1::uuid[]) AND school_id = $2 AND role = 'teacher' AND deactivated_at IS NULL`,
      [staffIds, schoolId],
    );
    return rows.map((row) => row.id);
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
