import { BadRequestException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { CurrentUser, SetupLinkInfo } from '@sferum/contracts';
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
import { StaffAccountsRepository } from './staff-accounts.repository';

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
    private readonly accounts: StaffAccountsRepository,
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

    const account = await this.accounts.findActiveByEmail(this.dataSource.manager, dto.email);
    const hash = account?.passwordHash ?? (await dummyPasswordHash());
    const passwordMatches = await verifyPassword(hash, dto.password);
    if (!account?.passwordHash || !passwordMatches) {
      await this.rateLimits.hit(accountBucket, LOGIN_WINDOW_SECONDS);
      throw new UnauthorizedException('Invalid e-mail or password');
    }
    const token = await this.sessions.create(account.id);
    return { token, user: await this.currentUser(account.id) };
  }

  async currentUser(staffUserId: string): Promise<CurrentUser> {
    const user = await this.accounts.currentUser(staffUserId);
    if (!user) {
      throw new UnauthorizedException('Sign in first');
    }
    return user;
  }

  /** A new password ends every other session of the user. */
  async changePassword(auth: AuthContext, dto: ChangePasswordDto): Promise<void> {
    const current = await this.accounts.passwordHash(auth.userId);
    if (!current || !(await verifyPassword(current, dto.currentPassword))) {
      throw RequestValidationException.forField('currentPassword', 'currentPassword is not correct');
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new BadRequestException('The new password must differ from the current one');
    }
    const hash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.setPasswordHash(manager, auth.userId, hash);
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
      await this.accounts.setPasswordHash(manager, staffUserId, hash);
      await this.sessions.endAllFor(staffUserId, undefined, manager);
      return { staffUserId, session: await this.sessions.create(staffUserId, manager) };
    });
    return { token: token.session, user: await this.currentUser(token.staffUserId) };
  }
}
