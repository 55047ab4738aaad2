import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

interface SetupLinkOwnerRow {
  id: string;
  email: string;
  full_name: string;
  role: StaffRole;
}

export interface SetupLinkOwner {
  staffUserId: string;
  email: string;
  fullName: string;
  role: StaffRole;
}

/** `staff_setup_token`: one-time links keyed by the SHA-256 of their token (typed raw SQL). */
@Injectable()
export class SetupLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes the user's unused links, so that only the next one works. */
  async deleteUnusedFor(manager: EntityManager, staffUserId: string): Promise<void> {
    await manager.query(`DELETE FROM staff_setup_token WHERE staff_user_id = $1 AND used_at IS NULL`, [staffUserId]);
  }

  /** Stores a link valid for `validDays` and returns when it expires. */
  async insert(manager: EntityManager, tokenHash: Buffer, staffUserId: string, validDays: number): Promise<Date> {
    const rows = await manager.query<Array<{ expires_at: Date }>>(
      `INSERT INTO staff_setup_token (token_hash, staff_user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(days => $3))
       RETURNING expires_at`,
      [tokenHash, staffUserId, validDays],
    );
    return firstRow(rows, 'INSERT INTO staff_setup_token').expires_at;
  }

  /** The owner of a usable link (unused, unexpired, of an active account). */
  async findUsableOwner(tokenHash: Buffer): Promise<SetupLinkOwner | undefined> {
    const rows = await this.dataSource.query<SetupLinkOwnerRow[]>(
      `SELECT u.id, u.email, u.full_name, u.role
       FROM staff_setup_token t JOIN staff_user u ON u.id = t.staff_user_id
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.deactivated_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    return row && { staffUserId: row.id, email: row.email, fullName: row.full_name, role: row.role };
  }

  /** Marks a usable link used in one UPDATE and returns its owner's id, or undefined when it was not usable. */
  async markUsed(manager: EntityManager, tokenHash: Buffer): Promise<string | undefined> {
    const rows = await manager.query<[Array<{ staff_user_id: string }>, number]>(
      `UPDATE staff_setup_token t SET used_at = now()
       FROM staff_user u
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND u.id = t.staff_user_id AND u.deactivated_at IS NULL
       RETURNING t.staff_user_id`,
      [tokenHash],
    );
    return rows[0][0]?.staff_user_id;
  }
}
