import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  FIRST_VISIT_DAYS,
  PARENT_TOKEN_HEADER,
  type ClassChanges,
  type ClassOverviewList,
  type ClassRoster,
  type ClassSeen,
  type FamilyInvite,
  type ParentFamily,
  type RosterFamily,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { firstOf, linkTokenOf, nth } from './support/pick';
import { waitForSessionBlockedBy } from './support/locks';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** «Что изменилось»: the history since a staff member's last visit to a class, the visit itself, the class cards. */
describe('what changed since the last visit', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let schoolId: string;
  const classes: string[] = [];
  let otherSchoolClass: string;
  let teacher: TestAgent;
  let colleague: TestAgent;
  let otherSchoolAdmin: TestAgent;
  let addresses = 0;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    schoolId = await factory.school(districtId, undefined, 'max');
    for (const letter of ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З'])
      classes.push(await factory.schoolClass(schoolId, 6, letter));
    const otherSchool = await factory.school(districtId, undefined, 'max');
    otherSchoolClass = await factory.schoolClass(otherSchool, 6, 'А');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: classes })).email,
    );
    colleague = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
    otherSchoolAdmin = await signIn(
      app,
      (await factory.staff('school_admin', { districtId, schoolId: otherSchool })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  async function newFamily(classId: string, name: string): Promise<RosterFamily> {
    return (
      await teacher
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}`, phone: '+7 912 345-67-89' }] })
        .expect(201)
    ).body as RosterFamily;
  }

  /** The family's parent link, as the parent opens it (each family its own address, under the rate limit). */
  async function parentOf(classId: string, family: RosterFamily) {
    const invite = firstOf(
      (
        await teacher
          .post(`/api/classes/${classId}/invites`)
          .send({ familyIds: [family.id] })
          .expect(200)
      ).body as FamilyInvite[],
    );
    const token = linkTokenOf(invite);
    addresses += 1;
    const ip = `192.0.2.${addresses}`;
    const page = (
      await request(app.getHttpServer())
        .get('/api/parent/family')
        .set(PARENT_TOKEN_HEADER, token)
        .set('X-Forwarded-For', ip)
        .expect(200)
    ).body as ParentFamily;
    const put = (path: string, body: object) =>
      request(app.getHttpServer())
        .put(`/api/parent/${path}`)
        .set(PARENT_TOKEN_HEADER, token)
        .set('X-Forwarded-For', ip)
        .send(body)
        .expect(200);
    return {
      token,
      mother: page.people.find((person) => person.kind === 'parent')!.id,
      child: page.people.find((person) => person.kind === 'student')!.id,
      put,
    };
  }

  const changes = async (classId: string, agent = teacher) =>
    (await agent.get(`/api/classes/${classId}/changes`).expect(200)).body as ClassChanges;
  const markSeen = async (classId: string, seenAt: string, agent = teacher) =>
    (await agent.put(`/api/classes/${classId}/seen`).send({ seenAt }).expect(200)).body as ClassSeen;
  /** Shows the summary and records the visit, as the class page does. */
  const visit = async (classId: string) => {
    const summary = await changes(classId);
    await markSeen(classId, summary.asOf);
    return summary;
  };

  it('on a first visit covers the last days, and names the family whose parent confirmed a step through the link', async () => {
    const classId = nth(classes, 0);
    const family = await newFamily(classId, 'Ушаков Павел');
    const parent = await parentOf(classId, family);
    await parent.put(`people/${parent.mother}/steps/max_account`, { status: 'done' });

    const summary = await changes(classId);
    expect(summary.seenAt).toBeNull();
    expect(Date.parse(summary.asOf) - Date.parse(summary.since)).toBe(FIRST_VISIT_DAYS * DAY);
    expect(summary.counts).toEqual({ marked: 1, blocked: 0, optedOut: 0 });
    expect(summary.changes).toEqual([
      expect.objectContaining({
        kind: 'marked',
        personId: parent.mother,
        familyId: family.id,
        personKind: 'parent',
        personName: 'Мама Ушаков Павел',
        studentNames: ['Ушаков Павел'],
        pathId: 'max',
        items: [{ step: 'max_account', chat: null, blockerReason: null }],
        source: 'parent_link',
      }),
    ]);
    // Names, yes; the family's link and phone, never.
    const text = JSON.stringify(summary);
    expect(text).not.toContain(parent.token);
    expect(text).not.toMatch(/912|345|phone/i);
  });

  it('reading records no visit: the summary stays until the page says it has shown it', async () => {
    const classId = nth(classes, 1);
    const family = await newFamily(classId, 'Чтецов Олег');
    const parent = await parentOf(classId, family);
    await parent.put(`people/${parent.child}/steps/max_account`, { status: 'done' });
    const first = await changes(classId);
    const again = await changes(classId);
    expect(again.seenAt).toBeNull();
    expect(again.counts).toEqual(first.counts);
    expect(again.counts.marked).toBe(1);

    await markSeen(classId, again.asOf);
    const after = await changes(classId);
    expect(after.seenAt).toBe(again.asOf);
    expect(after.since).toBe(again.asOf);
    expect(after.counts).toEqual({ marked: 0, blocked: 0, optedOut: 0 });
    expect(after.changes).toEqual([]);
  });

  it('after the visit shows what is new: a step confirmed, a problem reported, an opt-out, each as the parent said it', async () => {
    const classId = nth(classes, 2);
    const [confirming, blocked, opting] = [
      await newFamily(classId, 'Архипов Дмитрий'),
      await newFamily(classId, 'Беляева Анна'),
      await newFamily(classId, 'Воронин Глеб'),
    ];
    const [p1, p2, p3] = [
      await parentOf(classId, confirming),
      await parentOf(classId, blocked),
      await parentOf(classId, opting),
    ];
    await p1.put(`people/${p1.child}/steps/max_account`, { status: 'done' });
    await visit(classId);

    // Marking a later step marks the earlier ones too: one line for the person, each step once.
    await p1.put(`people/${p1.mother}/steps/school_profile`, { status: 'done' });
    expect((await changes(classId)).changes).toEqual([
      expect.objectContaining({
        kind: 'marked',
        personId: p1.mother,
        items: [
          { step: 'max_account', chat: null, blockerReason: null },
          { step: 'school_profile', chat: null, blockerReason: null },
        ],
      }),
    ]);

    await p2.put(`people/${p2.child}/steps/school_profile`, {
      status: 'blocked',
      blockerReason: 'role_not_confirmed',
    });
    const withProblem = await changes(classId);
    expect(withProblem.counts).toEqual({ marked: 1, blocked: 1, optedOut: 0 });
    expect(firstOf(withProblem.changes)).toMatchObject({
      kind: 'blocked',
      personId: p2.child,
      personKind: 'student',
      studentNames: ['Беляева Анна'],
      items: [{ step: 'school_profile', chat: null, blockerReason: 'role_not_confirmed' }],
      source: 'parent_link',
    });

    await p3.put('opt-out', { optedOut: true, channel: 'e_diary' });
    const withOptOut = await changes(classId);
    // One family, though both of its people opted out.
    expect(withOptOut.counts).toEqual({ marked: 1, blocked: 1, optedOut: 1 });
    const optOuts = withOptOut.changes.filter((change) => change.kind === 'opted_out');
    expect(optOuts.map((change) => change.personId).sort()).toEqual([p3.child, p3.mother].sort());
    expect(optOuts.every((change) => change.channel === 'e_diary' && change.items.length === 0)).toBe(true);
    expect(withOptOut.changes.map((change) => change.at)).toEqual(
      [...withOptOut.changes.map((change) => change.at)].sort().reverse(),
    );
  });

  it('leaves out what no longer holds and what the caller did; a colleague’s change is news', async () => {
    const classId = nth(classes, 3);
    const family = await newFamily(classId, 'Гусев Лев');
    const parent = await parentOf(classId, family);
    await visit(classId);

    await parent.put(`people/${parent.child}/steps/max_account`, {
      status: 'blocked',
      blockerReason: 'no_smartphone',
    });
    await parent.put(`people/${parent.child}/steps/max_account`, { status: 'done' });
    const solved = await changes(classId);
    expect(solved.counts).toEqual({ marked: 1, blocked: 0, optedOut: 0 });

    const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const mother = firstOf(firstOf(roster.families).parents);
    await teacher
      .put(`/api/people/${mother.id}/steps/max_account`)
      .send({ status: 'done', version: mother.version })
      .expect(200);
    expect((await changes(classId)).changes.map((change) => change.personId)).toEqual([parent.child]);

    const child = firstOf(firstOf(roster.families).students);
    const fresh = (await colleague.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const version = firstOf(firstOf(fresh.families).students).version;
    await colleague
      .put(`/api/people/${child.id}/steps/school_profile`)
      .send({ status: 'blocked', blockerReason: 'role_not_confirmed', version })
      .expect(200);
    const news = await changes(classId);
    expect(news.counts.blocked).toBe(1);
    expect(firstOf(news.changes)).toMatchObject({ kind: 'blocked', personId: child.id, source: 'admin' });
    // The colleague's own summary leaves their own change out.
    expect((await changes(classId, colleague)).changes.some((change) => change.kind === 'blocked')).toBe(false);
  });

  it('keeps a confirmation that was in flight during the visit as news for the next one', async () => {
    const classId = nth(classes, 7);
    const family = await newFamily(classId, 'Летящий Илья');
    const parent = await parentOf(classId, family);
    await visit(classId);

    // The parent's confirmation starts its transaction and waits on the mother's row, held here.
    const holder = factory.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const [{ pid: holderPid }] = (await holder.query(`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
    await holder.query(`SELECT id FROM person WHERE id = $1 FOR UPDATE`, [parent.mother]);
    const confirming = parent.put(`people/${parent.mother}/steps/max_account`, { status: 'done' }).then(() => 'done');
    try {
      await waitForSessionBlockedBy(factory.dataSource, holderPid, { written: false, what: 'The confirmation' });
      // The teacher looks while the confirmation is uncommitted: not news yet, and the visit is recorded.
      const during = await visit(classId);
      expect(during.counts.marked).toBe(0);
      await holder.commitTransaction();
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await confirming).toBe('done');

    // Its time is its transaction's start, before that visit's «now»: it is news all the same.
    const after = await changes(classId);
    expect(after.counts).toEqual({ marked: 1, blocked: 0, optedOut: 0 });
    expect(after.changes).toEqual([expect.objectContaining({ kind: 'marked', personId: parent.mother })]);
  });

  it('records a visit once per person and class, keeps the latest under concurrent requests, never later than now', async () => {
    const classId = nth(classes, 4);
    const base = Date.now() - 60_000;
    const times = Array.from({ length: 12 }, (_, i) => new Date(base + i * 1000).toISOString());
    const answers = await Promise.all(
      [...times].reverse().map((seenAt) => teacher.put(`/api/classes/${classId}/seen`).send({ seenAt })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(times.map(() => 200));
    const rows = await factory.dataSource.query<Array<{ seen_at: Date }>>(
      `SELECT seen_at FROM staff_class_visit WHERE class_id = $1`,
      [classId],
    );
    expect(rows.map((row) => row.seen_at.toISOString())).toEqual([times[times.length - 1]]);

    // Again, or an older time (another tab): nothing moves back.
    expect((await markSeen(classId, nth(times, 0))).seenAt).toBe(times[times.length - 1]);
    const future = await markSeen(classId, new Date(Date.now() + 365 * DAY).toISOString());
    expect(Date.parse(future.seenAt)).toBeLessThanOrEqual(Date.now());
    // Each staff member has their own visit.
    expect((await changes(classId, colleague)).seenAt).toBeNull();
  });

  it('refuses a time that is not one', async () => {
    await teacher
      .put(`/api/classes/${nth(classes, 4)}/seen`)
      .send({ seenAt: 'вчера' })
      .expect(400);
    await teacher
      .put(`/api/classes/${nth(classes, 4)}/seen`)
      .send({})
      .expect(400);
  });

  it('answers 404 for another school’s class, and the other school’s admin sees nothing of this one', async () => {
    await teacher.get(`/api/classes/${otherSchoolClass}/changes`).expect(404);
    await teacher.put(`/api/classes/${otherSchoolClass}/seen`).send({ seenAt: new Date().toISOString() }).expect(404);
    await otherSchoolAdmin.get(`/api/classes/${nth(classes, 0)}/changes`).expect(404);
    await otherSchoolAdmin.get(`/api/class-overview?schoolId=${schoolId}`).expect(404);
    const visits = await factory.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM staff_class_visit WHERE class_id = $1`,
      [otherSchoolClass],
    );
    expect(firstOf(visits).n).toBe(0);
  });

  it('gives each of the teacher’s classes its counts and its news in one answer', async () => {
    const classId = nth(classes, 5);
    const quiet = nth(classes, 6);
    const families = [await newFamily(classId, 'Дроздов Ян'), await newFamily(classId, 'Ежова Вера')];
    await newFamily(classId, 'Жуков Марк');
    const [p1, p2] = [await parentOf(classId, nth(families, 0)), await parentOf(classId, nth(families, 1))];
    await visit(classId);
    await visit(quiet);
    // The first family's student connects (every step and the class chat), the second's opts out.
    const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const studentsChat = roster.chats.find((chat) => chat.kind === 'class' && chat.audience === 'students')!;
    await p1.put(`people/${p1.child}/chats/${studentsChat.id}`, { status: 'joined' });
    await p1.put(`people/${p1.mother}/steps/school_profile`, {
      status: 'blocked',
      blockerReason: 'other',
      blockerNote: 'Нет сети',
    });
    await p2.put(`people/${p2.child}/opt-out`, { optedOut: true, channel: 'paper' });

    const overview = (await teacher.get('/api/class-overview').expect(200)).body as ClassOverviewList;
    expect(overview.classes.map((card) => card.classId).sort()).toEqual([...classes].sort());
    const card = overview.classes.find((candidate) => candidate.classId === classId)!;
    expect(card.pathId).toBe('max');
    expect(card.students).toEqual({ people: 3, participants: 2, connected: 1, blocked: 0, optedOut: 1 });
    expect(card.parents).toEqual({ people: 3, participants: 3, connected: 0, blocked: 1, optedOut: 0 });
    expect(card.changes).toEqual({ marked: 1, blocked: 1, optedOut: 1 });
    expect(card.seenAt).not.toBeNull();
    const detail = await changes(classId);
    expect(detail.counts).toEqual(card.changes);
    expect(overview.classes.find((candidate) => candidate.classId === quiet)!.changes).toEqual({
      marked: 0,
      blocked: 0,
      optedOut: 0,
    });
    expect(JSON.stringify(overview)).not.toMatch(/Дроздов|Ежова|Нет сети/);
  });
});
