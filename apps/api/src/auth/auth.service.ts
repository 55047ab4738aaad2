import { BadRequestException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { CurrentUser, SetupLinkInfo, StaffRole } from '@sferum/contracts';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RateLimitService, TooManyRequestsException } from '../common/rate-limit.service';
import { RequestValidationException } from '../common/validation';
import { AppConfig } from '../config/app-config';
import type { AuthContext } from './auth-context';
import type { ChangePasswordDto, CompleteSetupDto } from './dto/password.dto';
import type { LoginDto } from './dto/login.dto';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { SessionService } from './session.service';
import { SetupLinksService } from './setup-links.service';

const LOGIN_WINDOW_SECONDS = 60;

export interface SignedIn {
  /** goes into the cookie, nowhere else */
  token: string;
  user: CurrentUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly setupLinks: SetupLinksService,
    private readonly rateLimits: RateLimitService,
    private readonly config: AppConfig,
  ) {}

  /** Unknown e-mail, wrong password and deactivated account give the same 401, in the same time. */
  async login(dto: LoginDto, ip: string): Promise<SignedIn> {
    await this.rateLimits.consume(`login-ip:${ip}`, this.config.LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_SECONDS);
    const accountBucket = `login-account:${createHash('sha256').update(dto.email).digest('hex').slice(0, 32)}`;
    const failures = await this.rateLimits.peek(accountBucket, LOGIN_WINDOW_SECONDS);
    if (failures.hits >= this.config.LOGIN_FAILURES_PER_ACCOUNT) {
      throw new TooManyRequestsException(failures.retryAfterSeconds);
    }

    const rows = await this.dataSource.query<Array<{ id: string; password_hash: string | null }>>(
      `SELECT id, password_hash FROM staff_user WHERE email = $1 AND deactivated_at IS NULL`,
      [dto.email],
    );
    const account = rows[0];
    const hash = account?.password_hash ?? (await dummyPasswordHash());
    const passwordMatches = await verifyPassword(hash, dto.password);
    if (!account?.password_hash || !passwordMatches) {
      await this.rateLimits.hit(accountBucket, LOGIN_WINDOW_SECONDS);
      throw new UnauthorizedException('Invalid e-mail or password');
    }
    const token = await this.sessions.create(account.id);
    return { token, user: await this.currentUser(account.id) };
  }

  async currentUser(staffUserId: string): Promise<CurrentUser> {
    const rows = await this.dataSource.query<Array<{
      id: string;
      email: string;
      full_name: string;
      role: StaffRole;
      district_id: string;
      district_name: string;
      school_id: string | null;
      school_name: string | null;
    }>>(
      `SELECT u.id, u.email, u.full_name, u.role, u.district_id, d.name AS district_name, u.school_id, s.name AS school_name
       FROM staff_user u
       JOIN district d ON d.id = u.district_id
       LEFT JOIN school s ON s.id = u.school_id
       WHERE u.id = $1`,
      [staffUserId],
    );
    const row = rows[0];
    if (!row) {
      throw new UnauthorizedException('Sign in first');
    }
    return {
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      role: row.role,
      districtId: row.district_id,
      districtName: row.district_name,
      schoolId: row.school_id,
      schoolName: row.school_name,
    };
  }

  /** A new password ends every other session of the user. */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const rows = await this.dataSource.query<Array<{
      password_hash: string | null;
    }>>(`SELECT password_hash FROM staff_user WHERE id = $1`, [auth.userId]);
    const current = rows[0]?.password_hash;
    if (!current || !(await verifyPassword(current, dto.currentPassword))) {
      throw RequestValidationException.forField('currentPassword', 'currentPassword is not correct');
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new BadRequestException('The new password must differ from the current one');
    }
    const hash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE staff_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [auth.userId, hash]);
      await this.sessions.endAllFor(auth.userId, auth.sessionId, manager);
    });
  }

  async setupInfo(token: string): Promise<SetupLinkInfo> {
    const owner = await this.setupLinks.peek(token);
    if (!owner) {
      throw new NotFoundException('This setup link is unknown, used or expired');
    }
    return { email: owner.email, fullName: owner.fullName, role: owner.role };
  }

  /** Uses the link once, sets the password, ends older sessions and signs the user in. */
  async completeSetup(dto: CompleteSetupDto): Promise<SignedIn> {
    const hash = await hashPassword(dto.password);
    const token = await this.dataSource.transaction(async (manager) => {
      const staffUserId = await this.setupLinks.consume(dto.token, manager);
      if (!staffUserId) {
        throw new NotFoundException('This setup link is unknown, used or expired');
      }
      await manager.query(`UPDATE staff_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [staffUserId, hash]);
      await this.sessions.endAllFor(staffUserId, undefined, manager);
      return { staffUserId, session: await this.sessions.create(staffUserId, manager) };
    });
    return { token: token.session, user: await this.currentUser(token.staffUserId) };
  }
}
