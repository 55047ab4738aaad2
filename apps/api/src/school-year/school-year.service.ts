import { ConflictException, Injectable, Logger } from '@nestjs/common';
import {
  formatClassName,
  MAX_GRADE,
  nextAcademicYear,
  NEW_YEAR_DEFAULT_ERASURE_DAYS,
  PathCatalogue,
  type NewYearClass,
  type NewYearOptions,
  type NewYearPreview,
  type NewYearResult,
} from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { SchoolPaths } from '../paths/school-paths.service';
import { PrivacyService } from '../privacy/privacy.service';
import type { NewYearDto } from './new-year.dto';
import { SchoolYearRepository } from './school-year.repository';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../progress/class-counters.repository';
import { allowLongStatements } from '../database/long-statements';

/** A link of the year "2027/2028" works until its 31 August, 23:59 Moscow time. */
function endOfYear(year: string): Date {
  return new Date(`${year.slice(5, 9)}-08-31T23:59:59+03:00`);
}

/**
 * «Новый учебный год» for a school: every class moves up a grade with its
 * students and keeps its letter; the leaving grades (11, and 9 if the school
 * says so) are archived with their students; new first grades start empty;
 * the promoted classes' chats start anew (the new year's chats); account steps
 * stay; parents' links are extended to the end of the new year; history and
 * snapshots stay. Leavers' personal data is erased after the school's period
 * by the daily job (eraseDueLeavers), their classes' aggregates kept.
 */
@Injectable()
export class SchoolYearService {
  private readonly logger = new Logger(SchoolYearService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly catalogue: PathCatalogue,
    private readonly privacy: PrivacyService,
    private readonly counters: ClassCountersRepository,
    private readonly chats: ChatMembershipsRepository,
    private readonly schoolPaths: SchoolPaths,
    private readonly years: SchoolYearRepository,
  ) {}

  async preview(auth: AuthContext, schoolId: string, options: NewYearOptions): Promise<NewYearPreview> {
    await this.access.requireAccess(auth, 'school.structure', schoolId);
    return this.plan(this.dataSource.manager, schoolId, options);
  }

  /** One transaction, the school locked FOR UPDATE first (as a path switch: no change runs half in the old year). */
  async run(auth: AuthContext, schoolId: string, dto: NewYearDto): Promise<NewYearResult> {
    await this.access.requireAccess(auth, 'school.structure', schoolId);
    const result = await this.dataSource.transaction(async (manager) => {
      await allowLongStatements(manager);
      const school = await this.schoolPaths.lockedForRewrite(manager, schoolId);
      if (await this.years.rolledOverTo(manager, schoolId, dto.toYear)) {
        throw new ConflictException(`The school has already started ${dto.toYear}`);
      }
      const plan = await this.plan(manager, schoolId, dto);
      if (dto.toYear !== plan.toYear) {
        throw RequestValidationException.forField(
          'toYear',
          `toYear must be ${plan.toYear}, the year after the school's ${plan.fromYear}`,
        );
      }
      const path = this.catalogue.get(school.pathId);
      const erasureDays = dto.erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS;
      const leaving = plan.classes.filter((c) => c.action === 'archive').map((c) => c.classId);
      const promoted = plan.classes.filter((c) => c.action === 'promote').map((c) => c.classId);

      // The leavers' classes: a last snapshot of their counters, then archived with their students.
      await this.years.snapshotCounters(manager, leaving, path.id);
      await this.years.archiveClasses(manager, leaving, erasureDays);
      const leavers = await this.years.lockStudentsOf(manager, leaving);
      await this.years.archivePeople(
        manager,
        leavers.map((leaver) => leaver.id),
      );
      // Parents whose every child left leave with them; their links end.
      const leftFamilies = await this.years.familiesWithoutStudents(manager, [
        ...new Set(leavers.map((leaver) => leaver.familyId)),
      ]);
      await this.years.archiveParentsOf(manager, leftFamilies);
      await this.years.revokeInvitesOf(manager, leftFamilies);

      // Everyone else moves up, keeping their letter; the new year's chats replace the old ones.
      await this.years.promoteClasses(manager, promoted, plan.toYear);
      await this.years.archiveChatsOf(manager, promoted);
      const created = await this.years.createFirstGrades(manager, {
        districtId: school.districtId,
        schoolId,
        academicYear: plan.toYear,
        letters: plan.newFirstGrades,
      });
      await this.chats.ensureStandardChats(manager, path, [...promoted, ...created]);
      await this.chats.syncMemberships(manager, await this.years.familyIds(manager, schoolId));
      await this.counters.recount(manager, [...promoted, ...leaving]);

      const linksExtended = await this.years.extendInvites(manager, schoolId, endOfYear(plan.toYear));
      await this.years.logRollover(manager, {
        districtId: school.districtId,
        schoolId,
        fromYear: plan.fromYear,
        toYear: plan.toYear,
        erasureDays,
        actorStaffId: auth.userId,
      });
      const eraseOn = await this.years.erasureDay(manager, erasureDays);
      return {
        fromYear: plan.fromYear,
        toYear: plan.toYear,
        promoted: promoted.length,
        archived: leaving.length,
        created: created.length,
        leavers: leavers.length,
        eraseOn,
        linksExtended,
      };
    });
    this.logger.log(`School ${schoolId}: new year ${result.toYear} started by staff ${auth.userId}`);
    return result;
  }

  /**
   * The daily job: erases the leavers of every class whose erasure day has
   * come (as of `now`), with their families where nobody is left at school;
   * the classes, their snapshots and counters stay. One copy of the API at a
   * time (an advisory lock). Returns how many people were erased.
   */
  async eraseDueLeavers(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await allowLongStatements(manager);
      if (!(await this.years.tryLockLeaverErasure(manager))) return 0;
      const due = await this.years.classesDueForErasure(manager, now);
      if (due.length === 0) return 0;
      const erased = await this.privacy.eraseStudentsOfClasses(manager, due);
      await this.years.clearErasureDay(manager, due);
      if (erased > 0) this.logger.log(`Leavers erased: ${erased} people of ${due.length} classes`);
      return erased;
    });
  }

  private async plan(manager: EntityManager, schoolId: string, options: NewYearOptions): Promise<NewYearPreview> {
    const classes = await this.years.activeClasses(manager, schoolId);
    const fromYear = classes
      .map((c) => c.academicYear)
      .sort()
      .at(-1);
    if (!fromYear) throw new ConflictException('The school has no classes to move to a new year');
    const toYear = nextAcademicYear(fromYear);
    const current = classes.filter((c) => c.academicYear === fromYear);
    const leaves = (grade: number) => grade === MAX_GRADE || (options.archiveGrade9 && grade === 9);
    const alreadyDone = await this.years.rolledOverTo(manager, schoolId, toYear);
    const firstGradeLetters = options.firstGradeLetters ?? current.filter((c) => c.grade === 1).map((c) => c.letter);
    return {
      fromYear,
      toYear,
      alreadyDone,
      classes: current.map((c): NewYearClass => ({
        classId: c.id,
        name: formatClassName(c.grade, c.letter),
        nextName: leaves(c.grade) ? null : formatClassName(c.grade + 1, c.letter),
        action: leaves(c.grade) ? 'archive' : 'promote',
        students: c.students,
      })),
      newFirstGrades: [...new Set(firstGradeLetters.map((letter) => letter.trim().toLocaleUpperCase('ru-RU')))].sort(),
      erasureDays: options.erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS,
    };
  }
}
