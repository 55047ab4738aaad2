import { MigrationInterface, QueryRunner } from 'typeorm';

const STEPS = `'vk_id', 'sferum_profile', 'messenger'`;
const STEP_STATUSES = `'not_started', 'done', 'blocked'`;
const CHAT_STATUSES = `'not_joined', 'joined', 'blocked'`;
const REASONS = `'shared_phone', 'forgot_password', 'no_smartphone', 'no_vk_page_wanted', 'refuses_sferum', 'other'`;
const SOURCES = `'teacher', 'parent_link', 'import', 'admin'`;
const ITEMS = `'vk_id', 'sferum_profile', 'messenger', 'chat_class', 'chat_subject', 'chat_school'`;

/**
 * Families, students and parents; the chats; each person's state per step and
 * per chat; the append-only history of changes; and exact per-class counters.
 */
export class CreateRosterAndProgress1764180000000 implements MigrationInterface {
  name = 'CreateRosterAndProgress1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE school ADD COLUMN messenger text NOT NULL DEFAULT 'vk_messenger' CHECK (messenger IN ('vk_messenger', 'max'))`,
    );

    await queryRunner.query(`
      CREATE TABLE family (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT family_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id),
        CONSTRAINT family_id_school_unique UNIQUE (id, school_id, district_id)
      )`);
    await queryRunner.query(`CREATE INDEX family_school_idx ON family (school_id)`);

    await queryRunner.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        family_id uuid NOT NULL,
        class_id uuid,
        kind text NOT NULL CHECK (kind IN ('student', 'parent')),
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
        phone_hmac bytea CHECK (length(phone_hmac) = 32),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_family_fk FOREIGN KEY (family_id, school_id, district_id)
          REFERENCES family (id, school_id, district_id),
        CONSTRAINT person_class_fk FOREIGN KEY (class_id, school_id, district_id)
          REFERENCES school_class (id, school_id, district_id),
        CONSTRAINT person_student_has_class CHECK ((kind = 'student') = (class_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX person_class_idx ON person (class_id) WHERE class_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX person_family_idx ON person (family_id)`);
    await queryRunner.query(
      `CREATE INDEX person_phone_idx ON person (school_id, phone_hmac) WHERE phone_hmac IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE chat (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        class_id uuid,
        kind text NOT NULL CHECK (kind IN ('class', 'subject', 'school')),
        name text CHECK (name IS NULL OR length(btrim(name)) BETWEEN 1 AND 100),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chat_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id),
        CONSTRAINT chat_class_fk FOREIGN KEY (class_id, school_id, district_id)
          REFERENCES school_class (id, school_id, district_id),
        CONSTRAINT chat_school_has_no_class CHECK ((kind = 'school') = (class_id IS NULL)),
        CONSTRAINT chat_subject_has_name CHECK ((kind = 'subject') = (name IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX chat_one_class_chat ON chat (class_id) WHERE kind = 'class'`);
    await queryRunner.query(`CREATE UNIQUE INDEX chat_one_school_chat ON chat (school_id) WHERE kind = 'school'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX chat_subject_name_unique ON chat (class_id, lower(name)) WHERE kind = 'subject' AND archived_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE person_step (
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN (${STEPS})),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'not_started' CHECK (status IN (${STEP_STATUSES})),
        blocker_reason text CHECK (blocker_reason IN (${REASONS})),
        blocker_note text CHECK (length(blocker_note) <= 500),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_source text CHECK (updated_source IN (${SOURCES})),
        PRIMARY KEY (person_id, step),
        CONSTRAINT person_step_blocked_has_reason CHECK ((status = 'blocked') = (blocker_reason IS NOT NULL)),
        CONSTRAINT person_step_note_only_when_blocked CHECK (blocker_note IS NULL OR status = 'blocked')
      )`);

    await queryRunner.query(`
      CREATE TABLE chat_membership (
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        chat_id uuid NOT NULL REFERENCES chat (id) ON DELETE CASCADE,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'not_joined' CHECK (status IN (${CHAT_STATUSES})),
        blocker_reason text CHECK (blocker_reason IN (${REASONS})),
        blocker_note text CHECK (length(blocker_note) <= 500),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_source text CHECK (updated_source IN (${SOURCES})),
        PRIMARY KEY (person_id, chat_id),
        CONSTRAINT chat_membership_blocked_has_reason CHECK ((status = 'blocked') = (blocker_reason IS NOT NULL)),
        CONSTRAINT chat_membership_note_only_when_blocked CHECK (blocker_note IS NULL OR status = 'blocked')
      )`);
    await queryRunner.query(`CREATE INDEX chat_membership_chat_idx ON chat_membership (chat_id)`);

    await queryRunner.query(`
      CREATE TABLE progress_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        step text CHECK (step IN (${STEPS})),
        chat_id uuid REFERENCES chat (id) ON DELETE CASCADE,
        from_status text NOT NULL,
        to_status text NOT NULL,
        blocker_reason text CHECK (blocker_reason IN (${REASONS})),
        blocker_note text CHECK (length(blocker_note) <= 500),
        source text NOT NULL CHECK (source IN (${SOURCES})),
        actor_staff_id uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        change_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT progress_event_one_item CHECK ((step IS NULL) <> (chat_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX progress_event_person_idx ON progress_event (person_id, id)`);
    await queryRunner.query(`CREATE INDEX progress_event_school_time_idx ON progress_event (school_id, created_at)`);

    // Students of the class, and parents of the families with a student in it.
    await queryRunner.query(`
      CREATE TABLE class_progress (
        class_id uuid NOT NULL REFERENCES school_class (id) ON DELETE CASCADE,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        person_kind text NOT NULL CHECK (person_kind IN ('student', 'parent')),
        item text NOT NULL CHECK (item IN (${ITEMS})),
        status text NOT NULL CHECK (status IN (${STEP_STATUSES}, ${CHAT_STATUSES})),
        -- '' unless blocked: reports break the blocked down by reason
        blocker_reason text NOT NULL DEFAULT '' CHECK (blocker_reason IN ('', ${REASONS})),
        people integer NOT NULL CHECK (people >= 0),
        PRIMARY KEY (class_id, person_kind, item, status, blocker_reason)
      )`);
    await queryRunner.query(`CREATE INDEX class_progress_school_idx ON class_progress (school_id)`);
    await queryRunner.query(`CREATE INDEX class_progress_district_idx ON class_progress (district_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE class_progress`);
    await queryRunner.query(`DROP TABLE progress_event`);
    await queryRunner.query(`DROP TABLE chat_membership`);
    await queryRunner.query(`DROP TABLE person_step`);
    await queryRunner.query(`DROP TABLE chat`);
    await queryRunner.query(`DROP TABLE person`);
    await queryRunner.query(`DROP TABLE family`);
    await queryRunner.query(`ALTER TABLE school DROP COLUMN messenger`);
  }
}
