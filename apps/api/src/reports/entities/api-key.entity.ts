import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A district's reporting key: stored hashed, revocable. */
@Entity({ name: 'api_key' })
@Unique('api_key_hash_unique', ['keyHash'])
@Check('api_key_name_check', `length(btrim(name)) BETWEEN 1 AND 100`)
@Check('api_key_key_hash_check', `length(key_hash) = 32`)
export class ApiKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_key_pkey' })
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  @ForeignKey('district', { name: 'api_key_district_id_fkey' })
  @Index('api_key_district_idx')
  districtId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'key_hash', type: 'bytea' })
  keyHash!: Buffer;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'api_key_created_by_fkey', onDelete: 'SET NULL' })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
