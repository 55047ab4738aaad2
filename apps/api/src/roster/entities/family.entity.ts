import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A household: its students and parents, reached by one parent link. */
@Entity({ name: 'family' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], { name: 'family_school_fk' })
@Unique('family_id_school_unique', ['id', 'schoolId', 'districtId'])
export class Family {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'family_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  @Index('family_school_idx')
  schoolId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_reminded_at', type: 'timestamptz', nullable: true })
  lastRemindedAt!: Date | null;
}
