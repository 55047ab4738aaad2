import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CATALOGUE_ID_PATTERN } from '../../database/check-sql';

@Entity({ name: 'school' })
@Unique('school_name_unique', ['districtId', 'name'])
// lets child rows reference (school, district) together, so they cannot disagree
@Unique('school_id_district_unique', ['id', 'districtId'])
@Check('school_name_check', `length(btrim(name)) BETWEEN 1 AND 200`)
@Check('school_path_id_format', `path_id ~ ${CATALOGUE_ID_PATTERN}`)
export class School {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'school_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  @ForeignKey('district', { name: 'school_district_id_fkey' })
  @Index('school_district_idx')
  districtId!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** the onboarding path of the catalogue the school is on (which app, which steps) */
  @Column({ name: 'path_id', type: 'text', default: 'max' })
  pathId!: string;

  @Column({ name: 'path_changed_at', type: 'timestamptz', nullable: true })
  pathChangedAt!: Date | null;
}
