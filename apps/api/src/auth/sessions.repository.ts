import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from './auth-context';
import { preparedQuery } from '../database/prepared-query';
import { SESSION_SQL } from './session.sql';

interface SessionRow {
  session_id: string;
  user_id: string;
  role: StaffRole;
  district_id: string;
  school_id: string | null;
  stale: boolean;
}

/** A live session's caller, and whether its last_seen_at is due to be written. */
export interface LiveSession {
  auth: AuthContext;
  stale: boolean;
}

/** `staff_session`: rows keyed by the SHA-256 of the cookie's token (typed raw SQL). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, tokenHash: Buffer, staffUserId: string, maxHours: number): Promise<void> {
    await manager.query(
      `INSERT INTO staff_session (token_hash, staff_user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [tokenHash, staffUserId, maxHours],
    );
  }

  /**
   * The session with this token hash that is neither expired nor idle too long, of an active account.
   * Prepared: every staff request looks its session up.
   */
  async findLive(
    tokenHash: Buffer,
    idleMinutes: number,
    touchIntervalSeconds: number,
  ): Promise<LiveSession | undefined> {
    const rows = await preparedQuery<SessionRow>(this.dataSource.manager, SESSION_SQL.authenticate, [
      tokenHash,
      idleMinutes,
      touchIntervalSeconds,
    ]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      auth: {
        sessionId: row.session_id,
        userId: row.user_id,
        role: row.role,
        districtId: row.district_id,
        schoolId: row.school_id,
      },
      stale: row.stale,
    };
  }

  async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(SESSION_SQL.touch, [sessionId]);
  }

  async delete(sessionId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM staff_session WHERE id = $1`, [sessionId]);
  }

  /** Deletes every session of a user but `keepSessionId` (when given). */
  async deleteAllFor(manager: EntityManager, staffUserId: string, keepSessionId: string | undefined): Promise<void> {
    await manager.query(`DELETE FROM staff_session WHERE staff_user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      staffUserId,
      keepSessionId ?? null,
    ]);
  }
}
