import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_SOURCES = `'teacher', 'parent_link', 'import', 'admin'`;
const SOURCES = `'teacher', 'parent_link', 'import', 'admin', 'member_list'`;

/** The columns that say who made a change, and their check constraints (named by PostgreSQL after the column). */
const SOURCE_COLUMNS = [
  ['person_step', 'updated_source'],
  ['chat_membership', 'updated_source'],
  ['progress_event', 'source'],
  ['person', 'opt_out_source'],
] as const;

/**
 * The new school year and chat member lists:
 * - a log of each school's move to a new year, one per school and year (a
 *   second run is refused by the unique key), with the erasure period;
 * - `erase_after` on a class archived at the end of the year: its leavers'
 *   personal data goes on that day (the daily job), its aggregates stay;
 * - `member_list` as a source of changes: a chat's member list pasted by the
 *   teacher marks the people found in it as joined.
 */
export class SchoolYearAndMemberLists1764212400000 implements MigrationInterface {
  name = 'SchoolYearAndMemberLists1764212400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE school_year_rollover (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        from_year text NOT NULL CHECK (from_year ~ '^\\d{4}/\\d{4}$'),
        to_year text NOT NULL CHECK (to_year ~ '^\\d{4}/\\d{4}$'),
        erasure_days integer NOT NULL CHECK (erasure_days BETWEEN 0 AND 365),
        actor_staff_id uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        done_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_year_rollover_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id) ON DELETE CASCADE,
        CONSTRAINT school_year_rollover_once UNIQUE (school_id, to_year)
      )`);
    await queryRunner.query(`ALTER TABLE school_class ADD COLUMN erase_after date`);
    await queryRunner.query(
      `ALTER TABLE school_class ADD CONSTRAINT school_class_erase_after_archived CHECK (erase_after IS NULL OR archived_at IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX school_class_erase_after_idx ON school_class (erase_after) WHERE erase_after IS NOT NULL`,
    );
    for (const [table, column] of SOURCE_COLUMNS) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check`);
      await queryRunner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN (${SOURCES}))`,
      );
    }
  }

  /** Changes recorded from member lists are kept, as the teacher's: the old schema has no such source. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of SOURCE_COLUMNS) {
      await queryRunner.query(`UPDATE ${table} SET ${column} = 'teacher' WHERE ${column} = 'member_list'`);
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_check`);
      await queryRunner.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check CHECK (${column} IN (${OLD_SOURCES}))`,
      );
    }
    await queryRunner.query(`DROP INDEX school_class_erase_after_idx`);
    await queryRunner.query(`ALTER TABLE school_class DROP CONSTRAINT school_class_erase_after_archived`);
    await queryRunner.query(`ALTER TABLE school_class DROP COLUMN erase_after`);
    await queryRunner.query(`DROP TABLE school_year_rollover`);
  }
}
