import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

/** A class that is not archived, with its students that are not. */
export interface ActiveClass {
  id: string;
  grade: number;
  letter: string;
  academicYear: string;
  students: number;
}

/** A student of a leaving class and their family. */
export interface Leaver {
  id: string;
  familyId: string;
}

/** The daily erasure runs in one copy of the API at a time (pg_try_advisory_xact_lock). */
const LEAVER_ERASURE_LOCK_KEY = 724_311_003;

/**
 * What «Новый учебный год» reads and writes (classes, their people, chats,
 * links, the log of rollovers) and the leavers' erasure days. Typed raw SQL,
 * every method in the caller's transaction, the school row locked by the caller
 * (SchoolPaths.lockedForRewrite).
 */
@Injectable()
export class SchoolYearRepository {
  /** The school's classes that are not archived, by grade and letter. */
  async activeClasses(manager: EntityManager, schoolId: string): Promise<ActiveClass[]> {
    const rows = await manager.query<
      Array<{ id: string; grade: number; letter: string; academic_year: string; students: number }>
    >(
      `SELECT c.id, c.grade, c.letter, c.academic_year,
              (SELECT count(*)::int FROM person p WHERE p.class_id = c.id AND p.archived_at IS NULL) AS students
       FROM school_class c WHERE c.school_id = $1 AND c.archived_at IS NULL
       ORDER BY c.grade, c.letter`,
      [schoolId],
    );
    return rows.map((row) => ({
      id: row.id,
      grade: row.grade,
      letter: row.letter,
      academicYear: row.academic_year,
      students: row.students,
    }));
  }

  /** Whether the school has started that year already. */
  async rolledOverTo(manager: EntityManager, schoolId: string, toYear: string): Promise<boolean> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM school_year_rollover WHERE school_id = $1 AND to_year = $2`,
      [schoolId, toYear],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  /** Today's snapshot (Moscow day) of the classes' counters, taken anew if there is one. */
  async snapshotCounters(manager: EntityManager, classIds: readonly string[], pathId: string): Promise<void> {
    await manager.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source)
       SELECT c.id, timezone('Europe/Moscow', now())::date, c.district_id, c.school_id, $2,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('person_kind', cp.person_kind, 'item', cp.item, 'status', cp.status,
                                                            'blocker_reason', cp.blocker_reason, 'people', cp.people))
                        FROM class_progress cp WHERE cp.class_id = c.id), '[]'::jsonb), 'counters'
       FROM school_class c WHERE c.id = ANY($1::uuid[])
       ON CONFLICT (class_id, day) DO UPDATE SET counters = EXCLUDED.counters, taken_at = now(), source = 'counters'`,
      [classIds, pathId],
    );
  }

  /** Archives the classes; their students' personal data is due for erasure in `erasureDays` (Moscow days). */
  async archiveClasses(manager: EntityManager, classIds: readonly string[], erasureDays: number): Promise<void> {
    await manager.query(
      `UPDATE school_class SET archived_at = now(), erase_after = timezone('Europe/Moscow', now())::date + $2::int WHERE id = ANY($1::uuid[])`,
      [classIds, erasureDays],
    );
  }

  /** The classes' students that are not archived, locked (FOR NO KEY UPDATE) in id order. */
  async lockStudentsOf(manager: EntityManager, classIds: readonly string[]): Promise<Leaver[]> {
    const rows = await manager.query<Array<{ id: string; family_id: string }>>(
      `SELECT id, family_id FROM person WHERE class_id = ANY($1::uuid[]) AND archived_at IS NULL ORDER BY id FOR NO KEY UPDATE`,
      [classIds],
    );
    return rows.map((row) => ({ id: row.id, familyId: row.family_id }));
  }

  async archivePeople(manager: EntityManager, personIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE person SET archived_at = now(), version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [personIds],
    );
  }

  /** Those of the families with no student left at school. */
  async familiesWithoutStudents(manager: EntityManager, familyIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT f.id FROM family f
       WHERE f.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM person s WHERE s.family_id = f.id AND s.kind = 'student' AND s.archived_at IS NULL)`,
      [familyIds],
    );
    return rows.map((row) => row.id);
  }

  async archiveParentsOf(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE person SET archived_at = now(), version = version + 1, updated_at = now()
       WHERE family_id = ANY($1::uuid[]) AND kind = 'parent' AND archived_at IS NULL`,
      [familyIds],
    );
  }

  async revokeInvitesOf(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [familyIds],
    );
  }

  /** The classes move up a grade into `toYear`, keeping their letters. */
  async promoteClasses(manager: EntityManager, classIds: readonly string[], toYear: string): Promise<void> {
    await manager.query(`UPDATE school_class SET grade = grade + 1, academic_year = $2 WHERE id = ANY($1::uuid[])`, [
      classIds,
      toYear,
    ]);
  }

  async archiveChatsOf(manager: EntityManager, classIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE chat SET archived_at = now() WHERE class_id = ANY($1::uuid[]) AND archived_at IS NULL`,
      [classIds],
    );
  }

  /** New first grades with these letters; a class that exists already is skipped. Returns the ids of those created. */
  async createFirstGrades(
    manager: EntityManager,
    school: { districtId: string; schoolId: string; academicYear: string; letters: readonly string[] },
  ): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
       SELECT $1, $2, 1, letter, $3 FROM unnest($4::text[]) AS letter
       ON CONFLICT DO NOTHING RETURNING id`,
      [school.districtId, school.schoolId, school.academicYear, school.letters],
    );
    return rows.map((row) => row.id);
  }

  /** Every family of the school, in id order. */
  async familyIds(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1 ORDER BY id`, [
      schoolId,
    ]);
    return rows.map((row) => row.id);
  }

  /** The school's links of families that still have a student work until `until` at least; returns how many were extended. */
  async extendInvites(manager: EntityManager, schoolId: string, until: Date): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `WITH extended AS (
         UPDATE invite i SET expires_at = $2 WHERE i.school_id = $1 AND i.revoked_at IS NULL AND i.expires_at < $2
         AND EXISTS (SELECT 1 FROM person s WHERE s.family_id = i.family_id AND s.kind = 'student' AND s.archived_at IS NULL)
         RETURNING 1)
       SELECT count(*)::int AS n FROM extended`,
      [schoolId, until],
    );
    return firstRow(rows, 'the extended links count').n;
  }

  async logRollover(
    manager: EntityManager,
    rollover: {
      districtId: string;
      schoolId: string;
      fromYear: string;
      toYear: string;
      erasureDays: number;
      actorStaffId: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO school_year_rollover (district_id, school_id, from_year, to_year, erasure_days, actor_staff_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        rollover.districtId,
        rollover.schoolId,
        rollover.fromYear,
        rollover.toYear,
        rollover.erasureDays,
        rollover.actorStaffId,
      ],
    );
  }

  /** The Moscow day `erasureDays` after today, as YYYY-MM-DD: the day archiveClasses sets. */
  async erasureDay(manager: EntityManager, erasureDays: number): Promise<string> {
    const rows = await manager.query<Array<{ day: string }>>(
      `SELECT to_char(timezone('Europe/Moscow', now())::date + $1::int, 'YYYY-MM-DD') AS day`,
      [erasureDays],
    );
    return firstRow(rows, 'the erasure day').day;
  }

  /** False when another copy of the API runs the erasure now; the lock ends with the caller's transaction. */
  async tryLockLeaverErasure(manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
      LEAVER_ERASURE_LOCK_KEY,
    ]);
    return rows[0]?.locked === true;
  }

  /** The classes whose erasure day (Moscow) has come as of `now`. */
  async classesDueForErasure(manager: EntityManager, now: Date): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM school_class WHERE erase_after IS NOT NULL AND erase_after <= timezone('Europe/Moscow', $1::timestamptz)::date`,
      [now],
    );
    return rows.map((row) => row.id);
  }

  async clearErasureDay(manager: EntityManager, classIds: readonly string[]): Promise<void> {
    await manager.query(`UPDATE school_class SET erase_after = NULL WHERE id = ANY($1::uuid[])`, [classIds]);
  }
}
