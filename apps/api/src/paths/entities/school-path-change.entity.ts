import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN } from '../../database/check-sql';

/** The log of a school's switches from one onboarding path to another. */
@Entity({ name: 'school_path_change' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], {
  name: 'school_path_change_school_fk',
  onDelete: 'CASCADE',
})
@Index('school_path_change_school_idx', ['schoolId', 'changedAt'])
@Check('school_path_change_from_path_id_check', `from_path_id ~ ${CATALOGUE_ID_PATTERN}`)
@Check('school_path_change_to_path_id_check', `to_path_id ~ ${CATALOGUE_ID_PATTERN}`)
@Check('school_path_change_differs', `from_path_id <> to_path_id`)
export class SchoolPathChange {
  /** bigint: read as a string */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'school_path_change_pkey',
  })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'from_path_id', type: 'text' })
  fromPathId!: string;

  @Column({ name: 'to_path_id', type: 'text' })
  toPathId!: string;

  @Column({ name: 'actor_staff_id', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'school_path_change_actor_staff_id_fkey', onDelete: 'SET NULL' })
  actorStaffId!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
