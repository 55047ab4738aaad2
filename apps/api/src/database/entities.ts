import { District } from '../org/entities/district.entity';
import { SchoolClass } from '../org/entities/school-class.entity';
import { School } from '../org/entities/school.entity';
import { StaffUser } from '../org/entities/staff-user.entity';
import { TeacherClass } from '../org/entities/teacher-class.entity';

/**
 * Every entity the data source knows: one per table of the migrations, each
 * mirroring its table exactly (test/schema-drift.e2e-spec.ts checks it).
 */
export const ENTITIES = [District, School, SchoolClass, StaffUser, TeacherClass];
