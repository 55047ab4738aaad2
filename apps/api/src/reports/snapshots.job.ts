import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { SnapshotsService } from './snapshots.service';

const JOB_NAME = 'daily-progress-snapshot';

/**
 * Takes the day's snapshot late every evening (SNAPSHOT_CRON, Moscow time), and
 * catches up on days missed while down. Every copy of the API runs it: the
 * snapshot lock lets one copy at a time work, and a class's day is written
 * once, by the first run of the day on any copy.
 */
@Injectable()
export class SnapshotsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotsJob.name);

  constructor(
    private readonly snapshots: SnapshotsService,
    private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SNAPSHOTS_ENABLED !== 'true') return;
    void this.catchUp();
    const job = CronJob.from({
      cronTime: this.config.SNAPSHOT_CRON,
      timeZone: 'Europe/Moscow',
      onTick: () => this.daily(),
      waitForCompletion: true,
    });
    // Registered, so that the scheduler stops it at shutdown as it does its own.
    this.scheduler.addCronJob(JOB_NAME, job);
    job.start();
  }

  async daily(): Promise<void> {
    await this.catchUp();
    try {
      const classes = await this.snapshots.snapshotTodayOnce();
      if (classes > 0) this.logger.log(`Daily snapshot taken for ${classes} classes`);
    } catch (error) {
      this.logger.error(`Daily snapshot not taken: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async catchUp(): Promise<void> {
    try {
      const rebuilt = await this.snapshots.fillGaps();
      if (rebuilt > 0) this.logger.log(`Rebuilt ${rebuilt} missing class-days of snapshots`);
    } catch (error) {
      this.logger.error(
        `Could not rebuild missing snapshots: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
