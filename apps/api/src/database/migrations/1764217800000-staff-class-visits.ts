import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each staff member last looked at each class, for «Что изменилось»: the
 * class page and the class cards show what happened since. One row per staff
 * member and class, moved forward only; it goes with either of them.
 */
export class StaffClassVisits1764217800000 implements MigrationInterface {
  name = 'StaffClassVisits1764217800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_class_visit (
        staff_user_id uuid NOT NULL,
        class_id uuid NOT NULL,
        seen_at timestamptz NOT NULL,
        CONSTRAINT staff_class_visit_pkey PRIMARY KEY (staff_user_id, class_id),
        CONSTRAINT staff_class_visit_staff_user_id_fkey FOREIGN KEY (staff_user_id)
          REFERENCES staff_user (id) ON DELETE CASCADE,
        CONSTRAINT staff_class_visit_class_id_fkey FOREIGN KEY (class_id)
          REFERENCES school_class (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX staff_class_visit_class_idx ON staff_class_visit (class_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE staff_class_visit`);
  }
}
