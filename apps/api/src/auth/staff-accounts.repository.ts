import { Injectable } from '@nestjs/common';
import type { CurrentUser, StaffRole } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';

interface CurrentUserRow {
  id: string;
  email: string;
  full_name: string;
  role: StaffRole;
  district_id: string;
  district_name: string;
  school_id: string | null;
  school_name: string | null;
}

/** An account that can sign in; `passwordHash` is null until its setup link is used. */
export interface SignInAccount {
  id: string;
  passwordHash: string | null;
}

/**
 * The staff accounts as sign-in sees them: credentials and the signed-in
 * user's view (typed raw SQL). Managing the accounts is org's.
 */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveByEmail(manager: EntityManager, email: string): Promise<SignInAccount | undefined> {
    const rows = await manager.query<Array<{ id: string; password_hash: string | null }>>(
      `SELECT id, password_hash FROM staff_user WHERE email = $1 AND deactivated_at IS NULL`,
      [email],
    );
    const row = rows[0];
    return row && { id: row.id, passwordHash: row.password_hash };
  }

  async currentUser(staffUserId: string): Promise<CurrentUser | undefined> {
    const rows = await this.dataSource.query<CurrentUserRow[]>(
      `SELECT u.id, u.email, u.full_name, u.role, u.district_id, d.name AS district_name, u.school_id, s.name AS school_name
       FROM staff_user u
       JOIN district d ON d.id = u.district_id
       LEFT JOIN school s ON s.id = u.school_id
       WHERE u.id = $1`,
      [staffUserId],
    );
    const row = rows[0];
    return (
      row && {
        id: row.id,
        email: row.email,
        fullName: row.full_name,
        role: row.role,
        districtId: row.district_id,
        districtName: row.district_name,
        schoolId: row.school_id,
        schoolName: row.school_name,
      }
    );
  }

  async passwordHash(staffUserId: string): Promise<string | null | undefined> {
    const rows = await this.dataSource.query<Array<{ password_hash: string | null }>>(
      `SELECT password_hash FROM staff_user WHERE id = $1`,
      [staffUserId],
    );
    return rows[0]?.password_hash;
  }

  async setPasswordHash(manager: EntityManager, staffUserId: string, hash: string): Promise<void> {
    await manager.query(`UPDATE staff_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      staffUserId,
      hash,
    ]);
  }
}
