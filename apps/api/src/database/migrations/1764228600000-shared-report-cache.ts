import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting API's recent district reports, in PostgreSQL instead of each
 * API process's memory, so that every copy of the API serves the same report
 * (and ETag) until it expires. `json`, not `jsonb`: the text is served as
 * counted, keys in their order. UNLOGGED: a cache lost in a crash is only
 * counted again, and writing it waits for no WAL flush.
 */
export class SharedReportCache1764228600000 implements MigrationInterface {
  name = 'SharedReportCache1764228600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE district_report_cache (
         district_id uuid NOT NULL,
         report json NOT NULL,
         counted_at timestamptz NOT NULL,
         CONSTRAINT district_report_cache_pkey PRIMARY KEY (district_id)
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE district_report_cache`);
  }
}
