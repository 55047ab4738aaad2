import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts, the classes teachers lead, sessions, setup links and rate-limit counters. */
export class CreateStaffAndSessions1764176400000 implements MigrationInterface {
  name = 'CreateStaffAndSessions1764176400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES district (id),
        school_id uuid,
        role text NOT NULL CHECK (role IN ('district_admin', 'school_admin', 'teacher')),
        email text NOT NULL CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
        full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
        password_hash text,
        deactivated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT staff_user_email_unique UNIQUE (email),
        CONSTRAINT staff_user_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id),
        CONSTRAINT staff_user_scope_check CHECK ((role = 'district_admin') = (school_id IS NULL)),
        CONSTRAINT staff_user_id_school_unique UNIQUE (id, school_id)
      )`);
    await queryRunner.query(`CREATE INDEX staff_user_district_idx ON staff_user (district_id)`);
    await queryRunner.query(`CREATE INDEX staff_user_school_idx ON staff_user (school_id)`);

    await queryRunner.query(`
      CREATE TABLE teacher_class (
        staff_user_id uuid NOT NULL,
        class_id uuid NOT NULL,
        school_id uuid NOT NULL,
        district_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (staff_user_id, class_id),
        CONSTRAINT teacher_class_staff_fk FOREIGN KEY (staff_user_id, school_id)
          REFERENCES staff_user (id, school_id) ON DELETE CASCADE,
        CONSTRAINT teacher_class_class_fk FOREIGN KEY (class_id, school_id, district_id)
          REFERENCES school_class (id, school_id, district_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX teacher_class_class_idx ON teacher_class (class_id)`);

    await queryRunner.query(`
      CREATE TABLE staff_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        staff_user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT staff_session_token_unique UNIQUE (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX staff_session_user_idx ON staff_session (staff_user_id)`);

    await queryRunner.query(`
      CREATE TABLE staff_setup_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
        staff_user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT staff_setup_token_unique UNIQUE (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX staff_setup_token_user_idx ON staff_setup_token (staff_user_id)`);

    await queryRunner.query(`
      CREATE TABLE rate_limit_hit (
        bucket text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL CHECK (hits > 0)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_hit_window_idx ON rate_limit_hit (window_start)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_hit`);
    await queryRunner.query(`DROP TABLE staff_setup_token`);
    await queryRunner.query(`DROP TABLE staff_session`);
    await queryRunner.query(`DROP TABLE teacher_class`);
    await queryRunner.query(`DROP TABLE staff_user`);
  }
}
