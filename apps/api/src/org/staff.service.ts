import { belongsToSchool, leadsClasses } from '@sferum/contracts';
import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import type { SetupLink, StaffMember, StaffWithSetupLink } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { SessionService } from '../auth/session.service';
import { SetupLinksService } from '../auth/setup-links.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import type { CreateStaffDto, ListStaffQueryDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffRepository } from './staff.repository';

@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly setupLinks: SetupLinksService,
    private readonly sessions: SessionService,
    private readonly accounts: StaffRepository,
  ) {}

  async list(auth: AuthContext, query: ListStaffQueryDto): Promise<StaffMember[]> {
    if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.read', query.schoolId);
    }
    this.access.requireRole(auth, 'staff.manage');
    return this.accounts.list(this.access.scopeOf(auth, 'staff', 'u'), query.schoolId ?? null);
  }

  async get(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.read', staffId);
    return this.accounts.member(staffId);
  }

  /** Creates the account without a password and returns its first setup link (shown once). */
  async create(auth: AuthContext, dto: CreateStaffDto): Promise<StaffWithSetupLink> {
    let schoolId: string | null = null;
    if (!belongsToSchool(dto.role)) {
      this.access.requireGrant(auth, dto.role);
      if (dto.schoolId) {
        throw RequestValidationException.forField('schoolId', 'schoolId must be empty for a district admin');
      }
    } else {
      if (!dto.schoolId) {
        throw RequestValidationException.forField('schoolId', 'schoolId is required for a school admin or a teacher');
      }
      schoolId = (await this.access.requireAccess(auth, 'school.structure', dto.schoolId)).id;
      this.access.requireGrant(auth, dto.role);
    }

    const { staffId, setupLink } = await this.dataSource.transaction(async (manager) => {
      let id: string;
      try {
        id = await this.accounts.insert(manager, {
          districtId: auth.districtId,
          schoolId,
          role: dto.role,
          email: dto.email,
          fullName: dto.fullName,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'staff_user_email_unique')) {
          throw new ConflictException('An account with this e-mail already exists');
        }
        throw error;
      }
      return { staffId: id, setupLink: await this.setupLinks.issue(id, manager) };
    });
    return { staff: await this.accounts.member(staffId), setupLink };
  }

  async update(auth: AuthContext, staffId: string, dto: UpdateStaffDto): Promise<StaffMember> {
    const staff = await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (dto.role !== undefined && dto.role !== staff.role) {
      if (staffId === auth.userId) {
        throw new ForbiddenException('You cannot change your own role');
      }
      if (belongsToSchool(dto.role) !== belongsToSchool(staff.role)) {
        throw RequestValidationException.forField(
          'role',
          'a district admin account cannot become a school account, nor the other way round',
        );
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.update(manager, staffId, { fullName: dto.fullName, role: dto.role });
      if (dto.role !== undefined && !leadsClasses(dto.role)) {
        // Only teachers lead classes in this model; an admin sees the whole school anyway.
        await this.accounts.leaveClasses(manager, staffId);
      }
    });
    return this.accounts.member(staffId);
  }

  /** Ends the account's sessions and setup links at once; idempotent. */
  async deactivate(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (staffId === auth.userId) {
      throw new BadRequestException('You cannot deactivate your own account');
    }
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.deactivate(manager, staffId);
      await this.sessions.endAllFor(staffId, undefined, manager);
      await this.setupLinks.revokeAllFor(staffId, manager);
    });
    return this.accounts.member(staffId);
  }

  async activate(auth: AuthContext, staffId: string): Promise<StaffMember> {
    await this.access.requireAccess(auth, 'staff.manage', staffId);
    await this.accounts.activate(staffId);
    return this.accounts.member(staffId);
  }

  /** A new setup link; earlier unused ones stop working. Also how an admin helps with a lost password. */
  async reissueSetupLink(auth: AuthContext, staffId: string): Promise<SetupLink> {
    const staff = await this.access.requireAccess(auth, 'staff.manage', staffId);
    if (staff.deactivatedAt) {
      throw new ConflictException('Activate the account before issuing a setup link');
    }
    return this.dataSource.transaction((manager) => this.setupLinks.issue(staffId, manager));
  }
}
