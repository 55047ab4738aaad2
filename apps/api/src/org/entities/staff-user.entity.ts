import type { StaffRole } from '@sferum/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'staff_user' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], { name: 'staff_user_school_fk' })
@Unique('staff_user_email_unique', ['email'])
@Unique('staff_user_id_school_unique', ['id', 'schoolId'])
@Check('staff_user_role_check', `role IN ('district_admin', 'school_admin', 'teacher')`)
@Check('staff_user_email_check', `email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254`)
@Check('staff_user_full_name_check', `length(btrim(full_name)) BETWEEN 1 AND 200`)
@Check('staff_user_scope_check', `(role = 'district_admin') = (school_id IS NULL)`)
export class StaffUser {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_user_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  @ForeignKey('district', { name: 'staff_user_district_id_fkey' })
  @Index('staff_user_district_idx')
  districtId!: string;

  /** null for a district admin */
  @Column({ name: 'school_id', type: 'uuid', nullable: true })
  @Index('staff_user_school_idx')
  schoolId!: string | null;

  @Column({ type: 'text' })
  role!: StaffRole;

  /** stored trimmed and lower-cased */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName!: string;

  /** argon2id; null until the user has opened their setup link */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
