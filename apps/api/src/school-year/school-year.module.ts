import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { SchoolYearController } from './school-year.controller';
import { LeaverErasureJob } from './school-year.job';
import { SchoolYearRepository } from './school-year.repository';
import { SchoolYearService } from './school-year.service';

/** The new school year: classes up a grade, leavers archived and erased after the school's period. */
@Module({
  imports: [ProgressModule, PrivacyModule],
  controllers: [SchoolYearController],
  providers: [SchoolYearService, SchoolYearRepository, LeaverErasureJob],
})
export class SchoolYearModule {}
