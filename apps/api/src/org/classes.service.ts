import { ConflictException, Injectable } from '@nestjs/common';
import { academicYearOf, type SchoolClassSummary } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import { SchoolPaths } from '../paths/school-paths.service';
import { ClassesRepository } from './classes.repository';
import type { CreateClassDto, ListClassesQueryDto, SetParentInfoDto, UpdateClassDto } from './dto/school-class.dto';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { StaffRepository } from './staff.repository';

@Injectable()
export class ClassesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly schoolPaths: SchoolPaths,
    private readonly chats: ChatMembershipsRepository,
    private readonly classes: ClassesRepository,
    private readonly staff: StaffRepository,
  ) {}

  async list(auth: AuthContext, query: ListClassesQueryDto): Promise<SchoolClassSummary[]> {
    if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.read', query.schoolId);
    }
    return this.classes.list(this.access.scopeOf(auth, 'class', 'c'), {
      schoolId: query.schoolId ?? null,
      includeArchived: query.includeArchived === 'true',
    });
  }

  async get(auth: AuthContext, classId: string): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.read', classId);
    return this.classes.summary(classId);
  }

  async create(auth: AuthContext, dto: CreateClassDto): Promise<SchoolClassSummary> {
    const school = await this.access.requireAccess(auth, 'school.structure', dto.schoolId);
    const classId = await this.saveClass(() =>
      this.dataSource.transaction(async (manager) => {
        const path = await this.schoolPaths.lockedForChange(manager, school.id);
        const id = await this.classes.insert(manager, {
          districtId: school.districtId,
          schoolId: school.id,
          grade: dto.grade,
          letter: dto.letter,
          academicYear: dto.academicYear ?? academicYearOf(new Date()),
        });
        // Every class has its class chat from the start, and the school its school chat.
        await this.chats.ensureStandardChats(manager, path, [id]);
        return id;
      }),
    );
    return this.classes.summary(classId);
  }

  async update(auth: AuthContext, classId: string, dto: UpdateClassDto): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.manage', classId);
    await this.saveClass(() => this.classes.update(classId, dto));
    return this.classes.summary(classId);
  }

  /** Replaces the class's teachers; each must be an active teacher of the class's school. */
  async setTeachers(auth: AuthContext, classId: string, teacherIds: string[]): Promise<SchoolClassSummary> {
    const schoolClass = await this.access.requireAccess(auth, 'class.manage', classId);
    await this.dataSource.transaction(async (manager) => {
      await this.requireTeachersOfSchool(manager, schoolClass.schoolId, teacherIds);
      await this.classes.replaceTeachers(manager, schoolClass, teacherIds);
    });
    return this.classes.summary(classId);
  }

  /** What the class's parents read on their page and letter: the class teacher's contact, the deadline. The class's teachers may set it. */
  async setParentInfo(auth: AuthContext, classId: string, dto: SetParentInfoDto): Promise<SchoolClassSummary> {
    await this.access.requireAccess(auth, 'class.work', classId);
    await this.classes.setParentInfo(classId, {
      parentContact: dto.parentContact === null || dto.parentContact === '' ? null : dto.parentContact,
      deadline: dto.deadline,
    });
    return this.classes.summary(classId);
  }

  private async requireTeachersOfSchool(manager: EntityManager, schoolId: string, teacherIds: string[]): Promise<void> {
    if (teacherIds.length === 0) return;
    const found = new Set(await this.staff.activeTeachersAmong(manager, schoolId, teacherIds));
    const unknown = teacherIds.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      throw new RequestValidationException([
        { field: 'teacherIds', messages: [`not active teachers of this school: ${unknown.join(', ')}`] },
      ]);
    }
  }

  private async saveClass<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'school_class_unique')) {
        throw new ConflictException('This school already has a class with this name in that academic year');
      }
      throw error;
    }
  }
}
