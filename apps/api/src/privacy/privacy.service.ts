import { Injectable, Logger } from '@nestjs/common';
import type { EraseSchoolRequest, SchoolErasureResult } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { ClassCountersRepository } from '../progress/class-counters.repository';
import { PrivacyRepository, type ExportRecord } from './privacy.repository';

/** Everything stored about one family, for a subject access request (152-ФЗ, art. 14). */
export interface FamilyDataExport {
  exportedAt: string;
  family: { id: string; createdAt: string; lastRemindedAt: string | null };
  people: ExportRecord[];
  links: ExportRecord[];
  note: string;
}

/**
 * The rights of the families whose data we hold: to see all of it, and to have
 * it erased (a family, or a whole class or school at the end of the year).
 * Erasing keeps the aggregates and snapshots, which hold no names.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly counters: ClassCountersRepository,
    private readonly privacy: PrivacyRepository,
  ) {}

  async exportFamily(auth: AuthContext, familyId: string): Promise<FamilyDataExport> {
    const family = await this.requireFamilyAdmin(auth, familyId);
    const dates = await this.privacy.familyDates(family.id);
    const people = await this.privacy.familyPeople(family.id);
    const links = await this.privacy.familyLinks(family.id);
    return {
      exportedAt: new Date().toISOString(),
      family: {
        id: family.id,
        createdAt: dates.createdAt.toISOString(),
        lastRemindedAt: dates.lastRemindedAt?.toISOString() ?? null,
      },
      people,
      links,
      note:
        'Phone numbers are never stored: only a keyed hash, to warn when two people share one number. ' +
        'Link tokens are stored hashed and encrypted and are not part of this export.',
    };
  }

  async eraseFamily(auth: AuthContext, familyId: string): Promise<void> {
    const family = await this.requireFamilyAdmin(auth, familyId);
    await this.dataSource.transaction((manager) => this.erase(manager, [family.id]));
  }

  /** The end of the year for a class: its students, and the families left with no child in the school. */
  async eraseClassRoster(auth: AuthContext, classId: string): Promise<{ people: number }> {
    const schoolClass = await this.access.requireAccess(auth, 'class.manage', classId);
    return this.dataSource.transaction(async (manager) => {
      const familyIds = await this.privacy.familiesOfClass(manager, schoolClass.id);
      await this.privacy.lockFamiliesForErasure(manager, familyIds);
      const removed = await this.privacy.deletePeopleOfClass(manager, schoolClass.id);
      const emptied = await this.privacy.familiesWithoutStudents(manager, familyIds);
      const parents = await this.privacy.countPeopleOfFamilies(manager, emptied);
      await this.erase(manager, emptied);
      await this.counters.recount(manager, [
        schoolClass.id,
        ...(await this.counters.classesOfFamilies(manager, familyIds)),
      ]);
      return { people: removed + parents };
    });
  }

  /**
   * The end of the year for a whole school, in one transaction: every family
   * with its people, steps, chat memberships, history and links. The classes,
   * chats, staff accounts, counters (recounted: zero) and daily snapshots stay;
   * they hold no child's or parent's name. A second call finds nothing and
   * erases nothing.
   */
  async eraseSchool(auth: AuthContext, schoolId: string, request: EraseSchoolRequest): Promise<SchoolErasureResult> {
    const school = await this.access.requireAccess(auth, 'school.privacy', schoolId);
    if (request.schoolName !== school.name) {
      throw RequestValidationException.forField(
        'schoolName',
        'schoolName must be the school’s name, to confirm the erasure',
      );
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const erased = await this.deleteFamilies(manager, await this.privacy.familiesOfSchool(manager, school.id));
      await this.counters.recount(manager, await this.privacy.classesOfSchool(manager, school.id));
      return erased;
    });
    this.logger.log(
      `School ${school.id}: personal data erased by staff ${auth.userId} (${result.families} families, ${result.people} people)`,
    );
    return result;
  }

  /**
   * The leavers of the given (archived) classes, inside the caller's
   * transaction: the students go, with their whole family where no other child
   * is left at school; a sibling's family keeps its parents. Returns how many
   * people went. Counters are recounted; snapshots stay.
   */
  async eraseStudentsOfClasses(manager: EntityManager, classIds: string[]): Promise<number> {
    const students = await this.privacy.studentsOfClasses(manager, classIds);
    if (students.length === 0) return 0;
    const familyIds = [...new Set(students.map((row) => row.familyId))].sort();
    await this.privacy.lockFamiliesForErasure(manager, familyIds);
    const kept = new Set(await this.privacy.familiesWithStudentsOutside(manager, familyIds, classIds));
    const emptied = familyIds.filter((id) => !kept.has(id));
    const classesAfter = await this.counters.classesOfFamilies(manager, [...kept]);
    const people = await this.privacy.deletePeopleOfClassesInFamilies(manager, classIds, [...kept]);
    const erased = await this.deleteFamilies(manager, emptied);
    await this.counters.recount(manager, [...classIds, ...classesAfter]);
    return people + erased.people;
  }

  /** Deletes families with their people, steps, chat memberships, history and links; recounts their classes. */
  private async erase(manager: EntityManager, familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    const classes = await this.counters.classesOfFamilies(manager, familyIds);
    await this.deleteFamilies(manager, familyIds);
    await this.counters.recount(manager, classes);
  }

  /**
   * The people are locked first, in id order: the first lock of every change
   * to a family, so a concurrent change waits for the erasure, or the erasure
   * for it (and then erases what it added: each of the deletions sees what was
   * committed before it). Steps, memberships and history go by cascade.
   */
  private async deleteFamilies(manager: EntityManager, familyIds: string[]): Promise<SchoolErasureResult> {
    if (familyIds.length === 0) return { families: 0, people: 0 };
    await this.privacy.lockFamiliesForErasure(manager, familyIds);
    return this.privacy.deleteFamilies(manager, familyIds);
  }

  private async requireFamilyAdmin(auth: AuthContext, familyId: string): Promise<{ id: string }> {
    return this.access.requireAccess(auth, 'family.privacy', familyId);
  }
}
