import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassRoster, PersonChangeResult, RosterFamily } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { SESSION_SQL } from '../src/auth/session.sql';
import { ClassesRepository } from '../src/org/classes.repository';
import { SchoolPaths } from '../src/paths/school-paths.service';
import { PeopleViewRepository } from '../src/progress/people-view.repository';
import { PEOPLE_VIEW_SQL } from '../src/progress/people-view.sql';
import { OrgFactory } from './factories/org.factory';
import { firstOf, nth } from './support/pick';
import { signIn } from './support/sign-in';
import { preparedRunsOn, statementsOf } from './support/statements';
import { createTestApp } from './support/test-app';

/**
 * What the teacher's class view costs the database: the session, the access
 * check and one statement for the whole page, however many families, chats
 * and archived people the class has.
 */
describe('the class view’s work', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let classId: string;
  let teacherEmail: string;
  let teacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    const schoolId = await factory.school(districtId);
    classId = await factory.schoolClass(schoolId, 6, 'Г');
    teacherEmail = (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email;
    teacher = await signIn(app, teacherEmail);
    const families: RosterFamily[] = [];
    for (const name of ['Третьякова Вера', 'Алексеев Олег', 'Борисова Анна']) {
      const response = await teacher
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }, { displayName: `Папа ${name}` }] })
        .expect(201);
      families.push(response.body as RosterFamily);
    }
    const archived = firstOf(nth(families, 1).students);
    await teacher.post(`/api/people/${archived.id}/archive`).send({ version: archived.version }).expect(200);
    // Steps done and blocked with a note, an opt-out, a subject chat: every part of a person's answer.
    const student = firstOf(nth(families, 0).students);
    const done = (
      await teacher
        .put(`/api/people/${student.id}/steps/vk_id`)
        .send({ version: student.version, status: 'done' })
        .expect(200)
    ).body as PersonChangeResult;
    await teacher
      .put(`/api/people/${student.id}/steps/messenger`)
      .send({ version: done.person.version, status: 'blocked', blockerReason: 'other', blockerNote: 'нет телефона' })
      .expect(200);
    const father = nth(nth(families, 2).parents, 1);
    await teacher
      .put(`/api/people/${father.id}/opt-out`)
      .send({ version: father.version, optedOut: true, channel: 'other', note: 'только бумага' })
      .expect(200);
    await teacher.post(`/api/classes/${classId}/chats`).send({ name: 'Математика' }).expect(201);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  it.each([false, true])(
    'answers (includeArchived %s) exactly as the class summary, the chats, the counters and the families read apart do',
    async (includeArchived) => {
      const answer = await teacher.get(`/api/classes/${classId}/roster?includeArchived=${includeArchived}`).expect(200);
      const manager = factory.dataSource.manager;
      const schoolClass = await app.get(ClassesRepository).summary(classId);
      const path = await app.get(SchoolPaths).of(manager, schoolClass.schoolId);
      const peopleView = app.get(PeopleViewRepository);
      const apart: ClassRoster = {
        schoolClass,
        pathId: path.id,
        chats: await peopleView.loadClassChats(manager, classId),
        counters: await peopleView.loadClassCounters(manager, classId),
        families: await peopleView.loadClassFamilies(manager, path, classId, includeArchived),
      };
      expect(apart.families.flatMap((family) => [...family.students, ...family.parents]).some((p) => p.optOut)).toBe(
        true,
      );
      expect(apart.chats.map((chat) => chat.kind)).toContain('subject');
      // Byte for byte: the same keys in the same order, the same times to the millisecond.
      expect(answer.text).toBe(JSON.stringify(apart));
    },
  );

  it.each([
    ['without', ''],
    ['with', '?includeArchived=true'],
  ])('reads the page %s archived people as the session, the access check and one statement', async (_, query) => {
    let roster: ClassRoster | undefined;
    const statements = await statementsOf(async () => {
      roster = (await teacher.get(`/api/classes/${classId}/roster${query}`).expect(200)).body as ClassRoster;
    });
    expect(roster!.families.length).toBe(query ? 3 : 2);
    expect(roster!.chats.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toBe(SESSION_SQL.authenticate);
    expect(statements[1]).toMatch(/FROM "school_class" "e"/);
    expect(statements[2]).toBe(PEOPLE_VIEW_SQL.classView);
  });

  it('prepares the page’s statement and the session’s once on a connection, and then only runs them', async () => {
    // A pool of one: every view runs on the connection that the look below asks.
    const onePool = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000', DATABASE_POOL_SIZE: '1' });
    try {
      const agent = await signIn(onePool, teacherEmail);
      const views = 8;
      for (let view = 0; view < views; view += 1) await agent.get(`/api/classes/${classId}/roster`).expect(200);
      expect(await preparedRunsOn(onePool, [SESSION_SQL.authenticate, PEOPLE_VIEW_SQL.classView])).toEqual([
        { statement: SESSION_SQL.authenticate, runs: views },
        { statement: PEOPLE_VIEW_SQL.classView, runs: views },
      ]);
    } finally {
      await onePool.close();
    }
  });
});
