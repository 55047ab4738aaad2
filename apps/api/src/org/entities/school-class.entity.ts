import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A class of a school in one academic year, such as "5А" in 2026/2027. */
@Entity({ name: 'school_class' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], { name: 'school_class_school_fk' })
@Unique('school_class_unique', ['schoolId', 'academicYear', 'grade', 'letter'])
@Unique('school_class_id_school_unique', ['id', 'schoolId', 'districtId'])
@Check('school_class_grade_check', `grade BETWEEN 1 AND 11`)
@Check('school_class_letter_check', `letter ~ '^[А-ЯЁ]$'`)
@Check(
  'school_class_academic_year_check',
  `academic_year ~ '^[0-9]{4}/[0-9]{4}$' AND split_part(academic_year, '/', 2)::int = split_part(academic_year, '/', 1)::int + 1`,
)
@Check('school_class_parent_contact_length', `length(btrim(parent_contact)) BETWEEN 1 AND 300`)
@Check('school_class_erase_after_archived', `erase_after IS NULL OR archived_at IS NOT NULL`)
export class SchoolClass {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'school_class_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  @Index('school_class_district_idx')
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

  /** the class teacher's contact for parents */
  @Column({ name: 'parent_contact', type: 'text', nullable: true })
  parentContact!: string | null;

  /** "2026-09-30" */
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** set on a class archived at the end of a year: its leavers' personal data goes on that day */
  @Column({ name: 'erase_after', type: 'date', nullable: true })
  @Index('school_class_erase_after_idx', { where: 'erase_after IS NOT NULL' })
  eraseAfter!: string | null;
}
