import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per class and day: that day's counters, for the charts over time. */
export class CreateProgressSnapshots1764190800000 implements MigrationInterface {
  name = 'CreateProgressSnapshots1764190800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE progress_snapshot (
        class_id uuid NOT NULL REFERENCES school_class (id) ON DELETE CASCADE,
        day date NOT NULL,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        -- [{"person_kind", "item", "status", "blocker_reason", "people"}]: the class_progress rows of that day
        counters jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        -- 'counters' when copied at the end of the day, 'events' when rebuilt after downtime
        source text NOT NULL CHECK (source IN ('counters', 'events')),
        PRIMARY KEY (class_id, day)
      )`);
    await queryRunner.query(`CREATE INDEX progress_snapshot_district_day_idx ON progress_snapshot (district_id, day)`);
    await queryRunner.query(`CREATE INDEX progress_snapshot_school_day_idx ON progress_snapshot (school_id, day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE progress_snapshot`);
  }
}
