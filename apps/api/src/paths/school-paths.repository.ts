import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { SCHOOL_PATHS_SQL } from './school-paths.sql';

/** A school and the path it is on, as SchoolPaths documents the locks. */
export interface SchoolOnPath {
  schoolId: string;
  pathId: string;
}

/** The school as a path switch or a new school year holds it. */
export interface LockedSchool {
  districtId: string;
  pathId: string;
}

/**
 * The school row's `path_id` under the locks of the path protocol (see
 * SchoolPaths): KEY SHARE for a change that writes steps, FOR UPDATE for what
 * rewrites them (a path switch, a new school year). Typed raw SQL, in the
 * caller's transaction.
 */
@Injectable()
export class SchoolPathsRepository {
  /** The school's path id under KEY SHARE; undefined when there is no such school. */
  async pathIdForChange(manager: EntityManager, schoolId: string): Promise<string | undefined> {
    const rows = await manager.query<Array<{ path_id: string }>>(
      `SELECT path_id FROM school WHERE id = $1 FOR KEY SHARE`,
      [schoolId],
    );
    return rows[0]?.path_id;
  }

  /** The schools of these people under KEY SHARE, in id order. Prepared: every change runs it. */
  async schoolsOfPeopleForChange(manager: EntityManager, personIds: readonly string[]): Promise<SchoolOnPath[]> {
    const rows = await preparedQuery<{ id: string; path_id: string }>(
      manager,
      SCHOOL_PATHS_SQL.schoolsOfPeopleForChange,
      [personIds],
    );
    return rows.map((row) => ({ schoolId: row.id, pathId: row.path_id }));
  }

  /** The school's path id without a lock; undefined when there is no such school. */
  async pathId(manager: EntityManager, schoolId: string): Promise<string | undefined> {
    const rows = await manager.query<Array<{ path_id: string }>>(`SELECT path_id FROM school WHERE id = $1`, [
      schoolId,
    ]);
    return rows[0]?.path_id;
  }

  /** Locks the school row FOR UPDATE: every change that writes steps waits until the caller commits. */
  async lockForRewrite(manager: EntityManager, schoolId: string): Promise<LockedSchool | undefined> {
    const rows = await manager.query<Array<{ district_id: string; path_id: string }>>(
      `SELECT district_id, path_id FROM school WHERE id = $1 FOR UPDATE`,
      [schoolId],
    );
    const row = rows[0];
    return row && { districtId: row.district_id, pathId: row.path_id };
  }
}
