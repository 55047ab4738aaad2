import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A school's move to a new academic year: once per school and year, with the leavers' erasure period. */
@Entity({ name: 'school_year_rollover' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], {
  name: 'school_year_rollover_school_fk',
  onDelete: 'CASCADE',
})
@Unique('school_year_rollover_once', ['schoolId', 'toYear'])
@Check('school_year_rollover_from_year_check', `from_year ~ '^\\d{4}/\\d{4}$'`)
@Check('school_year_rollover_to_year_check', `to_year ~ '^\\d{4}/\\d{4}$'`)
@Check('school_year_rollover_erasure_days_check', `erasure_days BETWEEN 0 AND 365`)
export class SchoolYearRollover {
  /** bigint: read as a string */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'school_year_rollover_pkey',
  })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  /** "2025/2026" */
  @Column({ name: 'from_year', type: 'text' })
  fromYear!: string;

  @Column({ name: 'to_year', type: 'text' })
  toYear!: string;

  @Column({ name: 'erasure_days', type: 'integer' })
  erasureDays!: number;

  @Column({ name: 'actor_staff_id', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'school_year_rollover_actor_staff_id_fkey', onDelete: 'SET NULL' })
  actorStaffId!: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', default: () => 'now()' })
  doneAt!: Date;
}
