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
import { PrivacyService } from '../privacy/privacy.service';
import type { NewYearDto } from './new-year.dto';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../progress/class-counters.repository';

interface ClassRow {
  id: string;
  grade: number;
  letter: string;
  academic_year: string;
  students: number;
}

const LEAVER_ERASURE_LOCK_KEY = 724_311_003;

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
  ) {}

  async preview(auth: AuthContext, schoolId: string, options: NewYearOptions): Promise<NewYearPreview> {
    await this.access.requireAccess(auth, 'school.structure', schoolId);
    return this.plan(this.dataSource.manager, schoolId, options);
  }

  /** One transaction, the school locked FOR UPDATE first (as a path switch: no change runs half in the old year). */
  async run(auth: AuthContext, schoolId: string, dto: NewYearDto): Promise<NewYearResult> {
    await this.access.requireAccess(auth, 'school.structure', schoolId);
    const result = await this.dataSource.transaction(async (manager) => {
      const [school] = await manager.query<Array<{ district_id: string; path_id: string }>>(
        `SELECT district_id, path_id FROM school WHERE id = $1 FOR UPDATE`,
        [schoolId],
      );
      const [done] = await manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM school_year_rollover WHERE school_id = $1 AND to_year = $2`,
        [schoolId, dto.toYear],
      );
      if (done.n > 0) throw new ConflictException(`The school has already started ${dto.toYear}`);
      const plan = await this.plan(manager, schoolId, dto);
      if (dto.toYear !== plan.toYear) {
        throw RequestValidationException.forField('toYear', `toYear must be ${plan.toYear}, the year after the school's ${plan.fromYear}`);
      }
      const path = this.catalogue.get(school.path_id);
      const erasureDays = dto.erasureDays ?? NEW_YEAR_DEFAULT_ERASURE_DAYS;
      const leaving = plan.classes.filter((c) => c.action === 'archive').map((c) => c.classId);
      const promoted = plan.classes.filter((c) => c.action === 'promote').map((c) => c.classId);

      // The leavers' classes: a last snapshot of their counters, then archived with their students.
      await manager.query(
        `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source)
         SELECT c.id, timezone('Europe/Moscow', now())::date, c.district_id, c.school_id, $2,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('person_kind', cp.person_kind, 'item', cp.item, 'status', cp.status,
                                                              'blocker_reason', cp.blocker_reason, 'people', cp.people))
                          FROM class_progress cp WHERE cp.class_id = c.id), '[]'::jsonb), 'counters'
         FROM school_class c WHERE c.id = ANY($1::uuid[])
         ON CONFLICT (class_id, day) DO UPDATE SET counters = EXCLUDED.counters, taken_at = now(), source = 'counters'`,
        [leaving, path.id],
      );
      await manager.query(
        `UPDATE school_class SET archived_at = now(), erase_after = timezone('Europe/Moscow', now())::date + $2::int WHERE id = ANY($1::uuid[])`,
        [leaving, erasureDays],
      );
      const leavers = await manager.query<Array<{ id: string; family_id: string }>>(
        `SELECT id, family_id FROM person WHERE class_id = ANY($1::uuid[]) AND archived_at IS NULL ORDER BY id FOR NO KEY UPDATE`,
        [leaving],
      );
      await manager.query(`UPDATE person SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [
        leavers.map((row) => row.id),
      ]);
      // Parents whose every child left leave with them; their links end.
      const leftFamilies = await manager.query<Array<{ id: string }>>(
        `SELECT f.id FROM family f
         WHERE f.id = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM person s WHERE s.family_id = f.id AND s.kind = 'student' AND s.archived_at IS NULL)`,
        [[...new Set(leavers.map((row) => row.family_id))]],
      );
      const leftIds = leftFamilies.map((row) => row.id);
      await manager.query(
        `UPDATE person SET archived_at = now(), version = version + 1, updated_at = now()
         WHERE family_id = ANY($1::uuid[]) AND kind = 'parent' AND archived_at IS NULL`,
        [leftIds],
      );
      await manager.query(`UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [leftIds]);

      // Everyone else moves up, keeping their letter; the new year's chats replace the old ones.
      await manager.query(`UPDATE school_class SET grade = grade + 1, academic_year = $2 WHERE id = ANY($1::uuid[])`, [promoted, plan.toYear]);
      await manager.query(`UPDATE chat SET archived_at = now() WHERE class_id = ANY($1::uuid[]) AND archived_at IS NULL`, [promoted]);
      const created = await manager.query<Array<{ id: string }>>(
        `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
         SELECT $1, $2, 1, letter, $3 FROM unnest($4::text[]) AS letter
         ON CONFLICT DO NOTHING RETURNING id`,
        [school.district_id, schoolId, plan.toYear, plan.newFirstGrades],
      );
      await this.chats.ensureStandardChats(manager, path, [...promoted, ...created.map((row) => row.id)]);
      const families = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1 ORDER BY id`, [schoolId]);
      await this.chats.syncMemberships(manager, families.map((row) => row.id));
      await this.counters.recount(manager, [...promoted, ...leaving]);

      const [extended] = await manager.query<Array<{ n: number }>>(
        `WITH extended AS (
           UPDATE invite i SET expires_at = $2 WHERE i.school_id = $1 AND i.revoked_at IS NULL AND i.expires_at < $2
           AND EXISTS (SELECT 1 FROM person s WHERE s.family_id = i.family_id AND s.kind = 'student' AND s.archived_at IS NULL)
           RETURNING 1)
         SELECT count(*)::int AS n FROM extended`,
        [schoolId, endOfYear(plan.toYear)],
      );
      await manager.query(
        `INSERT INTO school_year_rollover (district_id, school_id, from_year, to_year, erasure_days, actor_staff_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [school.district_id, schoolId, plan.fromYear, plan.toYear, erasureDays, auth.userId],
      );
      const [eraseOn] = await manager.query<Array<{ day: string }>>(
        `SELECT to_char(timezone('Europe/Moscow', now())::date + $1::int, 'YYYY-MM-DD') AS day`,
        [erasureDays],
      );
      return {
        fromYear: plan.fromYear,
        toYear: plan.toYear,
        promoted: promoted.length,
        archived: leaving.length,
        created: created.length,
        leavers: leavers.length,
        eraseOn: eraseOn.day,
        linksExtended: extended.n,
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
      const [lock] = await manager.query<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        LEAVER_ERASURE_LOCK_KEY,
      ]);
      if (!lock?.locked) return 0;
      const due = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM school_class WHERE erase_after IS NOT NULL AND erase_after <= timezone('Europe/Moscow', $1::timestamptz)::date`,
        [now],
      );
      if (due.length === 0) return 0;
      const erased = await this.privacy.eraseStudentsOfClasses(manager, due.map((row) => row.id));
      await manager.query(`UPDATE school_class SET erase_after = NULL WHERE id = ANY($1::uuid[])`, [due.map((row) => row.id)]);
      if (erased > 0) this.logger.log(`Leavers erased: ${erased} people of ${due.length} classes`);
      return erased;
    });
  }

  private async plan(manager: EntityManager, schoolId: string, options: NewYearOptions): Promise<NewYearPreview> {
    const classes = await manager.query<ClassRow[]>(
      `SELECT c.id, c.grade, c.letter, c.academic_year,
              (SELECT count(*)::int FROM person p WHERE p.class_id = c.id AND p.archived_at IS NULL) AS students
       FROM school_class c WHERE c.school_id = $1 AND c.archived_at IS NULL
       ORDER BY c.grade, c.letter`,
      [schoolId],
    );
    const fromYear = classes.map((c) => c.academic_year).sort().at(-1);
    if (!fromYear) throw new ConflictException('The school has no classes to move to a new year');
    const toYear = nextAcademicYear(fromYear);
    const current = classes.filter((c) => c.academic_year === fromYear);
    const leaves = (grade: number) => grade === MAX_GRADE || (options.archiveGrade9 && grade === 9);
    const [done] = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM school_year_rollover WHERE school_id = $1 AND to_year = $2`,
      [schoolId, toYear],
    );
    const firstGradeLetters = options.firstGradeLetters ?? current.filter((c) => c.grade === 1).map((c) => c.letter);
    return {
      fromYear,
      toYear,
      alreadyDone: (done?.n ?? 0) > 0,
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
