import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A school's saved mappings of class-list columns: a file whose headers the
 * import cannot read by itself (a journal's own export) is read the way a
 * teacher of the school once said, by the mapping's name. Headers and roles
 * only: no cell of any file is kept.
 */
export class ImportMappings1764208800000 implements MigrationInterface {
  name = 'ImportMappings1764208800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_mapping (
        school_id uuid NOT NULL,
        district_id uuid NOT NULL,
        name text NOT NULL CONSTRAINT import_mapping_name_trimmed CHECK (name = btrim(name))
                           CONSTRAINT import_mapping_name_length CHECK (length(name) BETWEEN 1 AND 100),
        mapping jsonb NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
        header_row integer NOT NULL CHECK (header_row BETWEEN 1 AND 100),
        updated_by uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_id, name),
        CONSTRAINT import_mapping_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_mapping`);
  }
}
