import type { StepStatus } from '@sferum/contracts';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { ItemStateColumns } from './item-state.columns';
import { CATALOGUE_ID_PATTERN, CHANGE_SOURCES_SQL } from '../../database/check-sql';

/** Where a person stands on one step of their school's path. */
@Entity({ name: 'person_step' })
@Check('person_step_step_format', `step ~ ${CATALOGUE_ID_PATTERN}`)
@Check('person_step_status_check', `status IN ('not_started', 'done', 'blocked')`)
@Check('person_step_reason_format', `blocker_reason ~ ${CATALOGUE_ID_PATTERN}`)
@Check('person_step_blocker_note_check', `length(blocker_note) <= 500`)
@Check('person_step_updated_source_check', `updated_source IN (${CHANGE_SOURCES_SQL})`)
@Check('person_step_blocked_has_reason', `(status = 'blocked') = (blocker_reason IS NOT NULL)`)
@Check('person_step_note_only_when_blocked', `blocker_note IS NULL OR status = 'blocked'`)
export class PersonStep extends ItemStateColumns {
  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'person_step_pkey' })
  @ForeignKey('person', { name: 'person_step_person_id_fkey', onDelete: 'CASCADE' })
  personId!: string;

  /** a step id of the school's path */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'person_step_pkey' })
  step!: string;

  @Column({ type: 'text', default: 'not_started' })
  status!: StepStatus;
}
