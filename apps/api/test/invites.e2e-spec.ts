import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  PARENT_TOKEN_HEADER,
  type ClassRoster,
  type FamilyInvite,
  type ParentFamily,
  type RosterFamily,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, linkTokenOf } from './support/pick';

/** Collects every log line the app writes. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('parent links', () => {
  let app: NestExpressApplication;
  let logs: LogCapture;
  let factory: OrgFactory;
  let schoolId: string;
  let classId: string;
  let otherClassId: string;
  let teacher: TestAgent;
  let districtId: string;

  beforeAll(async () => {
    logs = new LogCapture();
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000', LOG_LEVEL: 'info' }, logs);
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
    classId = await factory.schoolClass(schoolId, 2, 'А');
    otherClassId = await factory.schoolClass(schoolId, 2, 'Б');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  async function newFamily(name: string, target = classId, agent = teacher): Promise<RosterFamily> {
    return (
      await agent
        .post(`/api/classes/${target}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }] })
        .expect(201)
    ).body as RosterFamily;
  }
  async function issue(familyIds: string[], regenerate = false): Promise<FamilyInvite[]> {
    return (await teacher.post(`/api/classes/${classId}/invites`).send({ familyIds, regenerate }).expect(200))
      .body as FamilyInvite[];
  }
  const tokenOf = linkTokenOf;
  const parentGet = (token: string) =>
    request(app.getHttpServer()).get('/api/parent/family').set(PARENT_TOKEN_HEADER, token);
  const parentSet = (token: string, personId: string, step: string, body: object) =>
    request(app.getHttpServer())
      .put(`/api/parent/people/${personId}/steps/${step}`)
      .set(PARENT_TOKEN_HEADER, token)
      .send(body);

  it('walks a link through its life: issued, opened, confirmed, regenerated, revoked', async () => {
    const family = await newFamily('Жизненный Цикл');
    const issued = firstOf(await issue([family.id]));
    expect(issued).toMatchObject({ familyId: family.id, status: 'issued', students: ['Жизненный Цикл'] });
    expect(issued.link).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(issued.expiresAt!).getUTCMonth()).toBe(7);

    const token = tokenOf(issued);
    const opened = (await parentGet(token).expect(200)).body as ParentFamily;
    expect(opened.people.map((p) => p.displayName).sort()).toEqual(['Жизненный Цикл', 'Мама Жизненный Цикл']);
    expect(opened.people.find((p) => p.kind === 'student')!.className).toBe('2А');
    const listed = ((await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]).find(
      (i) => i.familyId === family.id,
    )!;
    expect(listed.status).toBe('opened');
    expect(listed.link).toBe(issued.link);
    expect(listed.firstOpenedAt).not.toBeNull();

    const mother = opened.people.find((p) => p.kind === 'parent')!;
    const confirmed = (await parentSet(token, mother.id, 'vk_id', { status: 'done' }).expect(200)).body as ParentFamily;
    expect(confirmed.people.find((p) => p.id === mother.id)!.steps[0]).toMatchObject({
      status: 'done',
      markedBy: 'parent',
    });
    const afterConfirm = (
      (await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]
    ).find((i) => i.familyId === family.id)!;
    expect(afterConfirm.status).toBe('confirmed');
    const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const inRoster = firstOf(roster.families.find((f) => f.id === family.id)!.parents);
    expect(inRoster.steps[0]).toMatchObject({ status: 'done', updatedSource: 'parent_link' });

    const regenerated = firstOf(await issue([family.id], true));
    expect(regenerated.link).not.toBe(issued.link);
    await parentGet(token).expect(404);
    await parentGet(tokenOf(regenerated)).expect(200);

    await teacher.post(`/api/families/${family.id}/invite/revoke`).expect(204);
    await parentGet(tokenOf(regenerated)).expect(404);
    const revoked = ((await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]).find(
      (i) => i.familyId === family.id,
    )!;
    expect(revoked).toMatchObject({ status: 'none', link: null });
  });

  it('keeps an active link when issued again without regenerate', async () => {
    const family = await newFamily('Повторная Выдача');
    const first = firstOf(await issue([family.id]));
    const second = firstOf(await issue([family.id]));
    expect(second.link).toBe(first.link);
  });

  it('answers an expired, a tampered and an unknown link with the same 404', async () => {
    const family = await newFamily('Просроченная Ссылка');
    const invite = firstOf(await issue([family.id]));
    const token = tokenOf(invite);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const unknown = (await parentGet(tampered).expect(404)).body as unknown;
    expect((await parentGet('short').expect(404)).body).toEqual(unknown);
    expect((await request(app.getHttpServer()).get('/api/parent/family').expect(404)).body).toEqual(unknown);
    await factory.dataSource.query(`UPDATE invite SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [
      family.id,
    ]);
    expect((await parentGet(token).expect(404)).body).toEqual(unknown);
    const renewed = firstOf(await issue([family.id]));
    expect(renewed.link).not.toBe(invite.link);
  });

  it('gives 404 for a person of another family, even one of the same class', async () => {
    const mine = await newFamily('Своя Семья');
    const theirs = await newFamily('Чужая Семья');
    const invite = firstOf(await issue([mine.id]));
    await parentSet(tokenOf(invite), firstOf(theirs.students).id, 'vk_id', { status: 'done' }).expect(404);
    const elsewhere = await newFamily(
      'Другой Класс',
      otherClassId,
      await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email),
    );
    await parentSet(tokenOf(invite), firstOf(elsewhere.students).id, 'vk_id', { status: 'done' }).expect(404);
    expect(
      await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = ANY($1::uuid[])`, [
        [firstOf(theirs.students).id, firstOf(elsewhere.students).id],
      ]),
    ).toBe(0);
  });

  it('counts a double confirmation once', async () => {
    const family = await newFamily('Двойное Нажатие');
    const invite = firstOf(await issue([family.id]));
    const studentId = firstOf(family.students).id;
    await parentSet(tokenOf(invite), studentId, 'sferum_profile', { status: 'done' }).expect(200);
    await parentSet(tokenOf(invite), studentId, 'sferum_profile', { status: 'done' }).expect(200);
    expect(await factory.count(`SELECT count(*) FROM progress_event WHERE person_id = $1`, [studentId])).toBe(2);
    const events = await factory.dataSource.query<Array<{ source: string; actor_staff_id: string | null }>>(
      `SELECT source, actor_staff_id FROM progress_event WHERE person_id = $1`,
      [studentId],
    );
    expect(events.every((event) => event.source === 'parent_link' && event.actor_staff_id === null)).toBe(true);
  });

  it('lets a parent say what blocks them, with the reason required', async () => {
    const family = await newFamily('Что Мешает');
    const invite = firstOf(await issue([family.id]));
    const mother = firstOf(family.parents).id;
    await parentSet(tokenOf(invite), mother, 'vk_id', { status: 'blocked' }).expect(400);
    const blocked = (
      await parentSet(tokenOf(invite), mother, 'vk_id', {
        status: 'blocked',
        blockerReason: 'shared_phone',
        blockerNote: 'у нас один телефон на двоих',
      }).expect(200)
    ).body as ParentFamily;
    expect(blocked.people.find((p) => p.id === mother)!.steps[0]).toMatchObject({
      status: 'blocked',
      blockerReason: 'shared_phone',
    });
  });

  it('keeps the raw token out of the database and out of the logs', async () => {
    const family = await newFamily('Тайный Токен');
    const invite = firstOf(await issue([family.id]));
    const token = tokenOf(invite);
    await parentGet(token).expect(200);
    await parentSet(token, firstOf(family.students).id, 'vk_id', { status: 'done' }).expect(200);
    const dump = await factory.dataSource.query<Array<{ rows: string }>>(
      `SELECT string_agg(i::text, '|') AS rows FROM invite i WHERE family_id = $1`,
      [family.id],
    );
    expect(firstOf(dump).rows).not.toContain(token);
    expect(firstOf(dump).rows).not.toContain(Buffer.from(token).toString('hex'));
    expect(logs.text).toContain('/api/parent/family');
    expect(logs.text).not.toContain(token);
    expect(logs.text).not.toMatch(/Тайный Токен|Мама Тайный/);
  });

  it('keeps the teacher of another class out of the links of this one', async () => {
    const otherTeacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [otherClassId] })).email,
    );
    const family = await newFamily('Закрытая Семья');
    await otherTeacher.get(`/api/classes/${classId}/invites`).expect(404);
    await otherTeacher
      .post(`/api/classes/${otherClassId}/invites`)
      .send({ familyIds: [family.id] })
      .expect(404);
    await otherTeacher.post(`/api/families/${family.id}/invite/revoke`).expect(404);
  });

  it('limits how often one link is used in a minute', async () => {
    const family = await newFamily('Частые Нажатия');
    const invite = firstOf(await issue([family.id]));
    const statuses: number[] = [];
    for (let n = 0; n < 61; n += 1) {
      statuses.push((await parentGet(tokenOf(invite)).set('X-Forwarded-For', `198.51.100.${n}`)).status);
    }
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('remembers when a family was reminded', async () => {
    const family = await newFamily('Напомнить Бы');
    await teacher.post(`/api/families/${family.id}/reminded`).expect(204);
    const listed = ((await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]).find(
      (i) => i.familyId === family.id,
    )!;
    expect(listed.lastRemindedAt).not.toBeNull();
  });
});
