import type { ChatAudience, ChatKind } from '@sferum/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A chat of a class (for all, its students or its parents), a subject chat of a class, or the school's chat. */
@Entity({ name: 'chat' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], { name: 'chat_school_fk' })
@ForeignKey('school_class', ['classId', 'schoolId', 'districtId'], ['id', 'schoolId', 'districtId'], {
  name: 'chat_class_fk',
})
@Index('chat_one_class_chat', ['classId', 'audience'], {
  unique: true,
  where: `kind = 'class' AND archived_at IS NULL`,
})
@Index('chat_one_school_chat', ['schoolId'], { unique: true, where: `kind = 'school' AND archived_at IS NULL` })
// UNIQUE (class_id, lower(name)) WHERE kind = 'subject' AND archived_at IS NULL: an index on an expression,
// which TypeORM cannot state; named here so that it keeps the migrations' index as it is.
@Index('chat_subject_name_unique', { synchronize: false })
@Check('chat_kind_check', `kind IN ('class', 'subject', 'school')`)
@Check('chat_name_check', `name IS NULL OR length(btrim(name)) BETWEEN 1 AND 100`)
@Check('chat_school_has_no_class', `(kind = 'school') = (class_id IS NULL)`)
@Check('chat_subject_has_name', `(kind = 'subject') = (name IS NOT NULL)`)
@Check('chat_audience_check', `audience IN ('all', 'students', 'parents')`)
@Check(
  'chat_audience_of_kind',
  `kind = 'class' OR audience = (CASE kind WHEN 'subject' THEN 'students' ELSE 'all' END)`,
)
@Check('chat_invite_url_https', `invite_url ~ '^https://[^\\s]+$' AND length(invite_url) <= 500`)
export class Chat {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'chat_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  @Index('chat_school_idx')
  schoolId!: string;

  /** null for the school's chat */
  @Column({ name: 'class_id', type: 'uuid', nullable: true })
  classId!: string | null;

  @Column({ type: 'text' })
  kind!: ChatKind;

  /** a subject chat's name; null for the others */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'all' })
  audience!: ChatAudience;

  /** the chat's invitation link, pasted by the teacher from MAX or Sferum */
  @Column({ name: 'invite_url', type: 'text', nullable: true })
  inviteUrl!: string | null;
}
