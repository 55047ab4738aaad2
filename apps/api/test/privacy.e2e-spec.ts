import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, RosterFamily, SchoolErasureResult } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

describe('personal data: subject access and erasure', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let classId: string;
  let otherClassId: string;
  let admin: TestAgent;
  let teacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
    classId = await factory.schoolClass(schoolId, 11, 'А');
    otherClassId = await factory.schoolClass(schoolId, 8, 'А');
    admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  async function family(name: string, target = classId): Promise<RosterFamily> {
    const created = (
      await admin
        .post(`/api/classes/${target}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}`, phone: '+7 900 111-22-33' }] })
        .expect(201)
    ).body as RosterFamily;
    const student = firstOf(created.students);
    await admin
      .put(`/api/people/${student.id}/steps/vk_id`)
      .send({ version: student.version, status: 'blocked', blockerReason: 'other', blockerNote: 'болеет' })
      .expect(200);
    return created;
  }

  it('exports everything stored about a family, without a phone or a token', async () => {
    const created = await family('Доступов Иван');
    await admin
      .post(`/api/classes/${classId}/invites`)
      .send({ familyIds: [created.id] })
      .expect(200);
    const exported = (await admin.get(`/api/families/${created.id}/personal-data`).expect(200)).body as {
      people: Array<{ displayName: string; phoneGiven: boolean; history: unknown[]; steps: unknown[] }>;
      links: unknown[];
    };
    expect(exported.people.map((p) => p.displayName).sort()).toEqual(['Доступов Иван', 'Мама Доступов Иван']);
    expect(exported.people.find((p) => p.displayName.startsWith('Мама'))!.phoneGiven).toBe(true);
    expect(exported.people.find((p) => p.displayName === 'Доступов Иван')!.history).toHaveLength(1);
    expect(exported.links).toHaveLength(1);
    const data = JSON.stringify({ ...exported, note: undefined });
    expect(data).not.toMatch(/9001112233|[A-Za-z0-9_-]{43}|hmac|token/i);
    await teacher.get(`/api/families/${created.id}/personal-data`).expect(403);
  });

  it('erases a family with its history and links, and the counters follow', async () => {
    const created = await family('Стиранов Олег');
    await admin
      .post(`/api/classes/${classId}/invites`)
      .send({ familyIds: [created.id] })
      .expect(200);
    const ids = [...created.students, ...created.parents].map((p) => p.id);
    await teacher.delete(`/api/families/${created.id}`).expect(403);
    await admin.delete(`/api/families/${created.id}`).expect(204);
    expect(await factory.count(`SELECT count(*) FROM person WHERE id = ANY($1::uuid[])`, [ids])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = ANY($1::uuid[])`, [ids])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM invite WHERE family_id = $1`, [created.id])).toBe(0);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );
    await admin.delete(`/api/families/${created.id}`).expect(404);
  });

  it('answers a parent added while their family is being erased with 404 or 409, never a server error', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const created = await family(`Гонкин ${round}`);
      const adds = Array.from({ length: 6 }, (_, n) =>
        admin.post(`/api/families/${created.id}/parents`).send({ displayName: `Папа ${round}-${n}` }),
      );
      const [erased, ...added] = await Promise.all([admin.delete(`/api/families/${created.id}`), ...adds]);
      expect(erased.status).toBe(204);
      statuses.push(...added.map((response) => response.status));
      expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [created.id])).toBe(0);
    }
    expect(statuses.filter((status) => ![201, 404, 409].includes(status))).toEqual([]);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );
  });

  it('erases a class at the end of the year, keeping a sibling in another class and the snapshots', async () => {
    const endingClass = await factory.schoolClass(schoolId, 11, 'Б');
    const only = await family('Выпускник Один', endingClass);
    const withSibling = await family('Выпускник Два', endingClass);
    await admin
      .post(`/api/classes/${otherClassId}/students`)
      .send({ displayName: 'Младший Брат', familyId: withSibling.id })
      .expect(201);
    await factory.dataSource.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source) VALUES ($1, '2026-05-01', $2, $3, 'vk', '[]', 'counters')`,
      [endingClass, districtId, schoolId],
    );

    const result = (await admin.post(`/api/classes/${endingClass}/erase-roster`).expect(200)).body as {
      people: number;
    };
    expect(result.people).toBe(3);
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [endingClass])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM family WHERE id = $1`, [only.id])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [withSibling.id])).toBe(2);
    expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE class_id = $1`, [endingClass])).toBe(1);
    expect(await storedCounters(factory.dataSource, otherClassId)).toEqual(
      await recountFromSource(factory.dataSource, otherClassId),
    );
    await teacher.post(`/api/classes/${classId}/erase-roster`).expect(403);
  });

  describe('a whole school at the end of the year', () => {
    let districtAdmin: TestAgent;

    beforeAll(async () => {
      districtAdmin = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    });

    /** A school with two classes and families in both, a sibling across them, links, history and a snapshot. */
    async function fullSchool(): Promise<{ id: string; name: string; classIds: string[]; familyIds: string[] }> {
      const name = `Школа на выпуск ${Date.now()}`;
      const id = await factory.school(districtId, name);
      const classIds = [await factory.schoolClass(id, 4, 'А'), await factory.schoolClass(id, 9, 'Б')];
      const families: RosterFamily[] = [];
      for (const [index, target] of [classIds[0], classIds[0], classIds[1]].entries()) {
        const created = (
          await districtAdmin
            .post(`/api/classes/${target}/students`)
            .send({
              displayName: `Ученик ${index}`,
              parents: [{ displayName: `Родитель ${index}`, phone: '+7 900 111-22-33' }],
            })
            .expect(201)
        ).body as RosterFamily;
        const student = firstOf(created.students);
        await districtAdmin
          .put(`/api/people/${student.id}/steps/vk_id`)
          .send({ version: student.version, status: 'blocked', blockerReason: 'other', blockerNote: 'нет телефона' })
          .expect(200);
        families.push(created);
      }
      await districtAdmin
        .post(`/api/classes/${classIds[1]}/students`)
        .send({ displayName: 'Сестра', familyId: firstOf(families).id })
        .expect(201);
      await districtAdmin
        .post(`/api/classes/${classIds[0]}/invites`)
        .send({ familyIds: [firstOf(families).id, nth(families, 1).id] })
        .expect(200);
      await factory.dataSource.query(
        `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source) VALUES ($1, '2026-05-20', $2, $3, 'vk', '[]', 'counters')`,
        [classIds[0], districtId, id],
      );
      return { id, name, classIds, familyIds: families.map((f) => f.id) };
    }

    const left = async (schoolId: string) => ({
      families: await factory.count(`SELECT count(*) FROM family WHERE school_id = $1`, [schoolId]),
      people: await factory.count(`SELECT count(*) FROM person WHERE school_id = $1`, [schoolId]),
      steps: await factory.count(`SELECT count(*) FROM person_step WHERE school_id = $1`, [schoolId]),
      chats: await factory.count(`SELECT count(*) FROM chat_membership WHERE school_id = $1`, [schoolId]),
      history: await factory.count(`SELECT count(*) FROM progress_event WHERE school_id = $1`, [schoolId]),
      links: await factory.count(`SELECT count(*) FROM invite WHERE school_id = $1`, [schoolId]),
      counters: await factory.count(`SELECT count(*) FROM class_progress WHERE school_id = $1 AND people > 0`, [
        schoolId,
      ]),
    });
    const NOTHING = { families: 0, people: 0, steps: 0, chats: 0, history: 0, links: 0, counters: 0 };

    it('erases every family of a school in one call, keeping its classes, staff, chats and snapshots; a repeat erases nothing', async () => {
      const school = await fullSchool();
      const neighbour = await family('Соседний Ученик');
      const neighbourCounters = await storedCounters(factory.dataSource, classId);
      const staff = await factory.staff('teacher', { districtId, schoolId: school.id }, { classIds: school.classIds });
      const before = await left(school.id);
      expect(before.families).toBe(3);
      expect(before.people).toBe(7);
      expect(before.links).toBe(2);

      const schoolAdmin = await signIn(
        app,
        (await factory.staff('school_admin', { districtId, schoolId: school.id })).email,
      );
      const result = (
        await schoolAdmin.post(`/api/schools/${school.id}/erase-roster`).send({ schoolName: school.name }).expect(200)
      ).body as SchoolErasureResult;
      expect(result).toEqual({ families: 3, people: 7 });
      expect(await left(school.id)).toEqual(NOTHING);
      for (const id of school.classIds) {
        expect(await storedCounters(factory.dataSource, id)).toEqual([]);
        expect(await recountFromSource(factory.dataSource, id)).toEqual([]);
      }
      expect(
        await factory.count(`SELECT count(*) FROM school_class WHERE school_id = $1 AND archived_at IS NULL`, [
          school.id,
        ]),
      ).toBe(2);
      expect(await factory.count(`SELECT count(*) FROM chat WHERE school_id = $1`, [school.id])).toBeGreaterThan(0);
      expect(await factory.count(`SELECT count(*) FROM teacher_class WHERE staff_user_id = $1`, [staff.id])).toBe(2);
      expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE school_id = $1`, [school.id])).toBe(1);
      // Another school of the district keeps everything.
      expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [neighbour.id])).toBe(2);
      expect(await storedCounters(factory.dataSource, classId)).toEqual(neighbourCounters);

      const again = (
        await districtAdmin.post(`/api/schools/${school.id}/erase-roster`).send({ schoolName: school.name }).expect(200)
      ).body as SchoolErasureResult;
      expect(again).toEqual({ families: 0, people: 0 });
      await districtAdmin.get(`/api/classes/${school.classIds[0]}/roster`).expect(200);
    });

    it('lets only that school’s admin and its district’s admin erase it: 404 outside their scope, 403 for its teacher', async () => {
      const school = await fullSchool();
      const otherSchool = await factory.school(districtId);
      const otherDistrict = await factory.district();
      const erase = (agent: TestAgent, schoolName = school.name) =>
        agent.post(`/api/schools/${school.id}/erase-roster`).send({ schoolName });
      const agent = async (
        role: 'teacher' | 'school_admin' | 'district_admin',
        place: { districtId: string; schoolId?: string },
      ) => signIn(app, (await factory.staff(role, place, role === 'teacher' ? { classIds: [] } : {})).email);

      await erase(await agent('teacher', { districtId, schoolId: school.id })).expect(403);
      await erase(await agent('teacher', { districtId, schoolId: otherSchool })).expect(404);
      await erase(await agent('school_admin', { districtId, schoolId: otherSchool })).expect(404);
      await erase(await agent('district_admin', { districtId: otherDistrict })).expect(404);
      await districtAdmin
        .post(`/api/schools/00000000-0000-4000-8000-00000000dead/erase-roster`)
        .send({ schoolName: 'x' })
        .expect(404);

      // The name is the confirmation: a wrong or missing one erases nothing.
      const wrong = (await erase(districtAdmin, `${school.name} (другая)`).expect(400)).body as ApiErrorBody;
      expect(wrong.details?.map((detail) => detail.field)).toEqual(['schoolName']);
      await districtAdmin.post(`/api/schools/${school.id}/erase-roster`).send({}).expect(400);
      await districtAdmin
        .post(`/api/schools/${school.id}/erase-roster`)
        .send({ schoolName: school.name, force: true })
        .expect(400);
      expect((await left(school.id)).people).toBe(7);

      await erase(districtAdmin).expect(200);
      expect(await left(school.id)).toEqual(NOTHING);
    });

    it('stays exact under concurrency: two erasures, a class erasure and teachers’ changes at once end with no one left and true counters', async () => {
      // A few rounds, so that the requests interleave in more than one order.
      for (let round = 0; round < 3; round++) {
        const school = await fullSchool();
        const roster = (await districtAdmin.get(`/api/classes/${school.classIds[0]}/roster`).expect(200)).body as {
          families: RosterFamily[];
        };
        const students = roster.families.flatMap((f) => f.students);
        const eraseSchool = () =>
          districtAdmin.post(`/api/schools/${school.id}/erase-roster`).send({ schoolName: school.name });
        const changeStep = (student: RosterFamily['students'][number]) =>
          districtAdmin
            .put(`/api/people/${student.id}/steps/sferum_profile`)
            .send({ version: student.version, status: 'done' });

        const [first, ...others] = await Promise.all([
          eraseSchool(),
          districtAdmin.post(`/api/classes/${school.classIds[1]}/erase-roster`),
          ...students.map(changeStep),
          eraseSchool(),
        ]);
        const second = nth(others, others.length - 1);
        // Both erasures succeed and together erase each family once; a change after them finds its person gone.
        expect([first.status, second.status]).toEqual([200, 200]);
        const erased = [first, second].map((response) => (response.body as SchoolErasureResult).families);
        expect(firstOf(erased) + nth(erased, 1)).toBeLessThanOrEqual(3);
        expect(others.map((response) => response.status).filter((status) => ![200, 404, 409].includes(status))).toEqual(
          [],
        );
        expect(await left(school.id)).toEqual(NOTHING);
        for (const id of school.classIds) {
          expect(await storedCounters(factory.dataSource, id)).toEqual(await recountFromSource(factory.dataSource, id));
        }
      }
    });
  });
});
