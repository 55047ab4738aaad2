import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/passwords';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { firstOf } from '../support/pick';

export const TEST_PASSWORD = 'correct-horse-battery';

/** Rows straight into the test database: fast, and independent of the endpoints under test. */
export class OrgFactory {
  private passwordHash?: Promise<string>;

  private constructor(readonly dataSource: DataSource) {}

  static async connect(): Promise<OrgFactory> {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
    await dataSource.initialize();
    return new OrgFactory(dataSource);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }

  async district(name = `Район ${unique()}`): Promise<string> {
    return this.insert(`INSERT INTO district (name) VALUES ($1) RETURNING id`, [name]);
  }

  /**
   * A school on the given onboarding path. The tests written for the VK era
   * keep the legacy `vk` path by default; today's `max` is asked for by name.
   */
  async school(districtId: string, name = `Школа ${unique()}`, pathId = 'vk'): Promise<string> {
    return this.insert(`INSERT INTO school (district_id, name, path_id) VALUES ($1, $2, $3) RETURNING id`, [
      districtId,
      name,
      pathId,
    ]);
  }

  async schoolClass(schoolId: string, grade = 5, letter = 'А', academicYear = '2026/2027'): Promise<string> {
    return this.insert(
      `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
       SELECT district_id, id, $2, $3, $4 FROM school WHERE id = $1 RETURNING id`,
      [schoolId, grade, letter, academicYear],
    );
  }

  /** A staff account with TEST_PASSWORD (or none, waiting for setup); returns its id and e-mail. */
  async staff(
    role: StaffRole,
    place: { districtId: string; schoolId?: string },
    options: { withPassword?: boolean; classIds?: string[] } = {},
  ): Promise<{ id: string; email: string }> {
    const email = `${role}.${unique()}@school.test`;
    const hash = options.withPassword === false ? null : await this.testPasswordHash();
    const id = await this.insert(
      `INSERT INTO staff_user (district_id, school_id, role, email, full_name, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [place.districtId, place.schoolId ?? null, role, email, `Тестовый ${role}`, hash],
    );
    for (const classId of options.classIds ?? []) {
      await this.dataSource.query(
        `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
         SELECT $1, id, school_id, district_id FROM school_class WHERE id = $2`,
        [id, classId],
      );
    }
    return { id, email };
  }

  async count(sql: string, parameters: unknown[] = []): Promise<number> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(sql, parameters);
    return Number(Object.values(rows[0] ?? {})[0]);
  }

  private testPasswordHash(): Promise<string> {
    this.passwordHash ??= hashPassword(TEST_PASSWORD);
    return this.passwordHash;
  }

  private async insert(sql: string, parameters: unknown[]): Promise<string> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(sql, parameters);
    return firstOf(rows).id;
  }
}

export function unique(): string {
  return randomUUID().slice(0, 8);
}
