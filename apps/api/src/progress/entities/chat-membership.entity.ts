import type { ChatStatus } from '@sferum/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ItemStateColumns } from './item-state.columns';
import { CATALOGUE_ID_PATTERN, CHANGE_SOURCES_SQL } from '../../database/check-sql';

/** Whether a person has joined one chat. */
@Entity({ name: 'chat_membership' })
@Check('chat_membership_status_check', `status IN ('not_joined', 'joined', 'blocked')`)
@Check('chat_membership_reason_format', `blocker_reason ~ ${CATALOGUE_ID_PATTERN}`)
@Check('chat_membership_blocker_note_check', `length(blocker_note) <= 500`)
@Check('chat_membership_updated_source_check', `updated_source IN (${CHANGE_SOURCES_SQL})`)
@Check('chat_membership_blocked_has_reason', `(status = 'blocked') = (blocker_reason IS NOT NULL)`)
@Check('chat_membership_note_only_when_blocked', `blocker_note IS NULL OR status = 'blocked'`)
export class ChatMembership extends ItemStateColumns {
  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'chat_membership_pkey' })
  @ForeignKey('person', { name: 'chat_membership_person_id_fkey', onDelete: 'CASCADE' })
  personId!: string;

  @PrimaryColumn({ name: 'chat_id', type: 'uuid', primaryKeyConstraintName: 'chat_membership_pkey' })
  @ForeignKey('chat', { name: 'chat_membership_chat_id_fkey', onDelete: 'CASCADE' })
  @Index('chat_membership_chat_idx')
  chatId!: string;

  @Column({ type: 'text', default: 'not_joined' })
  status!: ChatStatus;
}
