import { DynamicModule, Module } from '@nestjs/common';
import { PATH_CATALOGUE, type PathCatalogue } from '@sferum/contracts';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { loggerParams } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { AuthModule } from './auth/auth.module';
import { ChangesModule } from './changes/changes.module';
import { HealthModule } from './health/health.module';
import { InvitesModule } from './invites/invites.module';
import { OrgModule } from './org/org.module';
import { PathsModule } from './paths/paths.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProgressModule } from './progress/progress.module';
import { ReportsModule } from './reports/reports.module';
import { RosterModule } from './roster/roster.module';
import { SchoolYearModule } from './school-year/school-year.module';

@Module({})
export class AppModule {
  /**
   * `logDestination` replaces standard output for the request logs (tests read them);
   * `paths`, the catalogue of onboarding paths (a test adds one of its own).
   */
  static forRoot(
    config: AppConfig,
    logDestination?: DestinationStream,
    paths: PathCatalogue = PATH_CATALOGUE,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logDestination)),
        ScheduleModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config), retryAttempts: 0 }),
        PathsModule.forRoot(paths),
        HealthModule,
        AuthModule,
        OrgModule,
        RosterModule,
        ProgressModule,
        InvitesModule,
        ReportsModule,
        PrivacyModule,
        SchoolYearModule,
        ChangesModule,
      ],
    };
  }
}
