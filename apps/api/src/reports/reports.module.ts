import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The district's reporting API and its keys. */
@Module({
  controllers: [ReportsController, ApiKeysController],
  providers: [ReportsService, ApiKeysService, ApiKeyGuard],
})
export class ReportsModule {}
