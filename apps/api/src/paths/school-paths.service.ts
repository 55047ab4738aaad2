import { Injectable, NotFoundException } from '@nestjs/common';
import { PathCatalogue, type OnboardingPath } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { SchoolPathsRepository, type LockedSchool } from './school-paths.repository';

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
  constructor(
    private readonly catalogue: PathCatalogue,
    private readonly schools: SchoolPathsRepository,
  ) {}

  async lockedForChange(manager: EntityManager, schoolId: string): Promise<OnboardingPath> {
    return this.pathOrNotFound(await this.schools.pathIdForChange(manager, schoolId));
  }

  /** The path of the school of these people (all of one school), locked as above; null when none of them exists. */
  async lockedForPeople(
    manager: EntityManager,
    personIds: readonly string[],
  ): Promise<{ schoolId: string; path: OnboardingPath } | null> {
    const schools = await this.schools.schoolsOfPeopleForChange(manager, personIds);
    const [school] = schools;
    if (!school) return null;
    if (schools.length > 1) throw new NotFoundException('Person not found');
    return { schoolId: school.schoolId, path: this.catalogue.get(school.pathId) };
  }

  /**
   * For what rewrites the school's steps (a path switch, a new school year):
   * the school row FOR UPDATE, which every change above waits for.
   */
  async lockedForRewrite(manager: EntityManager, schoolId: string): Promise<LockedSchool> {
    const school = await this.schools.lockForRewrite(manager, schoolId);
    if (!school) throw new NotFoundException('School not found');
    return school;
  }

  /** Without a lock, for reads. */
  async of(manager: EntityManager, schoolId: string): Promise<OnboardingPath> {
    return this.pathOrNotFound(await this.schools.pathId(manager, schoolId));
  }

  private pathOrNotFound(pathId: string | undefined): OnboardingPath {
    if (pathId === undefined) throw new NotFoundException('School not found');
    return this.catalogue.get(pathId);
  }
}
