import { Injectable, NotFoundException } from '@nestjs/common';
import { PathCatalogue, type OnboardingPath } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';

/**
 * A school's path, read inside the caller's transaction. Every write that
 * depends on the path (a step, a new person's steps, a chat) reads it with
 * `lockedForChange` first: that takes a KEY SHARE lock on the school row,
 * which only a path switch (FOR UPDATE) waits for, so a change never writes
 * the steps of a path the school has just left. Taken before any person or
 * class lock, as the switch takes it, so the two never wait in a circle.
 */
@Injectable()
export class SchoolPaths {
  constructor(private readonly catalogue: PathCatalogue) {}

  async lockedForChange(manager: EntityManager, schoolId: string): Promise<OnboardingPath> {
    const rows = await manager.query<Array<{ path_id: string }>>(
      `SELECT path_id FROM school WHERE id = $1 FOR KEY SHARE`,
      [schoolId],
    );
    if (!rows[0]) throw new NotFoundException('School not found');
    return this.catalogue.get(rows[0].path_id);
  }

  /** The path of the school of these people (all of one school), locked as above; null when none of them exists. */
  async lockedForPeople(manager: EntityManager, personIds: readonly string[]): Promise<{ schoolId: string; path: OnboardingPath } | null> {
    const rows = await manager.query<Array<{ id: string; path_id: string }>>(
      `SELECT id, path_id FROM school WHERE id IN (SELECT school_id FROM person WHERE id = ANY($1::uuid[])) ORDER BY id FOR KEY SHARE`,
      [personIds],
    );
    if (rows.length === 0) return null;
    if (rows.length > 1) throw new NotFoundException('Person not found');
    return { schoolId: rows[0].id, path: this.catalogue.get(rows[0].path_id) };
  }

  /** Without a lock, for reads. */
  async of(manager: EntityManager, schoolId: string): Promise<OnboardingPath> {
    const rows = await manager.query<Array<{ path_id: string }>>(`SELECT path_id FROM school WHERE id = $1`, [schoolId]);
    if (!rows[0]) throw new NotFoundException('School not found');
    return this.catalogue.get(rows[0].path_id);
  }
}
