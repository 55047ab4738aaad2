import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { AuthContext } from './auth-context';
import { SessionsRepository } from './sessions.repository';
import { hashToken, looksLikeToken, newToken } from './tokens';

/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_SECONDS = 60;

/** Server-side staff sessions: the cookie holds a random token, the database its SHA-256. */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  get maxAgeMs(): number {
    return this.config.SESSION_MAX_HOURS * 3_600_000;
  }

  /** Starts a session and returns its token, to be put in the cookie and nowhere else. */
  async create(staffUserId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = newToken();
    await this.sessions.insert(manager, hashToken(token), staffUserId, this.config.SESSION_MAX_HOURS);
    return token;
  }

  /** The session's caller, or undefined when the token is unknown, idle too long, expired or the account deactivated. */
  async authenticate(token: unknown): Promise<AuthContext | undefined> {
    if (!looksLikeToken(token)) {
      return undefined;
    }
    const session = await this.sessions.findLive(
      hashToken(token),
      this.config.SESSION_IDLE_MINUTES,
      TOUCH_INTERVAL_SECONDS,
    );
    if (!session) {
      return undefined;
    }
    if (session.stale) {
      await this.sessions.touch(session.auth.sessionId);
    }
    return session.auth;
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete(sessionId);
  }

  /** Ends every session of a user, but the one to keep (a password change keeps the current one). */
  async endAllFor(
    staffUserId: string,
    keepSessionId?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await this.sessions.deleteAllFor(manager, staffUserId, keepSessionId);
  }
}
