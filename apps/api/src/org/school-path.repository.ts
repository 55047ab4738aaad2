import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A step's note of a school's path. */
export interface StepNote {
  step: string;
  note: string;
}

/**
 * What a switch of a school's path rewrites (the school's path and its log,
 * chats, every person's steps) and the school's notes per step. Typed raw SQL,
 * every method in the caller's transaction, the school row locked by the caller
 * (SchoolPathsRepository).
 */
@Injectable()
export class SchoolPathRepository {
  async setPath(manager: EntityManager, schoolId: string, pathId: string): Promise<void> {
    await manager.query(`UPDATE school SET path_id = $2, path_changed_at = now() WHERE id = $1`, [schoolId, pathId]);
  }

  async logSwitch(
    manager: EntityManager,
    change: { districtId: string; schoolId: string; fromPathId: string; toPathId: string; actorStaffId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO school_path_change (district_id, school_id, from_path_id, to_path_id, actor_staff_id) VALUES ($1, $2, $3, $4, $5)`,
      [change.districtId, change.schoolId, change.fromPathId, change.toPathId, change.actorStaffId],
    );
  }

  /**
   * Archives every chat of the school with its memberships and creates its
   * subject chats again with the same names (the class and school chats are
   * the caller's to ensure).
   */
  async restartChats(manager: EntityManager, school: { districtId: string; schoolId: string }): Promise<void> {
    const subjects = await manager.query<Array<{ class_id: string; name: string }>>(
      `SELECT class_id, name FROM chat WHERE school_id = $1 AND kind = 'subject' AND archived_at IS NULL`,
      [school.schoolId],
    );
    await manager.query(`UPDATE chat SET archived_at = now() WHERE school_id = $1 AND archived_at IS NULL`, [
      school.schoolId,
    ]);
    if (subjects.length > 0) {
      await manager.query(
        `INSERT INTO chat (district_id, school_id, class_id, kind, audience, name)
         SELECT $1, $2, s.class_id, 'subject', 'students', s.name FROM unnest($3::uuid[], $4::text[]) AS s(class_id, name)`,
        [school.districtId, school.schoolId, subjects.map((chat) => chat.class_id), subjects.map((chat) => chat.name)],
      );
    }
  }

  /** The school's classes that are not archived, in id order. */
  async activeClassIds(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY id`,
      [schoolId],
    );
    return rows.map((row) => row.id);
  }

  /** Every person of the school gets the given steps, not started; their earlier steps go. */
  async restartSteps(manager: EntityManager, schoolId: string, stepIds: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM person_step WHERE school_id = $1`, [schoolId]);
    await manager.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id)
       SELECT p.id, step, p.district_id, p.school_id FROM person p CROSS JOIN unnest($2::text[]) AS step WHERE p.school_id = $1`,
      [schoolId, stepIds],
    );
  }

  async familyIds(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1`, [schoolId]);
    return rows.map((row) => row.id);
  }

  /** Every class of the school, archived ones too. */
  async allClassIds(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM school_class WHERE school_id = $1`, [
      schoolId,
    ]);
    return rows.map((row) => row.id);
  }

  /** Removes the notes of the `removed` steps of the path and writes the `written` ones (insert or replace). */
  async setStepNotes(
    manager: EntityManager,
    notes: { schoolId: string; pathId: string; written: readonly StepNote[]; removed: readonly string[] },
  ): Promise<void> {
    await manager.query(
      `DELETE FROM school_step_note WHERE school_id = $1 AND path_id = $2 AND step = ANY($3::text[])`,
      [notes.schoolId, notes.pathId, notes.removed],
    );
    await manager.query(
      `INSERT INTO school_step_note (school_id, district_id, path_id, step, note)
       SELECT s.id, s.district_id, $2, n.step, n.note FROM school s, unnest($3::text[], $4::text[]) AS n(step, note) WHERE s.id = $1
       ON CONFLICT (school_id, path_id, step) DO UPDATE SET note = EXCLUDED.note, updated_at = now()`,
      [notes.schoolId, notes.pathId, notes.written.map((note) => note.step), notes.written.map((note) => note.note)],
    );
  }
}
