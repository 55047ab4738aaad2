import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  ApiErrorBody,
  BulkProgressResult,
  ClassRoster,
  FamilyMatch,
  PersonChangeResult,
  ProgressEvent,
  RosterFamily,
  RosterPerson,
} from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { normalizePhone, phoneHmac } from '../src/roster/phone';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp, TEST_PHONE_HMAC_KEY } from './support/test-app';
import { firstOf } from './support/pick';

describe('class roster and progress', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let class5A: string;
  let class5B: string;
  let teacher5A: TestAgent;
  let admin: TestAgent;
  let teacherName: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
    class5A = await factory.schoolClass(schoolId, 5, 'А');
    class5B = await factory.schoolClass(schoolId, 5, 'Б');
    const teacher = await factory.staff('teacher', { districtId, schoolId }, { classIds: [class5A] });
    teacherName = 'Тестовый teacher';
    teacher5A = await signIn(app, teacher.email);
    admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const fieldsOf = (body: unknown) => (body as ApiErrorBody).details?.map((detail) => detail.field);
  const step = (person: RosterPerson, id: string) => person.steps.find((s) => s.step === id)!;
  const roster = async (agent: TestAgent, classId: string) =>
    (await agent.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
  const expectCountersExact = async (classId: string) =>
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );

  async function addStudent(
    agent: TestAgent,
    classId: string,
    name: string,
    parents: Array<{ displayName: string; phone?: string }> = [],
  ) {
    const response = await agent
      .post(`/api/classes/${classId}/students`)
      .send({ displayName: name, parents })
      .expect(201);
    return response.body as RosterFamily;
  }

  it('shows an empty class as an empty roster with its chats and no counters', async () => {
    const empty = await factory.schoolClass(schoolId, 7, 'Ж');
    const body = await roster(admin, empty);
    expect(body.families).toEqual([]);
    expect(body.counters).toEqual([]);
    expect(body.pathId).toBe('vk');
    expect(body.schoolClass.name).toBe('7Ж');
  });

  it('adds a student with two parents in one family, each with three steps not started and the chats', async () => {
    const family = await addStudent(teacher5A, class5A, 'Иванов Пётр', [
      { displayName: 'Иванова Мария' },
      { displayName: 'Иванов Сергей' },
    ]);
    expect(family.students.map((s) => s.displayName)).toEqual(['Иванов Пётр']);
    expect(family.parents.map((p) => p.displayName)).toEqual(['Иванов Сергей', 'Иванова Мария']);
    const student = firstOf(family.students);
    expect(student.steps.map((s) => [s.step, s.status])).toEqual([
      ['vk_id', 'not_started'],
      ['sferum_profile', 'not_started'],
      ['messenger', 'not_started'],
    ]);
    const body = await roster(teacher5A, class5A);
    const kinds = body.chats.map((chat) => chat.kind);
    expect(kinds).toEqual(['class', 'school']);
    expect(student.chats).toHaveLength(2);
    expect(firstOf(family.parents).chats).toHaveLength(2);
    const vk = body.counters.filter((c) => c.item === 'vk_id');
    expect(vk).toEqual(
      expect.arrayContaining([
        { personKind: 'student', item: 'vk_id', status: 'not_started', people: expect.any(Number) },
        { personKind: 'parent', item: 'vk_id', status: 'not_started', people: expect.any(Number) },
      ]),
    );
    await expectCountersExact(class5A);
  });

  it('keeps only a keyed hash of a phone and flags two people of the school on one number', async () => {
    const family = await addStudent(teacher5A, class5A, 'Сидорова Аня', [
      { displayName: 'Сидорова Ольга', phone: '+7 (912) 000-11-22' },
    ]);
    const parent = firstOf(family.parents);
    expect(parent.hasPhone).toBe(true);
    expect(parent.sharedPhone).toBe(false);
    const child = firstOf(family.students);
    const updated = (
      await teacher5A
        .patch(`/api/people/${child.id}`)
        .send({ version: child.version, phone: '8 912 000 11 22' })
        .expect(200)
    ).body as RosterPerson;
    expect(updated.sharedPhone).toBe(true);

    const stored = await factory.dataSource.query<Array<{ phone_hmac: Buffer; row: string }>>(
      `SELECT phone_hmac, p::text AS row FROM person p WHERE id = $1`,
      [parent.id],
    );
    expect(firstOf(stored).phone_hmac.equals(phoneHmac(TEST_PHONE_HMAC_KEY, normalizePhone('+79120001122')!))).toBe(
      true,
    );
    expect(firstOf(stored).row).not.toMatch(/9120001122|912.?000/);

    const cleared = (
      await teacher5A.patch(`/api/people/${child.id}`).send({ version: updated.version, phone: null }).expect(200)
    ).body as RosterPerson;
    expect(cleared.hasPhone).toBe(false);
    expect(cleared.sharedPhone).toBe(false);
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ displayName: '' }, 'displayName'],
      [{ displayName: 'Имя', parents: [{ displayName: 'Родитель', phone: 'позвоните' }] }, 'parents.0.phone'],
      [{ displayName: 'Имя', parents: [{}, {}, {}].map(() => ({ displayName: 'Р' })) }, 'parents'],
      [{ displayName: 'Имя', nickname: 'x' }, 'nickname'],
      [{ displayName: 'Имя', familyId: 'nope' }, 'familyId'],
    ];
    for (const [body, field] of cases) {
      const response = await teacher5A.post(`/api/classes/${class5A}/students`).send(body).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
    }
  });

  describe('steps', () => {
    let student: RosterPerson;
    beforeEach(async () => {
      student = (await addStudent(teacher5A, class5A, 'Шагов Игорь')).students[0]!;
    });
    const setStep = (id: string, body: object, status = 200) =>
      teacher5A
        .put(`/api/people/${student.id}/steps/${id}`)
        .send({ version: student.version, ...body })
        .expect(status);

    it('marks the earlier steps done with a later one, in one change with one event each', async () => {
      const answer = (await setStep('messenger', { status: 'done' })).body as PersonChangeResult;
      const updated = answer.person;
      // The answer carries the class's counters, as the roster has them: the class page needs no second request.
      expect(answer.classes).toEqual([{ classId: class5A, counters: (await roster(teacher5A, class5A)).counters }]);
      expect(updated.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
      expect(updated.version).toBe(student.version + 1);
      expect(step(updated, 'vk_id').updatedSource).toBe('teacher');
      const events = await factory.dataSource.query<Array<{ step: string; change_id: string; source: string }>>(
        `SELECT step, change_id, source FROM progress_event WHERE person_id = $1 ORDER BY id`,
        [student.id],
      );
      expect(events.map((e) => e.step)).toEqual(['vk_id', 'sferum_profile', 'messenger']);
      expect(new Set(events.map((e) => e.change_id)).size).toBe(1);
      await expectCountersExact(class5A);
    });

    it('records a blocker with its reason and note, and shows it in the history', async () => {
      await setStep('vk_id', { status: 'blocked', blockerReason: 'shared_phone', blockerNote: 'один номер с мамой' });
      const history = (await teacher5A.get(`/api/people/${student.id}/history`).expect(200)).body as ProgressEvent[];
      expect(history[0]).toMatchObject({
        step: 'vk_id',
        fromStatus: 'not_started',
        toStatus: 'blocked',
        blockerReason: 'shared_phone',
        blockerNote: 'один номер с мамой',
        source: 'teacher',
        actorName: teacherName,
      });
    });

    it('changes nothing and writes no event when the status is already so', async () => {
      const first = ((await setStep('vk_id', { status: 'done' })).body as PersonChangeResult).person;
      const again = (
        (
          await teacher5A
            .put(`/api/people/${student.id}/steps/vk_id`)
            .send({ version: first.version, status: 'done' })
            .expect(200)
        ).body as PersonChangeResult
      ).person;
      expect(again.version).toBe(first.version);
      expect(await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = $1`, [student.id])).toBe(1);
    });

    it('answers a stale version with 409 and keeps the other teacher’s change', async () => {
      await setStep('vk_id', { status: 'done' });
      const stale = await setStep('vk_id', { status: 'blocked', blockerReason: 'forgot_password' }, 409);
      expect((stale.body as ApiErrorBody).message).toMatch(/Someone else/);
      const row = firstOf(
        await factory.dataSource.query<Array<{ status: string }>>(
          `SELECT status FROM person_step WHERE person_id = $1 AND step = 'vk_id'`,
          [student.id],
        ),
      );
      expect(row.status).toBe('done');
    });

    it('refuses to undo a step while a later one is done', async () => {
      const done = ((await setStep('sferum_profile', { status: 'done' })).body as PersonChangeResult).person;
      const response = await teacher5A
        .put(`/api/people/${student.id}/steps/vk_id`)
        .send({ version: done.version, status: 'not_started' })
        .expect(409);
      expect((response.body as ApiErrorBody).message).toMatch(/sferum_profile/);
    });

    it.each([
      [{ status: 'finished' }, 'status'],
      [{ status: 'joined' }, 'status'],
      [{ status: 'blocked' }, 'blockerReason'],
      [{ status: 'blocked', blockerReason: 'aliens' }, 'blockerReason'],
      [{ status: 'done', blockerReason: 'other' }, 'blockerReason'],
      [{ status: 'blocked', blockerReason: 'other', blockerNote: 'x'.repeat(501) }, 'blockerNote'],
      [{ status: 'done', version: 'one' }, 'version'],
    ])('refuses %j naming %s', async (body, field) => {
      const response = await setStep('vk_id', body, 400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('refuses an unknown step and a 10 MB note', async () => {
      const unknown = await teacher5A
        .put(`/api/people/${student.id}/steps/gosuslugi`)
        .send({ version: 1, status: 'done' })
        .expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['step']);
      await teacher5A
        .put(`/api/people/${student.id}/steps/vk_id`)
        .send({
          version: student.version,
          status: 'blocked',
          blockerReason: 'other',
          blockerNote: 'x'.repeat(10 * 1024 * 1024),
        })
        .expect(413);
    });
  });

  it('marks every step done when a person joins a chat, and counts the chat', async () => {
    const family = await addStudent(teacher5A, class5A, 'Чатов Денис');
    const student = firstOf(family.students);
    const classChat = (await roster(teacher5A, class5A)).chats.find((chat) => chat.kind === 'class')!;
    const updated = (
      (
        await teacher5A
          .put(`/api/people/${student.id}/chats/${classChat.id}`)
          .send({ version: student.version, status: 'joined' })
          .expect(200)
      ).body as PersonChangeResult
    ).person;
    expect(updated.steps.every((s) => s.status === 'done')).toBe(true);
    expect(updated.chats.find((c) => c.chatId === classChat.id)?.status).toBe('joined');
    await expectCountersExact(class5A);
  });

  it('adds a subject chat to every student of the class, not to the parents', async () => {
    const family = await addStudent(teacher5A, class5A, 'Предметова Лена', [{ displayName: 'Предметов Олег' }]);
    const chat = (await teacher5A.post(`/api/classes/${class5A}/chats`).send({ name: 'Математика' }).expect(201))
      .body as { id: string; kind: string };
    expect(chat.kind).toBe('subject');
    await teacher5A.post(`/api/classes/${class5A}/chats`).send({ name: 'математика' }).expect(409);
    const body = await roster(teacher5A, class5A);
    const inFamily = body.families.find((f) => f.id === family.id)!;
    expect(firstOf(inFamily.students).chats.map((c) => c.chatId)).toContain(chat.id);
    expect(firstOf(inFamily.parents).chats.map((c) => c.chatId)).not.toContain(chat.id);
    await expectCountersExact(class5A);
  });

  it('changes one step for many people at once, all or nothing', async () => {
    const a = await addStudent(teacher5A, class5A, 'Массов Антон', [{ displayName: 'Массова Юлия' }]);
    const b = await addStudent(teacher5A, class5A, 'Массова Вера');
    const people = [firstOf(a.students), firstOf(a.parents), firstOf(b.students)].map((p) => ({
      personId: p.id,
      version: p.version,
    }));
    const result = (
      await teacher5A
        .post(`/api/classes/${class5A}/progress`)
        .send({ step: 'vk_id', status: 'done', people })
        .expect(200)
    ).body as BulkProgressResult;
    expect(result.updated.map((p) => step(p, 'vk_id').status)).toEqual(['done', 'done', 'done']);
    expect(result.classes).toEqual([{ classId: class5A, counters: (await roster(teacher5A, class5A)).counters }]);
    await expectCountersExact(class5A);

    const elsewhere = firstOf((await addStudent(admin, class5B, 'Чужой Класс')).students);
    const mixed = [...result.updated, elsewhere].map((p) => ({ personId: p.id, version: p.version }));
    await teacher5A
      .post(`/api/classes/${class5A}/progress`)
      .send({ step: 'sferum_profile', status: 'done', people: mixed })
      .expect(404);
    expect(
      await factory.count(
        `SELECT count(*) FROM person_step WHERE person_id = ANY($1::uuid[]) AND step = 'sferum_profile' AND status = 'done'`,
        [mixed.map((p) => p.personId)],
      ),
    ).toBe(0);
  });

  it('gives a teacher 404 for a person, family and roster of another class', async () => {
    const other = await addStudent(admin, class5B, 'Другой Ученик', [{ displayName: 'Другая Мама' }]);
    const student = firstOf(other.students);
    await teacher5A.get(`/api/classes/${class5B}/roster`).expect(404);
    await teacher5A
      .put(`/api/people/${student.id}/steps/vk_id`)
      .send({ version: student.version, status: 'done' })
      .expect(404);
    await teacher5A
      .put(`/api/people/${firstOf(other.parents).id}/steps/vk_id`)
      .send({ version: 1, status: 'done' })
      .expect(404);
    await teacher5A.patch(`/api/people/${student.id}`).send({ version: student.version, displayName: 'x' }).expect(404);
    await teacher5A.get(`/api/people/${student.id}/history`).expect(404);
    await teacher5A.post(`/api/families/${other.id}/parents`).send({ displayName: 'Папа' }).expect(404);
    await teacher5A.post(`/api/classes/${class5B}/students`).send({ displayName: 'Новый' }).expect(404);
  });

  it('moves a student to another class: the counters and class chat follow, with the parents', async () => {
    const family = await addStudent(admin, class5A, 'Переездов Коля', [{ displayName: 'Переездова Нина' }]);
    const student = firstOf(family.students);
    const moved = (
      await admin
        .post(`/api/people/${student.id}/move`)
        .send({ version: student.version, classId: class5B })
        .expect(200)
    ).body as RosterPerson;
    expect(moved.classId).toBe(class5B);
    const inB = await roster(admin, class5B);
    expect(inB.families.map((f) => f.id)).toContain(family.id);
    const classChatB = inB.chats.find((c) => c.kind === 'class')!.id;
    expect(firstOf(inB.families.find((f) => f.id === family.id)!.parents).chats.map((c) => c.chatId)).toContain(
      classChatB,
    );
    expect((await roster(admin, class5A)).families.map((f) => f.id)).not.toContain(family.id);
    await expectCountersExact(class5A);
    await expectCountersExact(class5B);
  });

  it('counts a parent in both classes of their children', async () => {
    const family = await addStudent(admin, class5A, 'Братов Старший', [{ displayName: 'Братова Мама' }]);
    await admin
      .post(`/api/classes/${class5B}/students`)
      .send({ displayName: 'Братов Младший', familyId: family.id })
      .expect(201);
    const parentId = firstOf(family.parents).id;
    for (const classId of [class5A, class5B]) {
      const body = await roster(admin, classId);
      expect(body.families.find((f) => f.id === family.id)!.parents.map((p) => p.id)).toEqual([parentId]);
      await expectCountersExact(classId);
    }
    // A change of the parent answers the counters of both classes.
    const answer = (
      await admin
        .put(`/api/people/${parentId}/steps/vk_id`)
        .send({ version: firstOf(family.parents).version, status: 'done' })
        .expect(200)
    ).body as PersonChangeResult;
    const byClass = [...answer.classes].sort((a, b) => a.classId.localeCompare(b.classId));
    const expected = [class5A, class5B].sort();
    expect(byClass.map((entry) => entry.classId)).toEqual(expected);
    for (const entry of byClass) expect(entry.counters).toEqual((await roster(admin, entry.classId)).counters);
  });

  it('archives a student out of the counters and restores them', async () => {
    const family = await addStudent(teacher5A, class5A, 'Архивов Гена');
    const student = firstOf(family.students);
    const archived = (
      await teacher5A.post(`/api/people/${student.id}/archive`).send({ version: student.version }).expect(200)
    ).body as RosterPerson;
    expect(archived.archived).toBe(true);
    expect((await roster(teacher5A, class5A)).families.map((f) => f.id)).not.toContain(family.id);
    await expectCountersExact(class5A);
    await teacher5A
      .put(`/api/people/${student.id}/steps/vk_id`)
      .send({ version: archived.version, status: 'done' })
      .expect(409);
    const withArchived = (await teacher5A.get(`/api/classes/${class5A}/roster?includeArchived=true`).expect(200))
      .body as ClassRoster;
    expect(withArchived.families.map((f) => f.id)).toContain(family.id);
    await teacher5A.post(`/api/people/${student.id}/restore`).send({ version: archived.version }).expect(200);
    await expectCountersExact(class5A);
  });

  it('keeps the counters exact and one event per change under many parallel changes', async () => {
    const busy = await factory.schoolClass(schoolId, 9, 'К');
    const people: RosterPerson[] = [];
    for (let n = 0; n < 8; n += 1) {
      const family = await addStudent(admin, busy, `Параллельный ${n}`, [{ displayName: `Родитель ${n}` }]);
      people.push(firstOf(family.students), firstOf(family.parents));
    }
    const eventsBefore = await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = ANY($1::uuid[])`, [
      people.map((p) => p.id),
    ]);
    const statuses = [{ status: 'done' }, { status: 'blocked', blockerReason: 'shared_phone' }];
    // Every person gets three competing changes from the same version: exactly one may win.
    const requests = people.flatMap((person) =>
      [0, 1, 2].map((n) =>
        admin
          .put(`/api/people/${person.id}/steps/vk_id`)
          .send({ version: person.version, ...statuses[n % 2] })
          .then((response) => response.status),
      ),
    );
    const results = await Promise.all(requests);
    expect(results.every((status) => status === 200 || status === 409)).toBe(true);
    const succeeded = results.filter((status) => status === 200).length;
    expect(succeeded).toBe(people.length);
    const eventsAfter = await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = ANY($1::uuid[])`, [
      people.map((p) => p.id),
    ]);
    expect(eventsAfter - eventsBefore).toBe(succeeded);
    await expectCountersExact(busy);
  });

  it('offers the family of a parent typed again by hand (same name and phone) instead of a second copy of them', async () => {
    await addStudent(admin, class5B, 'Старший Брат', [{ displayName: 'Общая Мама Алёна', phone: '+7 913 000-11-22' }]);
    const typed = [{ displayName: 'общая мама  Алена', phone: '8 (913) 000-11-22' }];
    const match = (
      await teacher5A.post(`/api/classes/${class5A}/students/family-match`).send({ parents: typed }).expect(200)
    ).body as FamilyMatch;
    expect(match).toEqual({ match: { parentName: 'Общая Мама Алёна', classes: ['5Б'] } });
    const otherPhone = (
      await teacher5A
        .post(`/api/classes/${class5A}/students/family-match`)
        .send({ parents: [{ displayName: 'Общая Мама Алёна', phone: '+7 913 999-99-99' }] })
        .expect(200)
    ).body as FamilyMatch;
    expect(otherPhone.match).toBeNull();

    const joined = (
      await teacher5A
        .post(`/api/classes/${class5A}/students`)
        .send({ displayName: 'Младшая Сестра', parents: typed, joinFamilyOfParent: true })
        .expect(201)
    ).body as RosterFamily;
    expect(joined.parents.map((p) => p.displayName)).toEqual(['Общая Мама Алёна']);
    expect(joined.students.map((p) => p.displayName).sort()).toEqual(['Младшая Сестра', 'Старший Брат']);
    expect(
      await factory.count(`SELECT count(*) FROM person WHERE family_id = $1 AND kind = 'parent'`, [joined.id]),
    ).toBe(1);
    await expectCountersExact(class5A);
    await expectCountersExact(class5B);
  });
});
