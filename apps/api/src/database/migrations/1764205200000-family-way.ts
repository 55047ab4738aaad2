import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What takes a family from the letter to the chat:
 * - a chat's invitation link, pasted by the teacher from MAX or Sferum (the
 *   API checks it is https on a host of the school's path);
 * - a short code per parent link, stored only as its SHA-256 (the code itself
 *   is derived from the link's token with a key, so the teacher can print it
 *   again); filled for existing links by the API at start;
 * - the class teacher's contact for parents and a deadline, per class.
 */
export class FamilyWay1764205200000 implements MigrationInterface {
  name = 'FamilyWay1764205200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE chat ADD COLUMN invite_url text CONSTRAINT chat_invite_url_https CHECK (invite_url ~ '^https://[^\\s]+$' AND length(invite_url) <= 500)`,
    );
    await queryRunner.query(
      `ALTER TABLE invite ADD COLUMN code_hash bytea CONSTRAINT invite_code_hash_length CHECK (length(code_hash) = 32)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX invite_code_unique ON invite (code_hash)`);
    await queryRunner.query(
      `ALTER TABLE school_class ADD COLUMN parent_contact text CONSTRAINT school_class_parent_contact_length CHECK (length(btrim(parent_contact)) BETWEEN 1 AND 300)`,
    );
    await queryRunner.query(`ALTER TABLE school_class ADD COLUMN deadline date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE school_class DROP COLUMN deadline`);
    await queryRunner.query(`ALTER TABLE school_class DROP COLUMN parent_contact`);
    await queryRunner.query(`DROP INDEX invite_code_unique`);
    await queryRunner.query(`ALTER TABLE invite DROP COLUMN code_hash`);
    await queryRunner.query(`ALTER TABLE chat DROP COLUMN invite_url`);
  }
}
