import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROGRESS_SQL } from './progress.sql';

/**
 * The per-class counters (`class_progress`) and the classes a change touches.
 * Every method runs in the caller's transaction (its `manager`).
 */
@Injectable()
export class ClassCountersRepository {
  /**
   * Recounts `class_progress` for the given classes from `person_step` and
   * `chat_membership`, inside the caller's transaction. The class rows are locked
   * first (in id order, so two transactions never wait on each other in a circle),
   * which serialises every change that touches a class's counters: they stay
   * exact under any concurrency. The lock is FOR NO KEY UPDATE so that it does not
   * wait for the key-share locks that inserts referencing the class take.
   */
  async recount(manager: EntityManager, classIds: readonly string[]): Promise<void> {
    const ids = [...new Set(classIds)].sort();
    if (ids.length === 0) return;
    await manager.query(PROGRESS_SQL.lockClasses, [ids]);
    await manager.query(PROGRESS_SQL.deleteCounters, [ids]);
    await manager.query(PROGRESS_SQL.recountClasses, [ids]);
  }

  /** The classes a person counts in: a student's own, a parent's children's. */
  async classesOfPeople(manager: EntityManager, personIds: readonly string[]): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await manager.query<Array<{ class_id: string }>>(PROGRESS_SQL.classesOfPeople, [personIds]);
    return rows.map((row) => row.class_id);
  }

  /** The classes of every student of the given families: where their parents count. */
  async classesOfFamilies(manager: EntityManager, familyIds: readonly string[]): Promise<string[]> {
    if (familyIds.length === 0) return [];
    const rows = await manager.query<Array<{ class_id: string }>>(
      `SELECT DISTINCT class_id FROM person WHERE family_id = ANY($1::uuid[]) AND kind = 'student'`,
      [familyIds],
    );
    return rows.map((row) => row.class_id);
  }
}
