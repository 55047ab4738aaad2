import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters without WAL: a hit is no longer a commit waiting on
 * fsync (every parent page view counted one). The table stays in PostgreSQL,
 * so every copy of the API still shares it; what UNLOGGED gives up is fine for
 * counters of the last minutes: PostgreSQL empties the table after a crash
 * (everyone starts with a fresh window), and a streaming replica cannot read
 * it (every limit is a write, decided on the primary).
 */
export class UnloggedRateLimits1764221400000 implements MigrationInterface {
  name = 'UnloggedRateLimits1764221400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_hit SET UNLOGGED`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_limit_hit SET LOGGED`);
  }
}
