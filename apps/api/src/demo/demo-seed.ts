import { academicYearOf } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';

/** Fixed ids make the demo data idempotent: a second load finds every row in place. */
export const DEMO_IDS = {
  district: '00000000-0000-4000-8000-000000000001',
  school: '00000000-0000-4000-8000-000000000101',
} as const;

const DEMO_CLASSES: ReadonlyArray<{ id: string; grade: number; letter: string }> = [
  { id: '00000000-0000-4000-8000-000000001001', grade: 1, letter: 'А' },
  { id: '00000000-0000-4000-8000-000000001002', grade: 5, letter: 'А' },
  { id: '00000000-0000-4000-8000-000000001003', grade: 5, letter: 'Б' },
  { id: '00000000-0000-4000-8000-000000001004', grade: 9, letter: 'В' },
];

/** Loads a small demo district once; returns how many rows it added (0 on a second run). */
export async function seedDemoData(manager: EntityManager, today = new Date()): Promise<number> {
  const academicYear = academicYearOf(today);
  return manager.transaction(async (tx) => {
    let added = 0;
    const insert = async (sql: string, parameters: unknown[]): Promise<void> => {
      const result: unknown = await tx.query(sql, parameters);
      added += Array.isArray(result) ? result.length : 0;
    };
    await insert(
      `INSERT INTO district (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
      [DEMO_IDS.district, 'Управление образования г. Светлогорска (демо)'],
    );
    await insert(
      `INSERT INTO school (id, district_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [DEMO_IDS.school, DEMO_IDS.district, 'Средняя школа № 7 (демо)'],
    );
    for (const schoolClass of DEMO_CLASSES) {
      await insert(
        `INSERT INTO school_class (id, district_id, school_id, grade, letter, academic_year)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [schoolClass.id, DEMO_IDS.district, DEMO_IDS.school, schoolClass.grade, schoolClass.letter, academicYear],
      );
    }
    return added;
  });
}
