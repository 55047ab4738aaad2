import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { SnapshotsJob } from './snapshots.job';
import { StaffReportsController } from './staff-reports.controller';
import { SnapshotsRepository } from './snapshots.repository';
import { SnapshotsService } from './snapshots.service';

/** The district's reporting API, its keys and the daily snapshots behind its history. */
@Module({
  controllers: [ReportsController, StaffReportsController, ApiKeysController],
  providers: [
    ReportsService,
    ReportsRepository,
    ApiKeysService,
    ApiKeysRepository,
    ApiKeyGuard,
    SnapshotsService,
    SnapshotsRepository,
    SnapshotsJob,
  ],
  exports: [SnapshotsService],
})
export class ReportsModule {}
