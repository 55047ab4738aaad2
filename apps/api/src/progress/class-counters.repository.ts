import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CounterDelta } from './counter-deltas';
import { preparedQuery } from '../database/prepared-query';
import { PROGRESS_SQL } from './progress.sql';

/** A person and a class they count in. */
export interface Membership {
  person_id: string;
  class_id: string;
}

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

  /**
   * Locks the classes the people count in, as `recount` does (so a recount and
   * a move by deltas never overlap), and says who counts where. Prepared, as
   * `move`: every change runs both.
   */
  lockClassesOfPeople(manager: EntityManager, personIds: readonly string[]): Promise<Membership[]> {
    return preparedQuery<Membership>(manager, PROGRESS_SQL.lockClassesOfPeople, [personIds]);
  }

  /**
   * Moves the counters of classes locked by `lockClassesOfPeople` by exact
   * deltas. False when nothing moved because the people no longer count in
   * exactly those classes (a child moved meanwhile), or when a counter to
   * lower was not there: the caller then recounts.
   */
  async move(
    manager: EntityManager,
    personIds: readonly string[],
    locked: readonly Membership[],
    deltas: readonly CounterDelta[],
  ): Promise<boolean> {
    const [row] = await preparedQuery<{ matches: boolean; moved: number }>(
      manager,
      PROGRESS_SQL.moveCounters,
      moveCountersParameters(personIds, locked, deltas),
    );
    return row!.matches && row!.moved === deltas.length;
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

/** PROGRESS_SQL.moveCounters' parameters: the people, the memberships locked, the deltas column by column. */
export function moveCountersParameters(
  personIds: readonly string[],
  locked: readonly Membership[],
  deltas: readonly CounterDelta[],
): unknown[] {
  return [
    personIds,
    locked.map((m) => m.person_id),
    locked.map((m) => m.class_id),
    deltas.map((d) => d.classId),
    deltas.map((d) => d.personKind),
    deltas.map((d) => d.item),
    deltas.map((d) => d.status),
    deltas.map((d) => d.blockerReason),
    deltas.map((d) => d.delta),
  ];
}
