import {
  academicYearOf,
  MAX_PATH,
  stepIdsOf,
  VK_PATH,
  type BlockerReason,
  type OnboardingPath,
  type OptOutChannel,
  type PersonKind,
  type StaffRole,
  belongsToSchool,
} from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../progress/class-counters.repository';
import { DemoSeedRepository } from './demo-seed.repository';
import { elementAt } from '../common/element-at';

/** The demo writes through the same repositories as the API where they fit, and its own for the rest; none needs anything injected. */
const chats = new ChatMembershipsRepository();
const counters = new ClassCountersRepository();
const demo = new DemoSeedRepository();

/** Fixed ids make the demo data idempotent: a second load finds every row in place. */
export const DEMO_IDS = {
  district: '00000000-0000-4000-8000-000000000001',
  school: '00000000-0000-4000-8000-000000000101',
  vkSchool: '00000000-0000-4000-8000-000000000102',
  class1A: '00000000-0000-4000-8000-000000001001',
  class5A: '00000000-0000-4000-8000-000000001002',
  class5B: '00000000-0000-4000-8000-000000001003',
  class9V: '00000000-0000-4000-8000-000000001004',
  class6B: '00000000-0000-4000-8000-000000001005',
} as const;

const DEMO_CLASSES: ReadonlyArray<{ id: string; schoolId: string; grade: number; letter: string }> = [
  { id: DEMO_IDS.class1A, schoolId: DEMO_IDS.school, grade: 1, letter: 'А' },
  { id: DEMO_IDS.class5A, schoolId: DEMO_IDS.school, grade: 5, letter: 'А' },
  { id: DEMO_IDS.class5B, schoolId: DEMO_IDS.school, grade: 5, letter: 'Б' },
  { id: DEMO_IDS.class9V, schoolId: DEMO_IDS.school, grade: 9, letter: 'В' },
  { id: DEMO_IDS.class6B, schoolId: DEMO_IDS.vkSchool, grade: 6, letter: 'Б' },
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

type DemoState = 'done' | 'not_started' | { blocked: BlockerReason; note?: string };

interface DemoPerson {
  name: string;
  /** the steps of the school's path in order; missing ones are not started */
  steps: DemoState[];
  /** set by the parent through their link, rather than by the teacher */
  byParent?: boolean;
  /** their class chat (on MAX, the one for their audience) */
  classChat?: 'joined' | { blocked: BlockerReason };
  /** does not use Sferum/MAX: how the school keeps them informed */
  optOut?: { channel: OptOutChannel; note?: string };
}

interface DemoFamily {
  student: DemoPerson;
  parents: DemoPerson[];
}

/**
 * Families of 5А (MAX) at every stage of the path, each MAX blocker once, and
 * two that chose not to use MAX; 1А stays empty to show an empty class.
 */
const DEMO_MAX_FAMILIES: readonly DemoFamily[] = [
  {
    student: { name: 'Иванов Пётр', steps: ['done', 'done'], classChat: 'joined' },
    parents: [{ name: 'Иванова Мария Сергеевна', steps: ['done', 'done'], byParent: true, classChat: 'joined' }],
  },
  {
    student: { name: 'Смирнова Алиса', steps: ['done', { blocked: 'role_not_confirmed' }] },
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
    parents: [{ name: 'Соколова Елена Дмитриевна', steps: [], byParent: true, optOut: { channel: 'e_diary' } }],
  },
  {
    student: { name: 'Лебедева Ксения', steps: ['done', 'done'], classChat: 'joined' },
    parents: [{ name: 'Лебедев Максим Олегович', steps: ['done', 'done'], classChat: 'joined' }],
  },
  {
    student: { name: 'Новиков Тимофей', steps: ['done', 'done'] },
    parents: [{ name: 'Новикова Анна Игоревна', steps: ['done', { blocked: 'number_mismatch' }], byParent: true }],
  },
  {
    student: { name: 'Морозова Ева', steps: ['done'] },
    parents: [{ name: 'Морозов Сергей Алексеевич', steps: [{ blocked: 'foreign_number' }], byParent: true }],
  },
  {
    student: { name: 'Волков Глеб', steps: ['done', 'done'], classChat: 'joined' },
    parents: [
      {
        name: 'Волкова Ирина Олеговна',
        steps: ['done', 'done'],
        byParent: true,
        classChat: { blocked: 'chat_missing' },
      },
    ],
  },
  {
    student: { name: 'Зайцева Полина', steps: ['done', 'done'] },
    parents: [{ name: 'Зайцев Роман Евгеньевич', steps: ['done', { blocked: 'account_locked' }], byParent: true }],
  },
  {
    student: { name: 'Павлов Марк', steps: [] },
    parents: [{ name: 'Павлова Дарья Сергеевна', steps: [{ blocked: 'old_phone' }], byParent: true }],
  },
  {
    student: { name: 'Семёнова Алина', steps: ['done'] },
    parents: [{ name: 'Семёнов Олег Викторович', steps: [{ blocked: 'no_smartphone' }] }],
  },
  {
    student: { name: 'Голубев Лев', steps: [] },
    parents: [
      {
        name: 'Голубева Вера Николаевна',
        steps: [{ blocked: 'other', note: 'Сын в лагере до конца недели, подключимся после' }],
        byParent: true,
      },
    ],
  },
  {
    student: { name: 'Виноградова Мила', steps: [], optOut: { channel: 'paper' } },
    parents: [{ name: 'Виноградов Павел Андреевич', steps: [], byParent: true, optOut: { channel: 'paper' } }],
  },
];

/** The legacy VK school's 6Б: data recorded before MAX, kept on the VK path. */
const DEMO_VK_FAMILIES: readonly DemoFamily[] = [
  {
    student: { name: 'Орлов Никита', steps: ['done', 'done', 'done'], classChat: 'joined' },
    parents: [{ name: 'Орлова Татьяна Юрьевна', steps: ['done', 'done', 'done'], classChat: 'joined' }],
  },
  {
    student: { name: 'Фёдорова Дарина', steps: ['done', { blocked: 'forgot_password' }] },
    parents: [{ name: 'Фёдоров Илья Петрович', steps: [{ blocked: 'shared_phone' }] }],
  },
  {
    student: { name: 'Михайлов Егор', steps: [] },
    parents: [{ name: 'Михайлова Оксана Викторовна', steps: ['done'] }],
  },
];

/** The MAX school's own note on a step, shown to its parents. */
const DEMO_STEP_NOTE = {
  step: 'school_profile',
  note: 'Роль подтверждает администратор Сферума Ирина Петровна, каб. 12',
};

/** Loads a small demo district once; returns how many rows it added (0 on a second run). */
export async function seedDemoData(manager: EntityManager, today = new Date()): Promise<number> {
  const academicYear = academicYearOf(today);
  const passwordHashes = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    if (account.password) passwordHashes.set(account.id, await hashPassword(account.password));
  }
  return manager.transaction(async (tx) => {
    let added = await demo.insertDistrict(tx, DEMO_IDS.district, 'Управление образования г. Светлогорска (демо)');
    added += await demo.insertSchool(tx, {
      id: DEMO_IDS.school,
      districtId: DEMO_IDS.district,
      name: 'Средняя школа № 7 (демо)',
      pathId: MAX_PATH.id,
    });
    added += await demo.insertSchool(tx, {
      id: DEMO_IDS.vkSchool,
      districtId: DEMO_IDS.district,
      name: 'Гимназия № 3 (демо, VK)',
      pathId: VK_PATH.id,
    });
    for (const schoolClass of DEMO_CLASSES) {
      added += await demo.insertClass(tx, { ...schoolClass, districtId: DEMO_IDS.district, academicYear });
    }
    for (const account of DEMO_ACCOUNTS) {
      added += await demo.insertStaffUser(tx, {
        id: account.id,
        districtId: DEMO_IDS.district,
        schoolId: belongsToSchool(account.role) ? DEMO_IDS.school : null,
        role: account.role,
        email: account.email,
        fullName: account.fullName,
        passwordHash: passwordHashes.get(account.id) ?? null,
      });
      for (const classId of account.classIds) {
        added += await demo.insertTeacherClass(tx, account.id, classId, DEMO_IDS.school, DEMO_IDS.district);
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
  await chats.ensureStandardChats(tx, MAX_PATH, [
    DEMO_IDS.class1A,
    DEMO_IDS.class5A,
    DEMO_IDS.class5B,
    DEMO_IDS.class9V,
  ]);
  await chats.ensureStandardChats(tx, VK_PATH, [DEMO_IDS.class6B]);
  await seedClassFamilies(
    tx,
    { schoolId: DEMO_IDS.school, classId: DEMO_IDS.class5A, path: MAX_PATH, teacherId, firstFamily: 10 },
    DEMO_MAX_FAMILIES,
  );
  await seedClassFamilies(
    tx,
    { schoolId: DEMO_IDS.vkSchool, classId: DEMO_IDS.class6B, path: VK_PATH, teacherId: null, firstFamily: 40 },
    DEMO_VK_FAMILIES,
  );
  await demo.insertStepNote(
    tx,
    DEMO_IDS.school,
    DEMO_IDS.district,
    MAX_PATH.id,
    DEMO_STEP_NOTE.step,
    DEMO_STEP_NOTE.note,
  );
  await counters.recount(tx, [DEMO_IDS.class5A, DEMO_IDS.class6B]);
  await seedDemoHistory(tx, DEMO_IDS.class5A, DEMO_IDS.school, MAX_PATH.id);
  await seedDemoHistory(tx, DEMO_IDS.class6B, DEMO_IDS.vkSchool, VK_PATH.id);
}

interface DemoClass {
  schoolId: string;
  classId: string;
  path: OnboardingPath;
  /** who marked what the parents did not; null: the school admin */
  teacherId: string | null;
  /** the number in the first family's fixed id */
  firstFamily: number;
}

/** The people of one class with their steps, class chat and opt-outs, each change in history as it would have been made. */
async function seedClassFamilies(tx: EntityManager, place: DemoClass, families: readonly DemoFamily[]): Promise<void> {
  const familyIds = families.map(
    (_, index) => `00000000-0000-4000-8000-0000000200${String(place.firstFamily + index)}`,
  );
  const later: Array<{ id: string; person: DemoPerson; source: string }> = [];
  for (const [index, family] of families.entries()) {
    const familyId = elementAt(familyIds, index, 'the demo family ids');
    await demo.insertFamily(tx, familyId, place.schoolId, DEMO_IDS.district);
    const people: Array<{ person: DemoPerson; kind: PersonKind; classId: string | null }> = [
      { person: family.student, kind: 'student', classId: place.classId },
      ...family.parents.map((person) => ({ person, kind: 'parent' as const, classId: null })),
    ];
    for (const { person, kind, classId } of people) {
      const id = await demo.insertPerson(tx, {
        districtId: DEMO_IDS.district,
        schoolId: place.schoolId,
        familyId,
        classId,
        kind,
        displayName: person.name,
      });
      const source = person.byParent ? 'parent_link' : place.teacherId ? 'teacher' : 'admin';
      for (const [position, step] of stepIdsOf(place.path).entries()) {
        const state = person.steps[position] ?? 'not_started';
        const status = typeof state === 'string' ? state : 'blocked';
        const reason = typeof state === 'string' ? null : state.blocked;
        const note = typeof state === 'string' ? null : (state.note ?? null);
        await demo.insertPersonStep(tx, {
          personId: id,
          step,
          districtId: DEMO_IDS.district,
          schoolId: place.schoolId,
          status,
          blockerReason: reason,
          blockerNote: note,
          updatedSource: status === 'not_started' ? null : source,
        });
        if (status !== 'not_started') {
          await addEvent(tx, place, id, { step, to: status, reason, note, source });
        }
      }
      later.push({ id, person, source });
    }
  }
  await chats.syncMemberships(tx, familyIds);
  for (const { id, person, source } of later) {
    if (person.classChat) {
      const status = person.classChat === 'joined' ? 'joined' : 'blocked';
      const reason = person.classChat === 'joined' ? null : person.classChat.blocked;
      const chatId = await demo.classChatOf(tx, id, place.classId);
      await demo.setMembership(tx, id, chatId, status, reason, source);
      await addEvent(tx, place, id, { chatId, to: status, reason, note: null, source });
    }
    if (person.optOut) {
      await demo.setOptOut(tx, id, person.optOut.channel, person.optOut.note ?? null, source);
      await addEvent(tx, place, id, {
        to: 'opted_out',
        reason: null,
        note: person.optOut.note ?? null,
        source,
        channel: person.optOut.channel,
      });
    }
  }
}

interface DemoEvent {
  step?: string;
  chatId?: string;
  to: string;
  reason: string | null;
  note: string | null;
  source: string;
  channel?: OptOutChannel;
}

async function addEvent(tx: EntityManager, place: DemoClass, personId: string, event: DemoEvent): Promise<void> {
  const from = event.step ? 'not_started' : event.chatId ? 'not_joined' : 'participating';
  await demo.insertEvent(tx, {
    districtId: DEMO_IDS.district,
    schoolId: place.schoolId,
    personId,
    pathId: place.path.id,
    step: event.step ?? null,
    chatId: event.chatId ?? null,
    from,
    to: event.to,
    blockerReason: event.reason,
    blockerNote: event.note,
    optOutChannel: event.channel ?? null,
    source: event.source,
    actorStaffId: event.source === 'teacher' ? place.teacherId : null,
  });
}

const DEMO_HISTORY_DAYS = 14;

/**
 * Two weeks of snapshots for a class so that the district's chart has a line
 * to show: today's counters, with fewer steps done the further back.
 */
async function seedDemoHistory(tx: EntityManager, classId: string, schoolId: string, pathId: string): Promise<void> {
  const current = await demo.classCounters(tx, classId);
  for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
    const share = 1 - daysAgo / (DEMO_HISTORY_DAYS + 1);
    const earlier = current.flatMap((row) => {
      if (row.status !== 'done' && row.status !== 'joined' && row.status !== 'connected') return [row];
      const kept = Math.round(row.people * share);
      const notYet = { done: 'not_started', joined: 'not_joined', connected: 'in_progress' }[row.status];
      return [
        { ...row, people: kept },
        { ...row, status: notYet, people: row.people - kept },
      ];
    });
    await demo.insertSnapshot(tx, {
      classId,
      daysAgo,
      districtId: DEMO_IDS.district,
      schoolId,
      pathId,
      counters: earlier.filter((row) => row.people > 0),
    });
  }
}
