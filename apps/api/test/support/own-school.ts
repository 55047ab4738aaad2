import { DataSource } from 'typeorm';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { hashPassword } from '../../src/auth/passwords';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TEST_PASSWORD, unique } from '../factories/org.factory';
import { createMigratedDatabase } from './test-database';
import { firstOf } from './pick';

/** A migrated database of its own with one district, school, class and its teacher; for tests that run the API as a process. */
export interface OwnSchool {
  databaseUrl: string;
  /** The test's own connections to that database, to look behind the API's back. */
  dataSource: DataSource;
  schoolId: string;
  classId: string;
  teacherEmail: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/** On the run's server, or on `serverUrl`: a server of the test's own (one it stops, freezes or kills). */
export async function createOwnSchool(serverUrl = process.env.TEST_SERVER_URL): Promise<OwnSchool> {
  if (!serverUrl) throw new Error('TEST_SERVER_URL is not set: run the end-to-end tests through jest.e2e.config.cjs');
  const database = await createMigratedDatabase(serverUrl);
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 4 }));
  await dataSource.initialize();
  const one = async (sql: string, parameters: unknown[]): Promise<string> =>
    firstOf(await dataSource.query<Array<{ id: string }>>(sql, parameters)).id;

  const districtId = await one(`INSERT INTO district (name) VALUES ($1) RETURNING id`, [`Район ${unique()}`]);
  const schoolId = await one(`INSERT INTO school (district_id, name) VALUES ($1, $2) RETURNING id`, [
    districtId,
    `Школа ${unique()}`,
  ]);
  const classId = await one(
    `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year) VALUES ($1, $2, 5, 'А', '2026/2027') RETURNING id`,
    [districtId, schoolId],
  );
  const teacherEmail = `teacher.${unique()}@school.test`;
  const teacherId = await one(
    `INSERT INTO staff_user (district_id, school_id, role, email, full_name, password_hash)
     VALUES ($1, $2, 'teacher', $3, 'Тестовый учитель', $4) RETURNING id`,
    [districtId, schoolId, teacherEmail, await hashPassword(TEST_PASSWORD)],
  );
  await dataSource.query(
    `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id) VALUES ($1, $2, $3, $4)`,
    [teacherId, classId, schoolId, districtId],
  );
  return {
    databaseUrl: database.url,
    dataSource,
    schoolId,
    classId,
    teacherEmail,
    drop: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** A supertest agent signed in over HTTP at `baseUrl` (an API process), keeping the session cookie. */
export async function signInAt(baseUrl: string, email: string): Promise<TestAgent> {
  const agent = request.agent(baseUrl);
  await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  return agent;
}

/** A class list of `rows` students, each with a parent with a phone of their own, as the import-export test builds it. */
export function classListCsv(rows: number, { prefix = '', firstPhone = 0 } = {}): Buffer {
  const lines = ['Ученик;Телефон ученика;Родитель 1;Телефон родителя 1'];
  for (let n = 0; n < rows; n += 1) {
    lines.push(`Ученик ${prefix}Номер${n};;Родитель ${prefix}Номер${n};+7 9${String(firstPhone + n).padStart(9, '0')}`);
  }
  return Buffer.from(lines.join('\n'));
}
