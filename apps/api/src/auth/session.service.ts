import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { AuthContext } from './auth-context';
import { hashToken, looksLikeToken, newToken } from './tokens';
import { SESSION_SQL } from './session.sql';

/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

/** Server-side staff sessions: the cookie holds a random token, the database its SHA-256. */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get maxAgeMs(): number {
    return this.config.SESSION_MAX_HOURS * 3_600_000;
  }

  /** Starts a session and returns its token, to be put in the cookie and nowhere else. */
  async create(staffUserId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = newToken();
    await manager.query(
      `INSERT INTO staff_session (token_hash, staff_user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [hashToken(token), staffUserId, this.config.SESSION_MAX_HOURS],
    );
    return token;
  }

  /** The session's caller, or undefined when the token is unknown, idle too long, expired or the account deactivated. */
  async authenticate(token: unknown): Promise<AuthContext | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    const rows = await this.dataSource.query<Array<{
      session_id: string;
      user_id: string;
      role: StaffRole;
      district_id: string;
      school_id: string | null;
      stale: boolean;
    }>>(
      SESSION_SQL.authenticate,
      [hashToken(token), this.config.SESSION_IDLE_MINUTES, TOUCH_INTERVAL_SECONDS],
    );
    const row = rows[0];
    if (!row) {
      return undefined;
    }
    if (row.stale) {
      await this.dataSource.query(SESSION_SQL.touch, [row.session_id]);
    }
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      role: row.role,
      districtId: row.district_id,
      schoolId: row.school_id,
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM staff_session WHERE id = $1`, [sessionId]);
  }

  /** Ends every session of a user, but the one to keep (a password change keeps the current one). */
  async endAllFor(staffUserId: string, keepSessionId?: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `DELETE FROM staff_session WHERE staff_user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [staffUserId, keepSessionId ?? null],
    );
  }
}
