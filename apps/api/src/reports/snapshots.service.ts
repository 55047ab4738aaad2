import { Injectable } from '@nestjs/common';
import { PathCatalogue, stepIdsOf } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SnapshotsRepository } from './snapshots.repository';
import { allowLongStatements } from '../database/long-statements';

/**
 * The daily snapshots behind the charts: one row per class and day, naming
 * the path the class was on. Today's copies the exact counters (run again, it
 * replaces itself); days missed while the service was down are rebuilt from
 * the history of changes.
 */
@Injectable()
export class SnapshotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotsRepository,
    private readonly catalogue: PathCatalogue,
  ) {}

  /** Snapshots of today for every active class, on its school's path now, replacing today's; returns how many classes. */
  async snapshotToday(): Promise<number> {
    return this.exclusively((manager) => this.snapshots.copyTodaysCounters(manager, 'replace'));
  }

  /**
   * The daily job's: today's snapshot of every active class that has none yet
   * (another copy of the API, or an earlier run, took the others); returns how
   * many classes it wrote.
   */
  async snapshotTodayOnce(): Promise<number> {
    return this.exclusively((manager) => this.snapshots.copyTodaysCounters(manager, 'keep'));
  }

  /**
   * Rebuilds every missing day before today, for every active class, since its
   * last snapshot (or its creation), from `progress_event` (see REBUILD_DAY in
   * snapshots.repository.ts). People are taken in the class they are in now
   * (moves are not replayed).
   */
  async fillGaps(): Promise<number> {
    return this.exclusively(async (manager) => {
      const missing = await this.snapshots.missingDays(manager);
      const steps = this.catalogue.paths.flatMap((path) => stepIdsOf(path).map((step) => [path.id, step] as const));
      const [pathIds, stepIds] = [steps.map(([pathId]) => pathId), steps.map(([, step]) => step)];
      for (const { day, classIds } of missing) {
        await this.snapshots.rebuildDay(manager, day, classIds, pathIds, stepIds);
      }
      return missing.reduce((sum, row) => sum + row.classIds.length, 0);
    });
  }

  /** One copy of the API at a time takes snapshots; the others skip. */
  private async exclusively(work: (manager: EntityManager) => Promise<number>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await allowLongStatements(manager);
      return (await this.snapshots.tryLock(manager)) ? work(manager) : 0;
    });
  }
}
