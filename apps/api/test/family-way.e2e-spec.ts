import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  PARENT_TOKEN_HEADER,
  type ApiErrorBody,
  type ChatSummary,
  type ClassRoster,
  type FamilyInvite,
  type ParentFamily,
  type RosterFamily,
  type SchoolClassSummary,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, linkTokenOf } from './support/pick';

const fieldsOf = (body: unknown) => (body as ApiErrorBody).details?.map((detail) => detail.field);

/** The way from the letter to the chat: chat links, short codes, the parents' meeting, stale pages, the link's status. */
describe('the family’s way through', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let classId: string;
  let otherClassId: string;
  let teacher: TestAgent;
  let schoolAdmin: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId, undefined, 'max');
    classId = await factory.schoolClass(schoolId, 4, 'Б');
    otherClassId = await factory.schoolClass(schoolId, 4, 'В');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
    schoolAdmin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
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
  async function issue(
    familyIds: string[],
    regenerate = false,
    target = classId,
    agent = teacher,
  ): Promise<FamilyInvite[]> {
    return (await agent.post(`/api/classes/${target}/invites`).send({ familyIds, regenerate }).expect(200))
      .body as FamilyInvite[];
  }
  const tokenOf = linkTokenOf;
  /** Each test its own address, so that one test's failed look-ups do not stop another's. */
  const parent = (secret: string, ip: string) => ({
    get: () =>
      request(app.getHttpServer())
        .get('/api/parent/family')
        .set(PARENT_TOKEN_HEADER, secret)
        .set('X-Forwarded-For', ip),
    put: (path: string, body: object) =>
      request(app.getHttpServer())
        .put(`/api/parent/${path}`)
        .set(PARENT_TOKEN_HEADER, secret)
        .set('X-Forwarded-For', ip)
        .send(body),
  });
  const roster = async (target = classId) =>
    (await teacher.get(`/api/classes/${target}/roster`).expect(200)).body as ClassRoster;

  describe('chat invitation links', () => {
    it('takes the link of the class’s chat from MAX and shows it to the people who belong in that chat', async () => {
      const family = await newFamily('Чатов Игорь');
      const chats = (await roster()).chats;
      const parentsChat = chats.find((chat) => chat.kind === 'class' && chat.audience === 'parents')!;
      const studentsChat = chats.find((chat) => chat.kind === 'class' && chat.audience === 'students')!;
      const link = 'https://max.ru/join/DQJsHDoQ0rxT-gDAfz7WkXgN426ROLxWf-kTq69cXN8';
      const saved = (await teacher.put(`/api/chats/${parentsChat.id}/invite-link`).send({ url: link }).expect(200))
        .body as ChatSummary;
      expect(saved).toMatchObject({ id: parentsChat.id, inviteUrl: link });
      expect((await roster()).chats.find((chat) => chat.id === parentsChat.id)!.inviteUrl).toBe(link);

      const invite = firstOf(await issue([family.id]));
      const page = (await parent(tokenOf(invite), '192.0.2.10').get().expect(200)).body as ParentFamily;
      const mother = page.people.find((p) => p.kind === 'parent')!;
      const child = page.people.find((p) => p.kind === 'student')!;
      expect(mother.chats.find((chat) => chat.kind === 'class')).toMatchObject({
        audience: 'parents',
        inviteUrl: link,
      });
      expect(child.chats.find((chat) => chat.chatId === studentsChat.id)!.inviteUrl).toBeNull();
      expect(child.chats.map((chat) => chat.chatId)).not.toContain(parentsChat.id);
    });

    it.each([
      ['http://max.ru/join/abc', 'not https'],
      ['https://vk.me/join/AJQ1d7fBUBM_800lhEe_AwJj', 'a VK link on a MAX school'],
      ['https://max.ru.example.com/join/abc', 'a look-alike host'],
      ['ftp://max.ru/join/abc', 'another scheme'],
      ['мой чат', 'not a link'],
    ])('refuses %s (%s), naming url', async (url) => {
      const chat = (await roster()).chats.find((c) => c.kind === 'class')!;
      const response = await teacher.put(`/api/chats/${chat.id}/invite-link`).send({ url }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['url']);
    });

    it('answers 404 for another class’s chat, 403 for a teacher on the school chat, and lets the school’s admin set that one', async () => {
      await newFamily('Чужой Класс', otherClassId, schoolAdmin);
      const otherChats = (await schoolAdmin.get(`/api/classes/${otherClassId}/roster`).expect(200)).body as ClassRoster;
      const otherClassChat = otherChats.chats.find((chat) => chat.kind === 'class')!;
      await teacher
        .put(`/api/chats/${otherClassChat.id}/invite-link`)
        .send({ url: 'https://max.ru/join/x' })
        .expect(404);
      const schoolChat = otherChats.chats.find((chat) => chat.kind === 'school')!;
      await teacher
        .put(`/api/chats/${schoolChat.id}/invite-link`)
        .send({ url: 'https://max.ru/join/school' })
        .expect(403);
      await schoolAdmin
        .put(`/api/chats/${schoolChat.id}/invite-link`)
        .send({ url: 'https://web.max.ru/join/school' })
        .expect(200);
      const cleared = (await schoolAdmin.put(`/api/chats/${schoolChat.id}/invite-link`).send({ url: null }).expect(200))
        .body as ChatSummary;
      expect(cleared.inviteUrl).toBeNull();
    });
  });

  describe('short codes', () => {
    it('opens the family’s page with the code typed with or without dashes, in any case; a revoked or regenerated link ends it', async () => {
      const family = await newFamily('Кодов Семён');
      const invite = firstOf(await issue([family.id]));
      expect(invite.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      expect(invite.shortAddress).toMatch(/\/p$/);
      const code = invite.code!;
      for (const typed of [
        code,
        code.replaceAll('-', ''),
        code.toLowerCase(),
        ` ${code.toLowerCase().replaceAll('-', ' ')} `,
      ]) {
        const page = (await parent(typed, '192.0.2.20').get().expect(200)).body as ParentFamily;
        expect(page.people.map((p) => p.displayName).sort()).toEqual(['Кодов Семён', 'Мама Кодов Семён']);
      }
      // The same code is shown again, as the link is.
      const listed = ((await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]).find(
        (i) => i.familyId === family.id,
      )!;
      expect(listed.code).toBe(code);

      const regenerated = firstOf(await issue([family.id], true));
      expect(regenerated.code).not.toBe(code);
      const gone = await parent(code, '192.0.2.20').get().expect(404);
      const unknown = await parent('ZZZZ-ZZZZ-ZZZZ', '192.0.2.20').get().expect(404);
      expect(gone.body).toEqual(unknown.body);
      await parent(regenerated.code!, '192.0.2.20').get().expect(200);
      await teacher.post(`/api/families/${family.id}/invite/revoke`).expect(204);
      await parent(regenerated.code!, '192.0.2.20').get().expect(404);
      await parent(tokenOf(regenerated), '192.0.2.20').get().expect(404);
    });

    it('keeps no code in the database, only its hash', async () => {
      const family = await newFamily('Хешев Артур');
      const invite = firstOf(await issue([family.id]));
      const dump = await factory.dataSource.query<Array<{ rows: string }>>(
        `SELECT string_agg(i::text, '|') AS rows FROM invite i WHERE family_id = $1`,
        [family.id],
      );
      expect(firstOf(dump).rows).not.toContain(invite.code!.replaceAll('-', ''));
      expect(
        await factory.count(`SELECT count(*) FROM invite WHERE family_id = $1 AND code_hash IS NOT NULL`, [family.id]),
      ).toBe(1);
    });
  });

  describe('limits', () => {
    it('lets forty families on one address each open their page and act six times within a minute, with no 429', async () => {
      const meetingClass = await factory.schoolClass(schoolId, 8, 'М');
      const families: RosterFamily[] = [];
      for (let n = 0; n < 40; n += 1) families.push(await newFamily(`Собрание ${n}`, meetingClass, schoolAdmin));
      const invites = await issue(
        families.map((family) => family.id),
        false,
        meetingClass,
        schoolAdmin,
      );
      const started = Date.now();
      const statuses: number[] = [];
      await Promise.all(
        invites.map(async (invite, index) => {
          const family = families.find((f) => f.id === invite.familyId)!;
          const { get, put } = parent(index % 2 === 0 ? tokenOf(invite) : invite.code!, '203.0.113.40');
          const mother = firstOf(family.parents).id;
          const child = firstOf(family.students).id;
          const actions = [
            () => put(`people/${child}/steps/max_account`, { status: 'done' }),
            () =>
              put(`people/${child}/steps/school_profile`, { status: 'blocked', blockerReason: 'role_not_confirmed' }),
            () => put(`people/${mother}/steps/max_account`, { status: 'done' }),
            () => put(`people/${mother}/steps/school_profile`, { status: 'done' }),
            () => put(`people/${mother}/steps/school_profile`, { status: 'not_started' }),
            () => put(`people/${mother}/opt-out`, { optedOut: true, channel: 'e_diary' }),
          ];
          statuses.push((await get()).status);
          // Every form is a post and a redirect to the page: the page is read again after each action.
          for (const action of actions) {
            statuses.push((await action()).status);
            statuses.push((await get()).status);
          }
        }),
      );
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(statuses).toHaveLength(40 * 13);
      expect(statuses.filter((status) => status === 429)).toEqual([]);
      expect(statuses.every((status) => status === 200)).toBe(true);
    });

    it('stops guessing: after 30 failed look-ups an address gets 429, even for a real link; another address is not affected', async () => {
      const family = await newFamily('Угадайкин Пётр');
      const invite = firstOf(await issue([family.id]));
      const guesser = '198.18.0.7';
      const statuses: number[] = [];
      for (let n = 0; n < 30; n += 1) {
        statuses.push(
          (await parent(`ABCD-EFGH-${String(n).padStart(2, '2').replace(/[01]/g, '2')}KL`, guesser).get()).status,
        );
      }
      expect(statuses.every((status) => status === 404)).toBe(true);
      const stopped = await parent('ABCD-EFGH-JKLM', guesser).get().expect(429);
      expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
      await parent(tokenOf(invite), guesser).get().expect(429);
      await parent(tokenOf(invite), '198.18.0.8').get().expect(200);
    });
  });

  describe('a stale page', () => {
    it('saves nothing when the school changed the step since the parent’s page was loaded, and saves on “confirm anyway”', async () => {
      const family = await newFamily('Устарелов Гена');
      const invite = firstOf(await issue([family.id]));
      const { get, put } = parent(tokenOf(invite), '192.0.2.30');
      const page = (await get().expect(200)).body as ParentFamily;
      const child = page.people.find((p) => p.kind === 'student')!;
      const seen = { status: firstOf(child.steps).status, updatedAt: firstOf(child.steps).updatedAt };
      expect(seen).toEqual({ status: 'not_started', updatedAt: null });

      const student = firstOf(family.students);
      await teacher
        .put(`/api/people/${student.id}/steps/max_account`)
        .send({ version: student.version, status: 'blocked', blockerReason: 'old_phone' })
        .expect(200);
      const stale = await put(`people/${child.id}/steps/max_account`, { status: 'done', seen }).expect(409);
      expect((stale.body as ApiErrorBody).code).toBe('changed_by_school');
      const after = (await get().expect(200)).body as ParentFamily;
      const step = firstOf(after.people.find((p) => p.id === child.id)!.steps);
      expect(step).toMatchObject({ status: 'blocked', blockerReason: 'old_phone', markedBy: 'school' });

      // With what the page shows now, the same post goes through; so does "confirm anyway" (no seen).
      await put(`people/${child.id}/steps/max_account`, {
        status: 'done',
        seen: { status: step.status, updatedAt: step.updatedAt },
      }).expect(200);
      const own = (await get().expect(200)).body as ParentFamily;
      const mine = firstOf(own.people.find((p) => p.id === child.id)!.steps);
      // The parent's own earlier change never blocks their next one.
      await put(`people/${child.id}/steps/max_account`, {
        status: 'not_started',
        seen: { status: 'not_started', updatedAt: null },
      }).expect(200);
      expect(mine.markedBy).toBe('parent');
      await put(`people/${child.id}/steps/max_account`, { status: 'done' }).expect(200);
    });
  });

  describe('what the teacher and the parents see about each other', () => {
    it('shows on the links tab that a family reported a problem or opted out, not just that it opened the link', async () => {
      const family = await newFamily('Статусов Лев');
      const invite = firstOf(await issue([family.id]));
      const { put } = parent(tokenOf(invite), '192.0.2.40');
      const status = async () =>
        ((await teacher.get(`/api/classes/${classId}/invites`).expect(200)).body as FamilyInvite[]).find(
          (i) => i.familyId === family.id,
        )!;
      await put(`people/${firstOf(family.parents).id}/steps/max_account`, {
        status: 'blocked',
        blockerReason: 'foreign_number',
      }).expect(200);
      expect(await status()).toMatchObject({ status: 'problem', problems: 1, optedOut: 0 });
      await put('opt-out', { optedOut: true, channel: 'phone' }).expect(200);
      expect(await status()).toMatchObject({ status: 'opted_out', problems: 0, optedOut: 2 });
      await put('opt-out', { optedOut: false }).expect(200);
      expect((await status()).status).toBe('problem');
    });

    it('gives the parents the class teacher’s contact and the deadline, which the class’s teacher sets', async () => {
      const bad = await teacher
        .put(`/api/classes/${classId}/parent-info`)
        .send({ parentContact: 'x', deadline: '20.12.2026' })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['deadline']);
      const tooLong = await teacher
        .put(`/api/classes/${classId}/parent-info`)
        .send({ parentContact: 'x'.repeat(301), deadline: null })
        .expect(400);
      expect(fieldsOf(tooLong.body)).toEqual(['parentContact']);
      const contact = 'Елена Игоревна, каб. 21, по будням 15:00–17:00';
      const saved = (
        await teacher
          .put(`/api/classes/${classId}/parent-info`)
          .send({ parentContact: contact, deadline: '2026-12-20' })
          .expect(200)
      ).body as SchoolClassSummary;
      expect(saved).toMatchObject({ parentContact: contact, deadline: '2026-12-20' });
      const other = await signIn(
        app,
        (await factory.staff('teacher', { districtId, schoolId }, { classIds: [otherClassId] })).email,
      );
      await other
        .put(`/api/classes/${classId}/parent-info`)
        .send({ parentContact: 'чужой', deadline: null })
        .expect(404);

      const family = await newFamily('Контактов Илья');
      const invite = firstOf(await issue([family.id]));
      const page = (await parent(tokenOf(invite), '192.0.2.50').get().expect(200)).body as ParentFamily;
      expect(page.classes).toEqual([
        { className: '4Б', teachers: ['Тестовый teacher'], parentContact: contact, deadline: '2026-12-20' },
      ]);
      const person = firstOf((await roster()).families.find((f) => f.id === family.id)!.students);
      expect(person.displayName).toBe('Контактов Илья');
    });
  });
});
