import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { SchoolYearService } from './school-year.service';

/** Every night, the leavers whose erasure day has come are erased (152-ФЗ: no longer than needed). */
@Injectable()
export class LeaverErasureJob {
  private readonly logger = new Logger(LeaverErasureJob.name);

  constructor(private readonly schoolYear: SchoolYearService) {}

  @Cron('10 3 * * *', { timeZone: 'Europe/Moscow', name: 'leaver-erasure' })
  async nightly(): Promise<void> {
    try {
      await this.schoolYear.eraseDueLeavers();
    } catch (error) {
      this.logger.error(`Leavers not erased: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
