import type { OptOutChannel, ProgressSource } from '@sferum/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN, CHANGE_SOURCES_SQL, OPT_OUT_CHANNELS_SQL } from '../../database/check-sql';

/** The append-only history: one change of a step, of a chat membership, or of opting out or back in. */
@Entity({ name: 'progress_event' })
@Index('progress_event_person_idx', ['personId', 'id'])
@Index('progress_event_school_time_idx', ['schoolId', 'createdAt'])
@Check('progress_event_path_id_check', `path_id ~ ${CATALOGUE_ID_PATTERN}`)
@Check('progress_event_step_format', `step ~ ${CATALOGUE_ID_PATTERN}`)
@Check('progress_event_reason_format', `blocker_reason ~ ${CATALOGUE_ID_PATTERN}`)
@Check('progress_event_blocker_note_check', `length(blocker_note) <= 500`)
@Check('progress_event_source_check', `source IN (${CHANGE_SOURCES_SQL})`)
@Check('progress_event_opt_out_channel_check', `opt_out_channel IN (${OPT_OUT_CHANNELS_SQL})`)
// A step, a chat, or (neither) the person opting out or back in.
@Check(
  'progress_event_one_item',
  `num_nonnulls(step, chat_id) <= 1
      AND ((step IS NULL AND chat_id IS NULL) = (to_status IN ('opted_out', 'participating')))
      AND (opt_out_channel IS NULL OR to_status = 'opted_out')`,
)
export class ProgressEvent {
  /** bigint: read as a string */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'progress_event_pkey',
  })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  @ForeignKey('person', { name: 'progress_event_person_id_fkey', onDelete: 'CASCADE' })
  personId!: string;

  @Column({ type: 'text', nullable: true })
  step!: string | null;

  @Column({ name: 'chat_id', type: 'uuid', nullable: true })
  @ForeignKey('chat', { name: 'progress_event_chat_id_fkey', onDelete: 'CASCADE' })
  @Index('progress_event_chat_idx', { where: 'chat_id IS NOT NULL' })
  chatId!: string | null;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus!: string;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ name: 'blocker_reason', type: 'text', nullable: true })
  blockerReason!: string | null;

  @Column({ name: 'blocker_note', type: 'text', nullable: true })
  blockerNote!: string | null;

  @Column({ type: 'text' })
  source!: ProgressSource;

  @Column({ name: 'actor_staff_id', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'progress_event_actor_staff_id_fkey', onDelete: 'SET NULL' })
  actorStaffId!: string | null;

  /** the same for every event of one change (a cell, an import, a member list) */
  @Column({ name: 'change_id', type: 'uuid' })
  changeId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** the path the school was on when the change was made */
  @Column({ name: 'path_id', type: 'text' })
  pathId!: string;

  @Column({ name: 'opt_out_channel', type: 'text', nullable: true })
  optOutChannel!: OptOutChannel | null;
}
