import { academicYearOf, type BlockerReason, type StaffRole, type StepId } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { ensureStandardChats, syncMemberships } from '../progress/chat-memberships';
import { recountClasses } from '../progress/class-counters';

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

type DemoState = 'done' | 'not_started' | { blocked: BlockerReason };

interface DemoPerson {
  name: string;
  /** the three steps in order; missing ones are not started */
  steps: DemoState[];
  /** set by the parent through their link, rather than by the teacher */
  byParent?: boolean;
  joinedClassChat?: boolean;
}

/** Families of 5А at every stage of the path; 1А stays empty to show an empty class. */
const DEMO_FAMILIES: ReadonlyArray<{ student: DemoPerson; parents: DemoPerson[] }> = [
  {
    student: { name: 'Иванов Пётр', steps: ['done', 'done', 'done'], joinedClassChat: true },
    parents: [{ name: 'Иванова Мария Сергеевна', steps: ['done', 'done', 'done'], byParent: true, joinedClassChat: true }],
  },
  {
    student: { name: 'Смирнова Алиса', steps: ['done', { blocked: 'forgot_password' }] },
    parents: [{ name: 'Смирнов Андрей Викторович', steps: ['done'], byParent: true }],
  },
  {
    student: { name: 'Кузнецов Даниил', steps: [{ blocked: 'shared_phone' }] },
    parents: [{ name: 'Кузнецова Ольга Петровна', steps: [{ blocked: 'shared_phone' }], byParent: true }],
  },
  {
    student: { name: 'Попова Вероника', steps: [] },
    parents: [
      { name: 'Попов Игорь Николаевич', steps: [] },
      { name: 'Попова Светлана Андреевна', steps: [] },
    ],
  },
  {
    student: { name: 'Соколов Артём', steps: [] },
    parents: [{ name: 'Соколова Елена Дмитриевна', steps: [{ blocked: 'refuses_sferum' }] }],
  },
  {
    student: { name: 'Лебедева Ксения', steps: ['done', 'done', 'done'] },
    parents: [{ name: 'Лебедев Максим Олегович', steps: ['done', 'done', 'done'] }],
  },
];

const STEP_ORDER: StepId[] = ['vk_id', 'sferum_profile', 'messenger'];

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
    if (added > 0) {
      await seedDemoFamilies(tx);
    }
    return added;
  });
}

/** Fixed ids: the families go in with the district, once. */
async function seedDemoFamilies(tx: EntityManager): Promise<void> {
  const teacherId = DEMO_ACCOUNTS.find((account) => account.email === 'teacher@sferum-demo.test')!.id;
  const familyIds: string[] = [];
  for (const [index, family] of DEMO_FAMILIES.entries()) {
    const familyId = `00000000-0000-4000-8000-0000000200${String(index + 10)}`;
    familyIds.push(familyId);
    await tx.query(`INSERT INTO family (id, school_id, district_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      familyId,
      DEMO_IDS.school,
      DEMO_IDS.district,
    ]);
    const people = [
      { person: family.student, kind: 'student', classId: DEMO_IDS.class5A },
      ...family.parents.map((person) => ({ person, kind: 'parent', classId: null })),
    ];
    for (const { person, kind, classId } of people) {
      const [row] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [DEMO_IDS.district, DEMO_IDS.school, familyId, classId, kind, person.name],
      );
      const source = person.byParent ? 'parent_link' : 'teacher';
      for (const [position, step] of STEP_ORDER.entries()) {
        const state = person.steps[position] ?? 'not_started';
        const status = typeof state === 'string' ? state : 'blocked';
        const reason = typeof state === 'string' ? null : state.blocked;
        await tx.query(
          `INSERT INTO person_step (person_id, step, district_id, school_id, status, blocker_reason, updated_source)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [row.id, step, DEMO_IDS.district, DEMO_IDS.school, status, reason, status === 'not_started' ? null : source],
        );
        if (status !== 'not_started') {
          await tx.query(
            `INSERT INTO progress_event (district_id, school_id, person_id, step, from_status, to_status, blocker_reason, source, actor_staff_id, change_id)
             VALUES ($1, $2, $3, $4, 'not_started', $5, $6, $7, $8, gen_random_uuid())`,
            [DEMO_IDS.district, DEMO_IDS.school, row.id, step, status, reason, source, person.byParent ? null : teacherId],
          );
        }
      }
      if (person.joinedClassChat) {
        await ensureStandardChats(tx, [DEMO_IDS.class5A]);
        await syncMemberships(tx, [familyId]);
        await tx.query(
          `UPDATE chat_membership SET status = 'joined', updated_source = $2
           WHERE person_id = $1 AND chat_id = (SELECT id FROM chat WHERE class_id = $3 AND kind = 'class')`,
          [row.id, source, DEMO_IDS.class5A],
        );
      }
    }
  }
  await ensureStandardChats(tx, [DEMO_IDS.class1A, DEMO_IDS.class5A, DEMO_IDS.class5B, DEMO_IDS.class9V]);
  await syncMemberships(tx, familyIds);
  await recountClasses(tx, [DEMO_IDS.class5A]);
  await seedDemoHistory(tx);
}

const DEMO_HISTORY_DAYS = 14;

/**
 * Two weeks of snapshots for 5А so that the district's chart has a line to
 * show: today's counters, with fewer steps done the further back.
 */
async function seedDemoHistory(tx: EntityManager): Promise<void> {
  const counters = await tx.query<Array<{ person_kind: string; item: string; status: string; blocker_reason: string; people: number }>>(
    `SELECT person_kind, item, status, blocker_reason, people FROM class_progress WHERE class_id = $1`,
    [DEMO_IDS.class5A],
  );
  for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
    const share = 1 - daysAgo / (DEMO_HISTORY_DAYS + 1);
    const earlier = counters.flatMap((row) => {
      if (row.status !== 'done' && row.status !== 'joined') return [row];
      const kept = Math.round(row.people * share);
      const notYet = row.status === 'done' ? 'not_started' : 'not_joined';
      return [
        { ...row, people: kept },
        { ...row, status: notYet, people: row.people - kept },
      ];
    });
    await tx.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, counters, source)
       VALUES ($1, timezone('Europe/Moscow', now())::date - $2::int, $3, $4, $5::jsonb, 'counters')
       ON CONFLICT (class_id, day) DO NOTHING`,
      [DEMO_IDS.class5A, daysAgo, DEMO_IDS.district, DEMO_IDS.school, JSON.stringify(earlier.filter((row) => row.people > 0))],
    );
  }
}
