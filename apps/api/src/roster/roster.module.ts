import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { ExportService } from './export/export.service';
import { ImportExportController } from './import-export.controller';
import { ImportService } from './import/import.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

/** Families, students and parents of a class; class lists in and out as spreadsheets. */
@Module({
  imports: [OrgModule],
  controllers: [RosterController, ImportExportController],
  providers: [RosterService, ImportService, ExportService],
})
export class RosterModule {}
