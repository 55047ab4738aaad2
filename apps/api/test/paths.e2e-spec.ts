import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  PARENT_TOKEN_HEADER,
  PathCatalogue,
  SHIPPED_PATHS,
  type ApiErrorBody,
  type BulkProgressResult,
  type ClassRoster,
  type FamilyInvite,
  type ParentFamily,
  type PersonChangeResult,
  type ProgressEvent,
  type RosterFamily,
  type RosterPerson,
  type SchoolSummary,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { REGION_PATH } from './support/region-path';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

const fieldsOf = (body: unknown) => (body as ApiErrorBody).details?.map((detail) => detail.field);
const stepIds = (person: RosterPerson) => person.steps.map((step) => step.step);

describe('onboarding paths, the switch and opting out', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let maxSchool: string;
  let maxClass: string;
  let teacher: TestAgent;
  let schoolAdmin: TestAgent;
  let districtAdmin: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    maxSchool = await factory.school(districtId, undefined, 'max');
    maxClass = await factory.schoolClass(maxSchool, 5, 'А');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId: maxSchool }, { classIds: [maxClass] })).email,
    );
    schoolAdmin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: maxSchool })).email);
    districtAdmin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const roster = async (classId: string, agent = teacher) =>
    (await agent.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
  const expectCountersExact = async (classId: string) =>
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );
  const counter = (body: ClassRoster, personKind: string, item: string, status: string) =>
    body.counters.find((c) => c.personKind === personKind && c.item === item && c.status === status)?.people ?? 0;
  async function addFamily(classId: string, name: string, agent = teacher): Promise<RosterFamily> {
    return (
      await agent
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }] })
        .expect(201)
    ).body as RosterFamily;
  }

  it('starts a new school on MAX, with a chat with parents and one with students in each class', async () => {
    const created = (
      await districtAdmin
        .post('/api/schools')
        .send({ name: `Новая школа ${Date.now()}` })
        .expect(201)
    ).body as SchoolSummary;
    expect(created).toMatchObject({ pathId: 'max', pathChangedAt: null, stepNotes: {} });

    const family = await addFamily(maxClass, 'Максов Пётр');
    const body = await roster(maxClass);
    expect(body.pathId).toBe('max');
    expect(body.chats.map((chat) => `${chat.kind}:${chat.audience}`)).toEqual([
      'class:parents',
      'class:students',
      'school:all',
    ]);
    const [student, parent] = [firstOf(family.students), firstOf(family.parents)];
    expect(stepIds(student)).toEqual(['max_account', 'school_profile']);
    expect(stepIds(parent)).toEqual(['max_account', 'school_profile']);
    const chatOf = (p: RosterPerson) => p.chats.map((m) => body.chats.find((c) => c.id === m.chatId)!.audience).sort();
    expect(chatOf(student)).toEqual(['all', 'students']);
    expect(chatOf(parent)).toEqual(['all', 'parents']);
    expect(counter(body, 'student', 'overall', 'not_started')).toBeGreaterThan(0);
    await expectCountersExact(maxClass);
  });

  it('offers each step only its own reasons, and refuses a step of another path, naming the field', async () => {
    const family = await addFamily(maxClass, 'Причинов Глеб');
    const student = firstOf(family.students);
    const put = (path: string, body: object) =>
      teacher.put(`/api/people/${student.id}/${path}`).send({ version: student.version, ...body });

    const wrongStep = await put('steps/max_account', { status: 'blocked', blockerReason: 'role_not_confirmed' }).expect(
      400,
    );
    expect(fieldsOf(wrongStep.body)).toEqual(['blockerReason']);
    const vkStep = await put('steps/vk_id', { status: 'done' }).expect(400);
    expect(fieldsOf(vkStep.body)).toEqual(['step']);
    const classChat = firstOf(student.chats).chatId;
    const phoneOnChat = await put(`chats/${classChat}`, { status: 'blocked', blockerReason: 'shared_phone' }).expect(
      400,
    );
    expect(fieldsOf(phoneOnChat.body)).toEqual(['blockerReason']);

    const blocked = (
      (await put('steps/school_profile', { status: 'blocked', blockerReason: 'role_not_confirmed' }).expect(200))
        .body as PersonChangeResult
    ).person;
    expect(blocked.steps.map((s) => [s.step, s.status, s.blockerReason])).toEqual([
      ['max_account', 'not_started', null],
      ['school_profile', 'blocked', 'role_not_confirmed'],
    ]);
    await teacher
      .put(`/api/people/${student.id}/chats/${classChat}`)
      .send({ version: blocked.version, status: 'blocked', blockerReason: 'chat_missing' })
      .expect(200);
    await expectCountersExact(maxClass);
  });

  describe('opting out', () => {
    it('lets the teacher mark a person as not using MAX, shown apart, recorded, and reversible', async () => {
      const family = await addFamily(maxClass, 'Отказов Иван');
      const parent = firstOf(family.parents);
      const done = (
        (
          await teacher
            .put(`/api/people/${parent.id}/steps/max_account`)
            .send({ version: parent.version, status: 'done' })
            .expect(200)
        ).body as PersonChangeResult
      ).person;

      const missing = await teacher
        .put(`/api/people/${parent.id}/opt-out`)
        .send({ version: done.version, optedOut: true })
        .expect(400);
      expect(fieldsOf(missing.body)).toEqual(['channel']);
      const noNote = await teacher
        .put(`/api/people/${parent.id}/opt-out`)
        .send({ version: done.version, optedOut: true, channel: 'other' })
        .expect(400);
      expect(fieldsOf(noNote.body)).toEqual(['note']);
      const badChannel = await teacher
        .put(`/api/people/${parent.id}/opt-out`)
        .send({ version: done.version, optedOut: true, channel: 'telegram' })
        .expect(400);
      expect(fieldsOf(badChannel.body)).toEqual(['channel']);

      const before = await roster(maxClass);
      const optedOutAnswer = (
        await teacher
          .put(`/api/people/${parent.id}/opt-out`)
          .send({ version: done.version, optedOut: true, channel: 'e_diary' })
          .expect(200)
      ).body as PersonChangeResult;
      const optedOut = optedOutAnswer.person;
      expect(optedOut.optOut).toMatchObject({ channel: 'e_diary', note: null, source: 'teacher' });
      const after = await roster(maxClass);
      expect(optedOutAnswer.classes).toEqual([{ classId: maxClass, counters: after.counters }]);
      expect(counter(after, 'parent', 'overall', 'opted_out')).toBe(
        counter(before, 'parent', 'overall', 'opted_out') + 1,
      );
      expect(counter(after, 'parent', 'max_account', 'opted_out')).toBe(
        counter(before, 'parent', 'max_account', 'opted_out') + 1,
      );
      expect(counter(after, 'parent', 'max_account', 'done')).toBe(
        counter(before, 'parent', 'max_account', 'done') - 1,
      );
      await expectCountersExact(maxClass);

      // Not a blocker to work on: a step of an opted-out person waits until they come back.
      await teacher
        .put(`/api/people/${parent.id}/steps/school_profile`)
        .send({ version: optedOut.version, status: 'done' })
        .expect(409);
      // Repeating the same choice changes nothing.
      const again = (
        (
          await teacher
            .put(`/api/people/${parent.id}/opt-out`)
            .send({ version: optedOut.version, optedOut: true, channel: 'e_diary' })
            .expect(200)
        ).body as PersonChangeResult
      ).person;
      expect(again.version).toBe(optedOut.version);

      const back = (
        (
          await teacher
            .put(`/api/people/${parent.id}/opt-out`)
            .send({ version: again.version, optedOut: false })
            .expect(200)
        ).body as PersonChangeResult
      ).person;
      expect(back.optOut).toBeNull();
      expect(back.steps.find((s) => s.step === 'max_account')!.status).toBe('done');
      await expectCountersExact(maxClass);

      const history = (await teacher.get(`/api/people/${parent.id}/history`).expect(200)).body as ProgressEvent[];
      expect(history.slice(0, 2).map((e) => [e.kind, e.fromStatus, e.toStatus, e.channel, e.pathId])).toEqual([
        ['opt_out', 'opted_out', 'participating', null, 'max'],
        ['opt_out', 'participating', 'opted_out', 'e_diary', 'max'],
      ]);
    });

    it('opts a whole family out at once, and asks for every person of it', async () => {
      const family = await addFamily(maxClass, 'Семейный Отказ');
      const people = [...family.students, ...family.parents];
      const partial = await teacher
        .put(`/api/families/${family.id}/opt-out`)
        .send({
          optedOut: true,
          channel: 'paper',
          people: [{ personId: firstOf(people).id, version: firstOf(people).version }],
        })
        .expect(400);
      expect(fieldsOf(partial.body)).toEqual(['people']);
      const result = (
        await teacher
          .put(`/api/families/${family.id}/opt-out`)
          .send({
            optedOut: true,
            channel: 'paper',
            people: people.map((p) => ({ personId: p.id, version: p.version })),
          })
          .expect(200)
      ).body as BulkProgressResult;
      expect(result.updated.map((p) => p.optOut?.channel)).toEqual(['paper', 'paper']);
      await expectCountersExact(maxClass);
      expect(result.classes).toEqual([{ classId: maxClass, counters: (await roster(maxClass)).counters }]);
    });

    it('lets a parent say no through the link, for one person or the whole family, and change their mind', async () => {
      const family = await addFamily(maxClass, 'Ссылкин Олег');
      const invite = firstOf(
        (
          await teacher
            .post(`/api/classes/${maxClass}/invites`)
            .send({ familyIds: [family.id] })
            .expect(200)
        ).body as FamilyInvite[],
      );
      const token = nth(invite.link!.split('/p/'), 1);
      const parentPut = (path: string, body: object) =>
        request(app.getHttpServer()).put(`/api/parent/${path}`).set(PARENT_TOKEN_HEADER, token).send(body);

      const page = (
        await request(app.getHttpServer()).get('/api/parent/family').set(PARENT_TOKEN_HEADER, token).expect(200)
      ).body as ParentFamily;
      expect(page.pathId).toBe('max');
      expect(page.people.every((p) => p.optOut === null)).toBe(true);

      const noChannel = await parentPut(`people/${firstOf(family.parents).id}/opt-out`, { optedOut: true }).expect(400);
      expect(fieldsOf(noChannel.body)).toEqual(['channel']);
      const one = (
        await parentPut(`people/${firstOf(family.parents).id}/opt-out`, { optedOut: true, channel: 'phone' }).expect(
          200,
        )
      ).body as ParentFamily;
      expect(one.people.find((p) => p.kind === 'parent')!.optOut).toMatchObject({
        channel: 'phone',
        source: 'parent_link',
      });
      expect(one.people.find((p) => p.kind === 'student')!.optOut).toBeNull();
      // Another family's person through this link: not found.
      const stranger = firstOf((await addFamily(maxClass, 'Чужой Кирилл')).parents);
      await parentPut(`people/${stranger.id}/opt-out`, { optedOut: true, channel: 'phone' }).expect(404);

      const all = (
        await parentPut('opt-out', { optedOut: true, channel: 'other', note: 'Звоните бабушке' }).expect(200)
      ).body as ParentFamily;
      expect(all.people.map((p) => p.optOut?.note)).toEqual(['Звоните бабушке', 'Звоните бабушке']);
      // A step is not a way around the choice.
      await parentPut(`people/${firstOf(family.parents).id}/steps/max_account`, { status: 'done' }).expect(409);
      const back = (await parentPut('opt-out', { optedOut: false }).expect(200)).body as ParentFamily;
      expect(back.people.every((p) => p.optOut === null)).toBe(true);
      await expectCountersExact(maxClass);
    });
  });

  describe('the school’s path', () => {
    it('lets only the school’s admins switch it, and names a bad path', async () => {
      const school = await factory.school(districtId, undefined, 'max');
      await teacher.post(`/api/schools/${school}/path`).send({ pathId: 'vk' }).expect(404);
      const ownTeacher = await signIn(app, (await factory.staff('teacher', { districtId, schoolId: school })).email);
      await ownTeacher.post(`/api/schools/${school}/path`).send({ pathId: 'vk' }).expect(403);
      const unknown = await districtAdmin.post(`/api/schools/${school}/path`).send({ pathId: 'telegram' }).expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['pathId']);
      await districtAdmin.post(`/api/schools/${school}/path`).send({ pathId: 'max' }).expect(409);
      const switched = (await districtAdmin.post(`/api/schools/${school}/path`).send({ pathId: 'vk' }).expect(200))
        .body as SchoolSummary;
      expect(switched.pathId).toBe('vk');
      expect(switched.pathChangedAt).not.toBeNull();
    });

    it('switches: history stays, the new steps start at not started, the chats start anew, opt-outs stay', async () => {
      const school = await factory.school(districtId, undefined, 'max');
      const classId = await factory.schoolClass(school, 6, 'Б');
      const admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: school })).email);
      const family = (
        await admin
          .post(`/api/classes/${classId}/students`)
          .send({ displayName: 'Переходов Лев', parents: [{ displayName: 'Мама Льва' }] })
          .expect(201)
      ).body as RosterFamily;
      const student = firstOf(family.students);
      const parent = firstOf(family.parents);
      const classChat = (await roster(classId, admin)).chats.find((c) => c.audience === 'students')!;
      await admin
        .put(`/api/people/${student.id}/chats/${classChat.id}`)
        .send({ version: student.version, status: 'joined' })
        .expect(200);
      await admin.post(`/api/classes/${classId}/chats`).send({ name: 'Математика' }).expect(201);
      await admin
        .put(`/api/people/${parent.id}/opt-out`)
        .send({ version: parent.version, optedOut: true, channel: 'e_diary' })
        .expect(200);
      const eventsBefore = await factory.count(`SELECT count(*) FROM progress_event WHERE school_id = $1`, [school]);

      await admin.post(`/api/schools/${school}/path`).send({ pathId: 'vk' }).expect(200);
      const after = await roster(classId, admin);
      expect(after.pathId).toBe('vk');
      expect(after.chats.map((c) => `${c.kind}:${c.audience}:${c.name ?? ''}`)).toEqual([
        'class:all:',
        'subject:students:Математика',
        'school:all:',
      ]);
      expect(after.chats.map((c) => c.id)).not.toContain(classChat.id);
      const moved = firstOf(after.families.flatMap((f) => f.students));
      expect(moved.steps.map((s) => [s.step, s.status])).toEqual([
        ['vk_id', 'not_started'],
        ['sferum_profile', 'not_started'],
        ['messenger', 'not_started'],
      ]);
      expect(moved.chats.every((m) => m.status === 'not_joined')).toBe(true);
      expect(firstOf(after.families.flatMap((f) => f.parents)).optOut?.channel).toBe('e_diary');
      expect(await factory.count(`SELECT count(*) FROM progress_event WHERE school_id = $1`, [school])).toBe(
        eventsBefore,
      );
      expect(
        await factory.count(
          `SELECT count(*) FROM person_step WHERE school_id = $1 AND step IN ('max_account', 'school_profile')`,
          [school],
        ),
      ).toBe(0);
      expect(
        await factory.count(
          `SELECT count(*) FROM school_path_change WHERE school_id = $1 AND from_path_id = 'max' AND to_path_id = 'vk'`,
          [school],
        ),
      ).toBe(1);
      await expectCountersExact(classId);

      // Back on MAX, nothing of the first MAX era comes back: the new era starts at not started too.
      await admin.post(`/api/schools/${school}/path`).send({ pathId: 'max' }).expect(200);
      const again = await roster(classId, admin);
      expect(firstOf(again.families.flatMap((f) => f.students)).steps.map((s) => s.status)).toEqual([
        'not_started',
        'not_started',
      ]);
      const history = (await admin.get(`/api/people/${student.id}/history`).expect(200)).body as ProgressEvent[];
      expect(history.every((event) => event.pathId === 'max')).toBe(true);
      expect(history.length).toBeGreaterThan(0);
      await expectCountersExact(classId);
    });

    it('stays consistent when a switch races a burst of changes', async () => {
      const school = await factory.school(districtId, undefined, 'max');
      const classId = await factory.schoolClass(school, 7, 'В');
      const admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: school })).email);
      const people: RosterPerson[] = [];
      for (let n = 0; n < 6; n += 1) {
        const family = (
          await admin
            .post(`/api/classes/${classId}/students`)
            .send({ displayName: `Гонкин ${n}`, parents: [{ displayName: `Родитель ${n}` }] })
            .expect(201)
        ).body as RosterFamily;
        people.push(firstOf(family.students), firstOf(family.parents));
      }
      const changes = people.map((p) =>
        admin
          .put(`/api/people/${p.id}/steps/school_profile`)
          .send({ version: p.version, status: 'done' })
          .then((r) => r.status),
      );
      const switching = admin
        .post(`/api/schools/${school}/path`)
        .send({ pathId: 'vk' })
        .then((r) => r.status);
      const results = await Promise.all([...changes, switching]);
      expect(results.at(-1)).toBe(200);
      // A change that ran after the switch names a step the school no longer has.
      expect(results.slice(0, -1).every((status) => status === 200 || status === 400)).toBe(true);
      expect(
        await factory.count(
          `SELECT count(*) FROM person_step WHERE school_id = $1 AND step NOT IN ('vk_id', 'sferum_profile', 'messenger')`,
          [school],
        ),
      ).toBe(0);
      expect(
        await factory.count(`SELECT count(*) FROM person_step WHERE school_id = $1 AND status <> 'not_started'`, [
          school,
        ]),
      ).toBe(0);
      await expectCountersExact(classId);
    });

    it('keeps the school’s own note per step, for its parents, and names a step the path does not have', async () => {
      const notes = [
        { step: 'school_profile', note: 'Роль подтверждает администратор Сферума Ирина Петровна, каб. 12' },
      ];
      await teacher.put(`/api/schools/${maxSchool}/step-notes`).send({ notes }).expect(403);
      const bad = await schoolAdmin
        .put(`/api/schools/${maxSchool}/step-notes`)
        .send({ notes: [{ step: 'vk_id', note: 'x' }] })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['notes.0.step']);
      const saved = (await schoolAdmin.put(`/api/schools/${maxSchool}/step-notes`).send({ notes }).expect(200))
        .body as SchoolSummary;
      expect(saved.stepNotes).toEqual({ school_profile: firstOf(notes).note });

      const family = await addFamily(maxClass, 'Заметкин Юрий');
      const invite = firstOf(
        (
          await teacher
            .post(`/api/classes/${maxClass}/invites`)
            .send({ familyIds: [family.id] })
            .expect(200)
        ).body as FamilyInvite[],
      );
      const page = (
        await request(app.getHttpServer())
          .get('/api/parent/family')
          .set(PARENT_TOKEN_HEADER, nth(invite.link!.split('/p/'), 1))
          .expect(200)
      ).body as ParentFamily;
      expect(page.stepNotes).toEqual({ school_profile: firstOf(notes).note });

      const cleared = (
        await schoolAdmin
          .put(`/api/schools/${maxSchool}/step-notes`)
          .send({ notes: [{ step: 'school_profile', note: '' }] })
          .expect(200)
      ).body as SchoolSummary;
      expect(cleared.stepNotes).toEqual({});
    });
  });
});

describe('a third path added to the catalogue alone', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;

  beforeAll(async () => {
    app = await createTestApp(
      { LOGIN_LIMIT_PER_IP: '1000' },
      undefined,
      new PathCatalogue([...SHIPPED_PATHS, REGION_PATH]),
    );
    factory = await OrgFactory.connect();
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  it('works end to end on the same migrated database: switch, steps, its own reasons, the parent link, counters and reports', async () => {
    const districtId = await factory.district();
    const school = await factory.school(districtId, undefined, 'max');
    const classId = await factory.schoolClass(school, 3, 'А');
    const admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId: school })).email);
    await admin.post(`/api/schools/${school}/path`).send({ pathId: REGION_PATH.id }).expect(200);

    const family = (
      await admin
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: 'Регионов Пётр', parents: [{ displayName: 'Мама Петра' }] })
        .expect(201)
    ).body as RosterFamily;
    const student = firstOf(family.students);
    expect(stepIds(student)).toEqual(['gosuslugi', 'region_profile', 'region_app']);
    const blocked = (
      (
        await admin
          .put(`/api/people/${student.id}/steps/gosuslugi`)
          .send({ version: student.version, status: 'blocked', blockerReason: 'no_gosuslugi' })
          .expect(200)
      ).body as PersonChangeResult
    ).person;
    const notHere = await admin
      .put(`/api/people/${student.id}/steps/region_app`)
      .send({ version: blocked.version, status: 'blocked', blockerReason: 'no_gosuslugi' })
      .expect(400);
    expect(fieldsOf(notHere.body)).toEqual(['blockerReason']);
    await admin
      .put(`/api/people/${student.id}/steps/region_app`)
      .send({ version: blocked.version, status: 'done' })
      .expect(200);

    const invite = firstOf(
      (
        await admin
          .post(`/api/classes/${classId}/invites`)
          .send({ familyIds: [family.id] })
          .expect(200)
      ).body as FamilyInvite[],
    );
    const page = (
      await request(app.getHttpServer())
        .get('/api/parent/family')
        .set(PARENT_TOKEN_HEADER, nth(invite.link!.split('/p/'), 1))
        .expect(200)
    ).body as ParentFamily;
    expect(page.pathId).toBe(REGION_PATH.id);
    expect(page.people.find((p) => p.kind === 'student')!.steps.map((s) => [s.step, s.status])).toEqual([
      ['gosuslugi', 'done'],
      ['region_profile', 'done'],
      ['region_app', 'done'],
    ]);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );

    const district = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    const report = (await district.get(`/api/reports/schools/${school}`).expect(200)).body as {
      pathId: string;
      total: { students: { steps: Record<string, unknown> } };
    };
    expect(report.pathId).toBe(REGION_PATH.id);
    expect(Object.keys(report.total.students.steps)).toEqual(['gosuslugi', 'region_profile', 'region_app']);
  });
});
