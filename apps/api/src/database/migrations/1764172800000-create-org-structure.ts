import { MigrationInterface, QueryRunner } from 'typeorm';

/** Districts, their schools and the schools' classes; every row names its district. */
export class CreateOrgStructure1764172800000 implements MigrationInterface {
  name = 'CreateOrgStructure1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE district (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT district_name_unique UNIQUE (name)
      )`);
    await queryRunner.query(`
      CREATE TABLE school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL REFERENCES district (id),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_name_unique UNIQUE (district_id, name),
        -- lets child rows reference (school, district) together, so they cannot disagree
        CONSTRAINT school_id_district_unique UNIQUE (id, district_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE school_class (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 11),
        letter text NOT NULL CHECK (letter ~ '^[А-ЯЁ]$'),
        academic_year text NOT NULL CHECK (
          academic_year ~ '^[0-9]{4}/[0-9]{4}$'
          AND split_part(academic_year, '/', 2)::int = split_part(academic_year, '/', 1)::int + 1
        ),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_class_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id),
        CONSTRAINT school_class_unique UNIQUE (school_id, academic_year, grade, letter),
        CONSTRAINT school_class_id_school_unique UNIQUE (id, school_id, district_id)
      )`);
    await queryRunner.query(`CREATE INDEX school_district_idx ON school (district_id)`);
    await queryRunner.query(`CREATE INDEX school_class_district_idx ON school_class (district_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE school_class`);
    await queryRunner.query(`DROP TABLE school`);
    await queryRunner.query(`DROP TABLE district`);
  }
}
