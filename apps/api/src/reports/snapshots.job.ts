import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { SnapshotsService } from './snapshots.service';

/** Takes the day's snapshot late every evening, and catches up on days missed while down. */
@Injectable()
export class SnapshotsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SnapshotsJob.name);

  constructor(
    private readonly snapshots: SnapshotsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SNAPSHOTS_ENABLED === 'true') {
      void this.catchUp();
    }
  }

  @Cron('55 23 * * *', { timeZone: 'Europe/Moscow', name: 'daily-progress-snapshot' })
  async daily(): Promise<void> {
    if (this.config.SNAPSHOTS_ENABLED !== 'true') return;
    await this.catchUp();
    const classes = await this.snapshots.snapshotToday();
    this.logger.log(`Daily snapshot taken for ${classes} classes`);
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
