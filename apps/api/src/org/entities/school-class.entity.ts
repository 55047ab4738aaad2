import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A class of a school in one academic year, such as "5А" in 2026/2027. */
@Entity({ name: 'school_class' })
export class SchoolClass {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'smallint' })
  grade!: number;

  @Column({ type: 'text' })
  letter!: string;

  /** "2026/2027" */
  @Column({ name: 'academic_year', type: 'text' })
  academicYear!: string;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
