import { Injectable } from '@nestjs/common';
import type { SetupLink, StaffRole } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { hashToken, looksLikeToken, newToken } from './tokens';

const SETUP_LINK_VALID_DAYS = 7;

export interface SetupLinkOwner {
  staffUserId: string;
  email: string;
  fullName: string;
  role: StaffRole;
}

/**
 * One-time links with which a new staff member (or one who lost their
 * password) chooses a password: valid 7 days, single use, only the newest
 * one of a user works.
 */
@Injectable()
export class SetupLinksService {
  constructor(private readonly dataSource: DataSource) {}

  async issue(staffUserId: string, manager: EntityManager = this.dataSource.manager): Promise<SetupLink> {
    const token = newToken();
    await manager.query(`DELETE FROM staff_setup_token WHERE staff_user_id = $1 AND used_at IS NULL`, [staffUserId]);
    const rows = await manager.query<Array<{ expires_at: Date }>>(
      `INSERT INTO staff_setup_token (token_hash, staff_user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(days => $3))
       RETURNING expires_at`,
      [hashToken(token), staffUserId, SETUP_LINK_VALID_DAYS],
    );
    return { path: `/setup/${token}`, expiresAt: rows[0].expires_at.toISOString() };
  }

  /** Whose link this is, if it is still usable; it stays usable. */
  async peek(token: string): Promise<SetupLinkOwner | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    const rows = await this.dataSource.query<Array<{ id: string; email: string; full_name: string; role: StaffRole }>>(
      `SELECT u.id, u.email, u.full_name, u.role
       FROM staff_setup_token t JOIN staff_user u ON u.id = t.staff_user_id
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.deactivated_at IS NULL`,
      [hashToken(token)],
    );
    const row = rows[0];
    return row && { staffUserId: row.id, email: row.email, fullName: row.full_name, role: row.role };
  }

  /** Marks the link used, atomically: of two concurrent uses only one gets the user id. */
  async consume(token: string, manager: EntityManager): Promise<string | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    const rows = await manager.query<[Array<{ staff_user_id: string }>, number]>(
      `UPDATE staff_setup_token t SET used_at = now()
       FROM staff_user u
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND u.id = t.staff_user_id AND u.deactivated_at IS NULL
       RETURNING t.staff_user_id`,
      [hashToken(token)],
    );
    return rows[0][0]?.staff_user_id;
  }

  async revokeAllFor(staffUserId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM staff_setup_token WHERE staff_user_id = $1 AND used_at IS NULL`, [staffUserId]);
  }
}
