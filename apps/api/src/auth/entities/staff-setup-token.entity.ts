import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A setup link: a new staff member sets their password with it, once; the token is kept only as its hash. */
@Entity({ name: 'staff_setup_token' })
@Unique('staff_setup_token_unique', ['tokenHash'])
@Check('staff_setup_token_token_hash_check', `length(token_hash) = 32`)
export class StaffSetupToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'staff_setup_token_pkey' })
  id!: string;

  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ name: 'staff_user_id', type: 'uuid' })
  @ForeignKey('staff_user', { name: 'staff_setup_token_staff_user_id_fkey', onDelete: 'CASCADE' })
  @Index('staff_setup_token_user_idx')
  staffUserId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
