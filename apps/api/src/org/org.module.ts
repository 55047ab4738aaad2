import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { ClassesController } from './classes.controller';
import { ClassesService } from './classes.service';
import { SchoolPathService } from './school-path.service';
import { SchoolsController } from './schools.controller';
import { SchoolsService } from './schools.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** Districts, schools, classes and staff accounts. */
@Module({
  imports: [ProgressModule],
  controllers: [SchoolsController, ClassesController, StaffController],
  providers: [SchoolsService, SchoolPathService, ClassesService, StaffService],
  exports: [ClassesService],
})
export class OrgModule {}
