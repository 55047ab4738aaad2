import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  PARENT_TOKEN_HEADER,
  PREFER_HEADER,
  PREFERENCE_APPLIED_HEADER,
  RETURN_MINIMAL,
  type FamilyInvite,
  type RosterFamily,
} from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { PARENT_SQL } from '../src/invites/parent.sql';
import { SCHOOL_PATHS_SQL } from '../src/paths/school-paths.sql';
import { PROGRESS_SQL } from '../src/progress/progress.sql';
import { OrgFactory } from './factories/org.factory';
import { firstOf, linkTokenOf } from './support/pick';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { statementsOf } from './support/statements';
import { createTestApp } from './support/test-app';

/**
 * What a parent's confirmation costs the database: the link with one
 * rate-limit decision in one statement, one short transaction (the school's
 * path, the person locked within the family, their states, the step with its
 * event and the version in one statement, the classes locked and their
 * counters moved by deltas: no recount), and the family read back for the
 * answer, unless the client asks for none (`Prefer: return=minimal`, as the
 * web's forms do).
 */
describe('the work of a parent’s confirmation', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let classA: string;
  let classB: string;
  let teacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    const schoolId = await factory.school(districtId);
    classA = await factory.schoolClass(schoolId, 4, 'А');
    classB = await factory.schoolClass(schoolId, 7, 'Б');
    teacher = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  /** A family with a child in each class (the mother counts in both) and its link's token. */
  async function familyInTwoClasses(name: string): Promise<{ token: string; family: RosterFamily }> {
    const family = (
      await teacher
        .post(`/api/classes/${classA}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }] })
        .expect(201)
    ).body as RosterFamily;
    await teacher
      .post(`/api/classes/${classB}/students`)
      .send({ displayName: `Сестра ${name}`, familyId: family.id })
      .expect(201);
    const invite = firstOf(
      (
        await teacher
          .post(`/api/classes/${classA}/invites`)
          .send({ familyIds: [family.id] })
          .expect(200)
      ).body as FamilyInvite[],
    );
    return { token: linkTokenOf(invite), family };
  }

  const confirm = (token: string, personId: string, step: string, status: string, blockerReason?: string) =>
    request(app.getHttpServer())
      .put(`/api/parent/people/${personId}/steps/${step}`)
      .set(PARENT_TOKEN_HEADER, token)
      .send({ status, ...(blockerReason ? { blockerReason } : {}) });

  const expectCountersExact = async () => {
    for (const classId of [classA, classB]) {
      expect(await storedCounters(factory.dataSource, classId)).toEqual(
        await recountFromSource(factory.dataSource, classId),
      );
    }
  };

  /** The one transaction of a confirmation: seven statements, no recount. */
  const confirmationTransaction = [
    'START TRANSACTION',
    SCHOOL_PATHS_SQL.schoolsOfPeopleForChange,
    PROGRESS_SQL.lockPeople,
    PROGRESS_SQL.personStates,
    PROGRESS_SQL.writeChange,
    PROGRESS_SQL.lockClassesOfPeople,
    PROGRESS_SQL.moveCounters,
    'COMMIT',
  ];

  it('is the link with its rate-limit decision, one transaction of seven statements with no recount, and the family: 10 in all', async () => {
    const { token, family } = await familyInTwoClasses('Дельтов Марк');
    const mother = firstOf(family.parents).id;
    await request(app.getHttpServer()).get('/api/parent/family').set(PARENT_TOKEN_HEADER, token).expect(200);

    const statements = await statementsOf(() => confirm(token, mother, 'vk_id', 'done').expect(200));
    expect(statements).toEqual([PARENT_SQL.linkByToken, ...confirmationTransaction, PARENT_SQL.family]);
    // The upper bound this documents (it was 16, with a whole recount of every class the parent counts in).
    expect(statements.length).toBeLessThanOrEqual(10);
    expect(statements).not.toContain(PROGRESS_SQL.recountClasses);
    // The mother counts in both children's classes: both moved, both equal a recount.
    await expectCountersExact();
  });

  it('asked `Prefer: return=minimal`, answers 204 with Preference-Applied and reads nothing back: 9 statements', async () => {
    const { token, family } = await familyInTwoClasses('Кратков Гоша');
    const mother = firstOf(family.parents).id;
    let answer: request.Response | undefined;
    const statements = await statementsOf(async () => {
      answer = await confirm(token, mother, 'vk_id', 'done').set(PREFER_HEADER, RETURN_MINIMAL).expect(204);
    });
    expect(answer?.headers[PREFERENCE_APPLIED_HEADER]).toBe(RETURN_MINIMAL);
    expect(answer?.headers['cache-control']).toBe('no-store');
    expect(answer?.text).toBe('');
    expect(statements).toEqual([PARENT_SQL.linkByToken, ...confirmationTransaction]);
    expect(
      await factory.count(
        `SELECT count(*) FROM person_step WHERE person_id = $1 AND step = 'vk_id' AND status = 'done'`,
        [mother],
      ),
    ).toBe(1);
    await expectCountersExact();

    // The opt-outs too; a refusal answers as it would without the preference.
    for (const [path, body] of [
      [`/api/parent/people/${mother}/opt-out`, { optedOut: true, channel: 'e_diary' }],
      ['/api/parent/opt-out', { optedOut: false }],
    ] as const) {
      const optOut = await statementsOf(async () => {
        answer = await request(app.getHttpServer())
          .put(path)
          .set(PARENT_TOKEN_HEADER, token)
          .set(PREFER_HEADER, RETURN_MINIMAL)
          .send(body)
          .expect(204);
      });
      expect(answer?.headers[PREFERENCE_APPLIED_HEADER]).toBe(RETURN_MINIMAL);
      expect(optOut).not.toContain(PARENT_SQL.family);
    }
    const stranger = '00000000-0000-4000-8000-000000000000';
    const refused = await confirm(token, stranger, 'vk_id', 'done').set(PREFER_HEADER, RETURN_MINIMAL).expect(404);
    expect(refused.headers[PREFERENCE_APPLIED_HEADER]).toBeUndefined();
    await expectCountersExact();
  });

  it('keeps the counters of both classes equal to a recount through confirmations, undoing, blockers and opt-outs', async () => {
    const { token, family } = await familyInTwoClasses('Сменов Лев');
    const mother = firstOf(family.parents).id;
    const student = firstOf(family.students).id;
    for (const [personId, step, status, reason] of [
      [mother, 'vk_id', 'done'],
      [mother, 'sferum_profile', 'blocked', 'other'],
      [mother, 'sferum_profile', 'done'],
      [mother, 'sferum_profile', 'not_started'],
      [student, 'messenger', 'done'],
      [student, 'messenger', 'blocked', 'other'],
      [mother, 'vk_id', 'done'],
    ] as const) {
      await confirm(token, personId, step, status, reason).expect(200);
      await expectCountersExact();
    }
    await request(app.getHttpServer())
      .put(`/api/parent/people/${mother}/opt-out`)
      .set(PARENT_TOKEN_HEADER, token)
      .send({ optedOut: true, channel: 'e_diary' })
      .expect(200);
    await expectCountersExact();
    await request(app.getHttpServer())
      .put(`/api/parent/opt-out`)
      .set(PARENT_TOKEN_HEADER, token)
      .send({ optedOut: false })
      .expect(200);
    await expectCountersExact();
  });

  it('answers 404 for a person of another family, under the same lock, and changes nothing', async () => {
    const { token } = await familyInTwoClasses('Своих Ян');
    const other = await familyInTwoClasses('Чужих Ян');
    const stranger = firstOf(other.family.parents).id;
    await confirm(token, stranger, 'vk_id', 'done').expect(404);
    expect(
      await factory.count(`SELECT count(*) FROM person_step WHERE person_id = $1 AND status <> 'not_started'`, [
        stranger,
      ]),
    ).toBe(0);
  });
});
