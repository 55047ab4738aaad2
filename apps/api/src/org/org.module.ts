import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { ClassesController } from './classes.controller';
import { ClassesRepository } from './classes.repository';
import { ClassesService } from './classes.service';
import { DistrictsRepository } from './districts.repository';
import { SchoolPathRepository } from './school-path.repository';
import { SchoolPathService } from './school-path.service';
import { SchoolsController } from './schools.controller';
import { SchoolsRepository } from './schools.repository';
import { SchoolsService } from './schools.service';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

/** Districts, schools, classes and staff accounts. */
@Module({
  imports: [ProgressModule],
  controllers: [SchoolsController, ClassesController, StaffController],
  providers: [
    SchoolsService,
    SchoolPathService,
    ClassesService,
    StaffService,
    SchoolsRepository,
    DistrictsRepository,
    SchoolPathRepository,
    ClassesRepository,
    StaffRepository,
  ],
  exports: [ClassesService],
})
export class OrgModule {}
