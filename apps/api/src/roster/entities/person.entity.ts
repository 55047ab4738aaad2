import type { OptOutChannel, PersonKind, ProgressSource } from '@sferum/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CHANGE_SOURCES_SQL, OPT_OUT_CHANNELS_SQL } from '../../database/check-sql';

/** A student (in a class) or a parent (of the family's students), with their opt-out if any. */
@Entity({ name: 'person' })
@ForeignKey('family', ['familyId', 'schoolId', 'districtId'], ['id', 'schoolId', 'districtId'], {
  name: 'person_family_fk',
})
@ForeignKey('school_class', ['classId', 'schoolId', 'districtId'], ['id', 'schoolId', 'districtId'], {
  name: 'person_class_fk',
})
@Index('person_phone_idx', ['schoolId', 'phoneHmac'], { where: 'phone_hmac IS NOT NULL' })
@Check('person_kind_check', `kind IN ('student', 'parent')`)
@Check('person_display_name_check', `length(btrim(display_name)) BETWEEN 1 AND 200`)
@Check('person_phone_hmac_check', `length(phone_hmac) = 32`)
@Check('person_version_check', `version > 0`)
@Check('person_student_has_class', `(kind = 'student') = (class_id IS NOT NULL)`)
@Check('person_opt_out_channel_check', `opt_out_channel IN (${OPT_OUT_CHANNELS_SQL})`)
@Check('person_opt_out_note_check', `length(opt_out_note) <= 500`)
@Check('person_opt_out_source_check', `opt_out_source IN (${CHANGE_SOURCES_SQL})`)
@Check(
  'person_opt_out_complete',
  `(opted_out_at IS NULL) = (opt_out_channel IS NULL) AND (opted_out_at IS NULL) = (opt_out_source IS NULL)
      AND (opt_out_note IS NULL OR opted_out_at IS NOT NULL)`,
)
export class Person {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'person_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'family_id', type: 'uuid' })
  @Index('person_family_idx')
  familyId!: string;

  /** a student's class; null for a parent */
  @Column({ name: 'class_id', type: 'uuid', nullable: true })
  @Index('person_class_idx', { where: 'class_id IS NOT NULL' })
  classId!: string | null;

  @Column({ type: 'text' })
  kind!: PersonKind;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** keyed HMAC-SHA-256 of the normalised phone (roster/phone.ts): the only trace of the number kept */
  @Column({ name: 'phone_hmac', type: 'bytea', nullable: true })
  phoneHmac!: Buffer | null;

  /** optimistic concurrency: raised by every change */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'opted_out_at', type: 'timestamptz', nullable: true })
  optedOutAt!: Date | null;

  @Column({ name: 'opt_out_channel', type: 'text', nullable: true })
  optOutChannel!: OptOutChannel | null;

  @Column({ name: 'opt_out_note', type: 'text', nullable: true })
  optOutNote!: string | null;

  @Column({ name: 'opt_out_source', type: 'text', nullable: true })
  optOutSource!: ProgressSource | null;
}
