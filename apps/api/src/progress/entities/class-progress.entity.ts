import type { CounterStatus, PersonKind } from '@sferum/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN } from '../../database/check-sql';

/**
 * The exact per-class counters: how many students of the class, and parents of
 * the families with a student in it, are in each status of each item.
 */
@Entity({ name: 'class_progress' })
@Check('class_progress_person_kind_check', `person_kind IN ('student', 'parent')`)
@Check('class_progress_item_format', `item ~ ${CATALOGUE_ID_PATTERN}`)
@Check(
  'class_progress_status_check',
  `status IN ('not_started', 'done', 'blocked', 'not_joined', 'joined', 'connected', 'in_progress', 'opted_out')`,
)
@Check('class_progress_reason_format', `blocker_reason = '' OR blocker_reason ~ ${CATALOGUE_ID_PATTERN}`)
@Check('class_progress_people_check', `people >= 0`)
export class ClassProgress {
  @PrimaryColumn({ name: 'class_id', type: 'uuid', primaryKeyConstraintName: 'class_progress_pkey' })
  @ForeignKey('school_class', { name: 'class_progress_class_id_fkey', onDelete: 'CASCADE' })
  classId!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  @Index('class_progress_district_idx')
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  @Index('class_progress_school_idx')
  schoolId!: string;

  @PrimaryColumn({ name: 'person_kind', type: 'text', primaryKeyConstraintName: 'class_progress_pkey' })
  personKind!: PersonKind;

  /** a step id, a chat item or `overall` */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'class_progress_pkey' })
  item!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'class_progress_pkey' })
  status!: CounterStatus;

  /** '' unless blocked: reports break the blocked down by reason */
  @PrimaryColumn({ name: 'blocker_reason', type: 'text', default: '', primaryKeyConstraintName: 'class_progress_pkey' })
  blockerReason!: string;

  @Column({ type: 'integer' })
  people!: number;
}
