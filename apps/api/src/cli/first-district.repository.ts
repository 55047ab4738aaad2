import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

/**
 * What `npm run admin -- create-district` writes: a district and its first
 * district admin, who then chooses a password through a setup link (typed raw SQL).
 */
@Injectable()
export class FirstDistrictRepository {
  /** Whether any account (active or not) has this e-mail. */
  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM staff_user WHERE email = $1`, [email]);
    return rows.length > 0;
  }

  /** The new district's id, or undefined when one of that name exists. */
  async insertDistrict(manager: EntityManager, name: string): Promise<string | undefined> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO district (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [name],
    );
    return rows[0]?.id;
  }

  async insertDistrictAdmin(
    manager: EntityManager,
    districtId: string,
    email: string,
    fullName: string,
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO staff_user (district_id, role, email, full_name) VALUES ($1, 'district_admin', $2, $3) RETURNING id`,
      [districtId, email, fullName],
    );
    return firstRow(rows, 'INSERT INTO staff_user').id;
  }
}
