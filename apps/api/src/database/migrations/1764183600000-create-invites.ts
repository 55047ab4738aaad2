import { MigrationInterface, QueryRunner } from 'typeorm';

/** Parent links: one active per family, the token kept only as a hash and encrypted. */
export class CreateInvites1764183600000 implements MigrationInterface {
  name = 'CreateInvites1764183600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE invite (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        -- AES-256-GCM: 12-byte IV, the ciphertext, 16-byte tag
        token_encrypted bytea NOT NULL CHECK (length(token_encrypted) > 28),
        created_by uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        first_opened_at timestamptz,
        last_opened_at timestamptz,
        CONSTRAINT invite_token_unique UNIQUE (token_hash),
        CONSTRAINT invite_family_fk FOREIGN KEY (family_id, school_id, district_id)
          REFERENCES family (id, school_id, district_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX invite_one_active_per_family ON invite (family_id) WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE family ADD COLUMN last_reminded_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE family DROP COLUMN last_reminded_at`);
    await queryRunner.query(`DROP TABLE invite`);
  }
}
