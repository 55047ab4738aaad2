import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups that scanned whole tables at the size of a region (docs/benchmarks.md):
 * - a school's chats, read by the class page and by every membership sync (imports, moves);
 * - a family's links, which each family erasure cascades to;
 * - a chat's history, which deleting a chat cascades to.
 */
export class IndexLookupsFoundByBenchmarks1764194400000 implements MigrationInterface {
  name = 'IndexLookupsFoundByBenchmarks1764194400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX chat_school_idx ON chat (school_id)`);
    await queryRunner.query(`CREATE INDEX invite_family_idx ON invite (family_id)`);
    await queryRunner.query(
      `CREATE INDEX progress_event_chat_idx ON progress_event (chat_id) WHERE chat_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX progress_event_chat_idx`);
    await queryRunner.query(`DROP INDEX invite_family_idx`);
    await queryRunner.query(`DROP INDEX chat_school_idx`);
  }
}
