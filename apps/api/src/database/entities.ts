import { District } from '../org/entities/district.entity';
import { School } from '../org/entities/school.entity';
import { SchoolClass } from '../org/entities/school-class.entity';
import { StaffUser } from '../org/entities/staff-user.entity';

/** Every entity the data source knows; features add theirs here. */
export const ENTITIES = [District, School, SchoolClass, StaffUser];
