import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A family's parent link: one active per family, the token kept only as a hash and encrypted. */
@Entity({ name: 'invite' })
@ForeignKey('family', ['familyId', 'schoolId', 'districtId'], ['id', 'schoolId', 'districtId'], {
  name: 'invite_family_fk',
  onDelete: 'CASCADE',
})
@Unique('invite_token_unique', ['tokenHash'])
@Index('invite_one_active_per_family', ['familyId'], { unique: true, where: 'revoked_at IS NULL' })
@Check('invite_token_hash_check', `length(token_hash) = 32`)
@Check('invite_token_encrypted_check', `length(token_encrypted) > 28`)
@Check('invite_code_hash_length', `length(code_hash) = 32`)
export class Invite {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invite_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'family_id', type: 'uuid' })
  @Index('invite_family_idx')
  familyId!: string;

  /** SHA-256 of the link's token */
  @Column({ name: 'token_hash', type: 'bytea' })
  tokenHash!: Buffer;

  /** AES-256-GCM: 12-byte IV, the ciphertext, 16-byte tag */
  @Column({ name: 'token_encrypted', type: 'bytea' })
  tokenEncrypted!: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'invite_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'first_opened_at', type: 'timestamptz', nullable: true })
  firstOpenedAt!: Date | null;

  @Column({ name: 'last_opened_at', type: 'timestamptz', nullable: true })
  lastOpenedAt!: Date | null;

  /** SHA-256 of the link's short code */
  @Column({ name: 'code_hash', type: 'bytea', nullable: true })
  @Index('invite_code_unique', { unique: true })
  codeHash!: Buffer | null;
}
