import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A signed-in staff member's session; the cookie's token is kept only as its hash. */
@Entity({ name: 'staff_session' })
@Unique('staff_session_token_unique', ['tokenHash'])
@Check('staff_session_token_hash_check', `length(token_hash) = 32`)
export class StaffSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_session_pkey' })
  id!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ name: 'staff_user_id', type: 'uuid' })
  @ForeignKey('staff_user', { name: 'staff_session_staff_user_id_fkey', onDelete: 'CASCADE' })
  @Index('staff_session_user_idx')
  staffUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
