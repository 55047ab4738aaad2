import type { ChatStatus, ProgressSource } from '@sferum/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN, CHANGE_SOURCES_SQL } from '../../database/check-sql';

/** Whether a person has joined one chat. */
@Entity({ name: 'chat_membership' })
@Check('chat_membership_status_check', `status IN ('not_joined', 'joined', 'blocked')`)
@Check('chat_membership_reason_format', `blocker_reason ~ ${CATALOGUE_ID_PATTERN}`)
@Check('chat_membership_blocker_note_check', `length(blocker_note) <= 500`)
@Check('chat_membership_updated_source_check', `updated_source IN (${CHANGE_SOURCES_SQL})`)
@Check('chat_membership_blocked_has_reason', `(status = 'blocked') = (blocker_reason IS NOT NULL)`)
@Check('chat_membership_note_only_when_blocked', `blocker_note IS NULL OR status = 'blocked'`)
export class ChatMembership {
  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'chat_membership_pkey' })
  @ForeignKey('person', { name: 'chat_membership_person_id_fkey', onDelete: 'CASCADE' })
  personId!: string;

  @PrimaryColumn({ name: 'chat_id', type: 'uuid', primaryKeyConstraintName: 'chat_membership_pkey' })
  @ForeignKey('chat', { name: 'chat_membership_chat_id_fkey', onDelete: 'CASCADE' })
  @Index('chat_membership_chat_idx')
  chatId!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'text', default: 'not_joined' })
  status!: ChatStatus;

  /** a reason id of the path; set exactly when blocked */
  @Column({ name: 'blocker_reason', type: 'text', nullable: true })
  blockerReason!: string | null;

  @Column({ name: 'blocker_note', type: 'text', nullable: true })
  blockerNote!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_source', type: 'text', nullable: true })
  updatedSource!: ProgressSource | null;
}
