import { academicYearOf, type StaffRole } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';

/** Fixed ids make the demo data idempotent: a second load finds every row in place. */
export const DEMO_IDS = {
  district: '00000000-0000-4000-8000-000000000001',
  school: '00000000-0000-4000-8000-000000000101',
  class1A: '00000000-0000-4000-8000-000000001001',
  class5A: '00000000-0000-4000-8000-000000001002',
  class5B: '00000000-0000-4000-8000-000000001003',
  class9V: '00000000-0000-4000-8000-000000001004',
} as const;

const DEMO_CLASSES: ReadonlyArray<{ id: string; grade: number; letter: string }> = [
  { id: DEMO_IDS.class1A, grade: 1, letter: 'А' },
  { id: DEMO_IDS.class5A, grade: 5, letter: 'А' },
  { id: DEMO_IDS.class5B, grade: 5, letter: 'Б' },
  { id: DEMO_IDS.class9V, grade: 9, letter: 'В' },
];

interface DemoAccount {
  id: string;
  role: StaffRole;
  email: string;
  fullName: string;
  /** null: the account waits for its setup link */
  password: string | null;
  classIds: string[];
}

/** Printed by `npm start`; demo data only, never a real school's. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    id: '00000000-0000-4000-8000-000000010001',
    role: 'district_admin',
    email: 'district@sferum-demo.test',
    fullName: 'Орлова Наталья Викторовна',
    password: 'demo-district-2026',
    classIds: [],
  },
  {
    id: '00000000-0000-4000-8000-000000010002',
    role: 'school_admin',
    email: 'school@sferum-demo.test',
    fullName: 'Кузнецов Андрей Павлович',
    password: 'demo-school-2026',
    classIds: [],
  },
  {
    id: '00000000-0000-4000-8000-000000010003',
    role: 'teacher',
    email: 'teacher@sferum-demo.test',
    fullName: 'Смирнова Елена Игоревна',
    password: 'demo-teacher-2026',
    classIds: [DEMO_IDS.class1A, DEMO_IDS.class5A],
  },
  {
    id: '00000000-0000-4000-8000-000000010004',
    role: 'teacher',
    email: 'volkova@sferum-demo.test',
    fullName: 'Волкова Ольга Сергеевна',
    password: null,
    classIds: [DEMO_IDS.class5B, DEMO_IDS.class9V],
  },
];

/** Loads a small demo district once; returns how many rows it added (0 on a second run). */
export async function seedDemoData(manager: EntityManager, today = new Date()): Promise<number> {
  const academicYear = academicYearOf(today);
  const passwordHashes = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    if (account.password) passwordHashes.set(account.id, await hashPassword(account.password));
  }
  return manager.transaction(async (tx) => {
    let added = 0;
    const insert = async (sql: string, parameters: unknown[]): Promise<void> => {
      const result: unknown = await tx.query(`${sql} ON CONFLICT DO NOTHING RETURNING 1`, parameters);
      added += Array.isArray(result) ? result.length : 0;
    };
    await insert(`INSERT INTO district (id, name) VALUES ($1, $2)`, [
      DEMO_IDS.district,
      'Управление образования г. Светлогорска (демо)',
    ]);
    await insert(`INSERT INTO school (id, district_id, name) VALUES ($1, $2, $3)`, [
      DEMO_IDS.school,
      DEMO_IDS.district,
      'Средняя школа № 7 (демо)',
    ]);
    for (const schoolClass of DEMO_CLASSES) {
      await insert(
        `INSERT INTO school_class (id, district_id, school_id, grade, letter, academic_year) VALUES ($1, $2, $3, $4, $5, $6)`,
        [schoolClass.id, DEMO_IDS.district, DEMO_IDS.school, schoolClass.grade, schoolClass.letter, academicYear],
      );
    }
    for (const account of DEMO_ACCOUNTS) {
      const schoolId = account.role === 'district_admin' ? null : DEMO_IDS.school;
      await insert(
        `INSERT INTO staff_user (id, district_id, school_id, role, email, full_name, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [account.id, DEMO_IDS.district, schoolId, account.role, account.email, account.fullName, passwordHashes.get(account.id) ?? null],
      );
      for (const classId of account.classIds) {
        await insert(
          `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id) VALUES ($1, $2, $3, $4)`,
          [account.id, classId, DEMO_IDS.school, DEMO_IDS.district],
        );
      }
    }
    return added;
  });
}
