import { MigrationInterface, QueryRunner } from 'typeorm';

/** District reporting keys: stored hashed, revocable, one district each. */
export class CreateApiKeys1764187200000 implements MigrationInterface {
  name = 'CreateApiKeys1764187200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES district (id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        created_by uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_key_hash_unique UNIQUE (key_hash)
      )`);
    await queryRunner.query(`CREATE INDEX api_key_district_idx ON api_key (district_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
  }
}
