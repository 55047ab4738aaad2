import { Injectable } from '@nestjs/common';
import type { SchoolErasureResult } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

/** A free-form record of the subject access export: every column as stored, for the family to read. */
export type ExportRecord = Record<string, unknown>;

/**
 * What a family may see of itself, and the erasure of families and their
 * people (`family`, `person` and by cascade their steps, memberships and
 * history, `invite`). Typed raw SQL. Methods with a `manager` run in the
 * caller's transaction; the export's reads run on their own.
 */
@Injectable()
export class PrivacyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async familyDates(familyId: string): Promise<{ createdAt: Date; lastRemindedAt: Date | null }> {
    const rows = await this.dataSource.manager.query<Array<{ created_at: Date; last_reminded_at: Date | null }>>(
      `SELECT created_at, last_reminded_at FROM family WHERE id = $1`,
      [familyId],
    );
    const row = firstRow(rows, 'the family dates');
    return { createdAt: row.created_at, lastRemindedAt: row.last_reminded_at };
  }

  /** Everyone of the family with their steps, chats, opt-out and history: students first. */
  async familyPeople(familyId: string): Promise<ExportRecord[]> {
    return this.dataSource.manager.query<ExportRecord[]>(
      `SELECT p.id, p.kind, p.display_name AS "displayName",
              CASE WHEN c.id IS NULL THEN NULL ELSE c.grade::text || c.letter END AS "class",
              p.phone_hmac IS NOT NULL AS "phoneGiven", p.archived_at AS "archivedAt", p.created_at AS "createdAt",
              CASE WHEN p.opted_out_at IS NOT NULL THEN json_build_object('at', p.opted_out_at, 'channel', p.opt_out_channel,
                                                                          'note', p.opt_out_note, 'by', p.opt_out_source) END AS "optOut",
              (SELECT json_agg(json_build_object('step', s.step, 'status', s.status, 'blockerReason', s.blocker_reason,
                                                 'blockerNote', s.blocker_note, 'updatedAt', s.updated_at, 'updatedBy', s.updated_source))
               FROM person_step s WHERE s.person_id = p.id) AS steps,
              (SELECT COALESCE(json_agg(json_build_object('chat', ch.kind, 'audience', ch.audience, 'subject', ch.name, 'status', m.status,
                                                          'blockerReason', m.blocker_reason, 'blockerNote', m.blocker_note)), '[]')
               FROM chat_membership m JOIN chat ch ON ch.id = m.chat_id WHERE m.person_id = p.id) AS chats,
              (SELECT COALESCE(json_agg(json_build_object('at', e.created_at, 'path', e.path_id, 'step', e.step, 'chat', e.chat_id,
                                                          'from', e.from_status, 'to', e.to_status, 'channel', e.opt_out_channel,
                                                          'blockerReason', e.blocker_reason,
                                                          'blockerNote', e.blocker_note, 'source', e.source) ORDER BY e.id), '[]')
               FROM progress_event e WHERE e.person_id = p.id) AS history
       FROM person p LEFT JOIN school_class c ON c.id = p.class_id
       WHERE p.family_id = $1 ORDER BY p.kind DESC, p.display_name`,
      [familyId],
    );
  }

  /** The family's links, without their tokens. */
  async familyLinks(familyId: string): Promise<ExportRecord[]> {
    return this.dataSource.manager.query<ExportRecord[]>(
      `SELECT created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
              first_opened_at AS "firstOpenedAt", last_opened_at AS "lastOpenedAt"
       FROM invite WHERE family_id = $1 ORDER BY created_at`,
      [familyId],
    );
  }

  /** Every family with a person in the class, in id order. */
  async familiesOfClass(manager: EntityManager, classId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ family_id: string }>>(
      `SELECT DISTINCT family_id FROM person WHERE class_id = $1 ORDER BY family_id`,
      [classId],
    );
    return rows.map((row) => row.family_id);
  }

  async familiesOfSchool(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1 ORDER BY id`, [
      schoolId,
    ]);
    return rows.map((row) => row.id);
  }

  /** Every class of the school, archived ones too. */
  async classesOfSchool(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM school_class WHERE school_id = $1`, [
      schoolId,
    ]);
    return rows.map((row) => row.id);
  }

  /** The students of the classes, in id order, with their families. */
  async studentsOfClasses(
    manager: EntityManager,
    classIds: readonly string[],
  ): Promise<Array<{ id: string; familyId: string }>> {
    const rows = await manager.query<Array<{ id: string; family_id: string }>>(
      `SELECT id, family_id FROM person WHERE class_id = ANY($1::uuid[]) ORDER BY id`,
      [classIds],
    );
    return rows.map((row) => ({ id: row.id, familyId: row.family_id }));
  }

  /** Of the given families, those with no student left. */
  async familiesWithoutStudents(manager: EntityManager, familyIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT f.id FROM family f WHERE f.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM person s WHERE s.family_id = f.id AND s.kind = 'student')`,
      [familyIds],
    );
    return rows.map((row) => row.id);
  }

  /** Of the given families, those with a student outside the given classes. */
  async familiesWithStudentsOutside(
    manager: EntityManager,
    familyIds: readonly string[],
    classIds: readonly string[],
  ): Promise<string[]> {
    const rows = await manager.query<Array<{ family_id: string }>>(
      `SELECT DISTINCT family_id FROM person
       WHERE family_id = ANY($1::uuid[]) AND kind = 'student' AND NOT (class_id = ANY($2::uuid[]))`,
      [familyIds, classIds],
    );
    return rows.map((row) => row.family_id);
  }

  async countPeopleOfFamilies(manager: EntityManager, familyIds: readonly string[]): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM person WHERE family_id = ANY($1::uuid[])`,
      [familyIds],
    );
    return rows[0]?.n ?? 0;
  }

  /** Locks the families' people in id order, FOR UPDATE: an erasure waits for every other change of them. */
  async lockFamiliesForErasure(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [familyIds]);
  }

  /** Deletes the class's people; returns how many went. */
  async deletePeopleOfClass(manager: EntityManager, classId: string): Promise<number> {
    const [, removed] = await manager.query<[unknown, number]>(`DELETE FROM person WHERE class_id = $1`, [classId]);
    return removed;
  }

  /** Deletes the people of the classes who belong to the given families; returns how many went. */
  async deletePeopleOfClassesInFamilies(
    manager: EntityManager,
    classIds: readonly string[],
    familyIds: readonly string[],
  ): Promise<number> {
    const [, removed] = await manager.query<[unknown, number]>(
      `DELETE FROM person WHERE class_id = ANY($1::uuid[]) AND family_id = ANY($2::uuid[])`,
      [classIds, familyIds],
    );
    return removed;
  }

  /** Deletes the families' links, people (their steps, memberships and history by cascade) and the families. */
  async deleteFamilies(manager: EntityManager, familyIds: readonly string[]): Promise<SchoolErasureResult> {
    await manager.query(`DELETE FROM invite WHERE family_id = ANY($1::uuid[])`, [familyIds]);
    const [, people] = await manager.query<[unknown, number]>(`DELETE FROM person WHERE family_id = ANY($1::uuid[])`, [
      familyIds,
    ]);
    const [, families] = await manager.query<[unknown, number]>(`DELETE FROM family WHERE id = ANY($1::uuid[])`, [
      familyIds,
    ]);
    return { families, people };
  }
}
