import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RosterFamily } from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';

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
    teacher = await signIn(app, (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  async function family(name: string, target = classId): Promise<RosterFamily> {
    const created = (await admin.post(`/api/classes/${target}/students`).send({ displayName: name, parents: [{ displayName: `Мама ${name}`, phone: '+7 900 111-22-33' }] }).expect(201))
      .body as RosterFamily;
    const student = created.students[0];
    await admin.put(`/api/people/${student.id}/steps/vk_id`).send({ version: student.version, status: 'blocked', blockerReason: 'other', blockerNote: 'болеет' }).expect(200);
    return created;
  }

  it('exports everything stored about a family, without a phone or a token', async () => {
    const created = await family('Доступов Иван');
    await admin.post(`/api/classes/${classId}/invites`).send({ familyIds: [created.id] }).expect(200);
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
    await admin.post(`/api/classes/${classId}/invites`).send({ familyIds: [created.id] }).expect(200);
    const ids = [...created.students, ...created.parents].map((p) => p.id);
    await teacher.delete(`/api/families/${created.id}`).expect(403);
    await admin.delete(`/api/families/${created.id}`).expect(204);
    expect(await factory.count(`SELECT count(*) FROM person WHERE id = ANY($1::uuid[])`, [ids])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = ANY($1::uuid[])`, [ids])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM invite WHERE family_id = $1`, [created.id])).toBe(0);
    expect(await storedCounters(factory.dataSource, classId)).toEqual(await recountFromSource(factory.dataSource, classId));
    await admin.delete(`/api/families/${created.id}`).expect(404);
  });

  it('erases a class at the end of the year, keeping a sibling in another class and the snapshots', async () => {
    const endingClass = await factory.schoolClass(schoolId, 11, 'Б');
    const only = await family('Выпускник Один', endingClass);
    const withSibling = await family('Выпускник Два', endingClass);
    await admin.post(`/api/classes/${otherClassId}/students`).send({ displayName: 'Младший Брат', familyId: withSibling.id }).expect(201);
    await factory.dataSource.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, counters, source) VALUES ($1, '2026-05-01', $2, $3, '[]', 'counters')`,
      [endingClass, districtId, schoolId],
    );

    const result = (await admin.post(`/api/classes/${endingClass}/erase-roster`).expect(200)).body as { people: number };
    expect(result.people).toBe(3);
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [endingClass])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM family WHERE id = $1`, [only.id])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [withSibling.id])).toBe(2);
    expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE class_id = $1`, [endingClass])).toBe(1);
    expect(await storedCounters(factory.dataSource, otherClassId)).toEqual(await recountFromSource(factory.dataSource, otherClassId));
    await teacher.post(`/api/classes/${classId}/erase-roster`).expect(403);
  });
});
