import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { OrgModule } from '../org/org.module';
import { ClassChatsRepository } from './class-chats.repository';
import { ExportService } from './export/export.service';
import { ImportExportController } from './import-export.controller';
import { ImportMappingsController } from './import/import-mappings.controller';
import { ImportMappingsRepository } from './import/import-mappings.repository';
import { ImportMappingsService } from './import/import-mappings.service';
import { ImportRepository } from './import/import.repository';
import { ImportService } from './import/import.service';
import { RosterController } from './roster.controller';
import { RosterRepository } from './roster.repository';
import { RosterService } from './roster.service';

/** Families, students and parents of a class; class lists in and out as spreadsheets. */
@Module({
  imports: [ProgressModule, OrgModule],
  controllers: [RosterController, ImportExportController, ImportMappingsController],
  providers: [
    RosterService,
    ImportService,
    ImportMappingsService,
    ExportService,
    RosterRepository,
    ClassChatsRepository,
    ImportMappingsRepository,
    ImportRepository,
  ],
})
export class RosterModule {}
