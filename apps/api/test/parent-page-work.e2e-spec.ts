import type { NestExpressApplication } from '@nestjs/platform-express';
import { PARENT_TOKEN_HEADER, type FamilyInvite, type ParentFamily, type RosterFamily } from '@sferum/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { PARENT_SQL } from '../src/invites/parent.sql';
import { OrgFactory } from './factories/org.factory';
import { firstOf, linkTokenOf } from './support/pick';
import { signIn } from './support/sign-in';
import { preparedRunsOn, statementsOf } from './support/statements';
import { createTestApp } from './support/test-app';

/**
 * What a parent's page costs the database: a repeat view writes nothing that
 * waits for fsync, and a view (also the one after a confirmation) is one
 * statement: the link, one rate-limit decision and the family's read.
 */
describe('the parent page’s work', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let classId: string;
  let teacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    const schoolId = await factory.school(districtId);
    classId = await factory.schoolClass(schoolId, 3, 'В');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  /** A new family with a link: its invite's id, token and short code. */
  async function familyWithLink(
    name: string,
  ): Promise<{ inviteId: string; token: string; code: string; family: RosterFamily }> {
    const family = (
      await teacher
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: name, parents: [{ displayName: `Мама ${name}` }] })
        .expect(201)
    ).body as RosterFamily;
    const invite = firstOf(
      (
        await teacher
          .post(`/api/classes/${classId}/invites`)
          .send({ familyIds: [family.id] })
          .expect(200)
      ).body as FamilyInvite[],
    );
    const rows = await factory.dataSource.query<Array<{ id: string }>>(`SELECT id FROM invite WHERE family_id = $1`, [
      family.id,
    ]);
    return { inviteId: firstOf(rows).id, token: linkTokenOf(invite), code: invite.code!, family };
  }
  const view = (token: string) =>
    request(app.getHttpServer()).get('/api/parent/family').set(PARENT_TOKEN_HEADER, token).expect(200);

  async function openedTimes(inviteId: string): Promise<{ first: Date | null; last: Date | null }> {
    const rows = await factory.dataSource.query<Array<{ first: Date | null; last: Date | null }>>(
      `SELECT first_opened_at AS first, last_opened_at AS last FROM invite WHERE id = $1`,
      [inviteId],
    );
    return firstOf(rows);
  }

  /** A transaction id: every row written (inserted, updated, deleted or locked) after it has a newer one. */
  async function marker(): Promise<string> {
    const rows = await factory.dataSource.query<Array<{ xid: string }>>(
      `SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text AS xid`,
    );
    return firstOf(rows).xid;
  }

  /**
   * The logged tables (WAL, a commit that waits for fsync) with a row written
   * since the marker: by its xmin (inserted or updated) or its xmax (deleted
   * or locked). Deterministic, unlike the statistics views, which other
   * connections report late.
   */
  async function loggedTablesWrittenSince(xid: string): Promise<string[]> {
    const tables = await factory.dataSource.query<Array<{ name: string }>>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relpersistence = 'p' ORDER BY 1`,
    );
    const written: string[] = [];
    for (const { name } of tables) {
      const rows = await factory.count(
        `SELECT count(*) FROM "${name}" WHERE xmin::text::bigint >= $1::bigint OR xmax::text::bigint >= $1::bigint`,
        [xid],
      );
      if (rows > 0) written.push(name);
    }
    return written;
  }

  /** The statements the application sends while `action` runs (the 1-in-100 clean-up of old buckets left out). */
  it('records the first view’s time, and writes nothing to a logged table on a repeat view within a minute', async () => {
    const { inviteId, token } = await familyWithLink('Повторов Сеня');
    expect(await openedTimes(inviteId)).toEqual({ first: null, last: null });
    await view(token);
    const opened = await openedTimes(inviteId);
    expect(opened.first).toBeInstanceOf(Date);
    expect(opened.last).toEqual(opened.first);

    const before = await marker();
    await view(token);
    await view(token);
    expect(await loggedTablesWrittenSince(before)).toEqual([]);
    expect(await openedTimes(inviteId)).toEqual(opened);
  });

  it('writes the last "opened" time again once it is a minute old, keeping the first', async () => {
    const { inviteId, token } = await familyWithLink('Давнишний Лёва');
    await factory.dataSource.query(
      `UPDATE invite SET first_opened_at = now() - interval '3 days', last_opened_at = now() - interval '61 seconds'
       WHERE id = $1`,
      [inviteId],
    );
    const old = await openedTimes(inviteId);
    const before = await marker();
    await view(token);
    expect(await loggedTablesWrittenSince(before)).toEqual(['invite']);
    const after = await openedTimes(inviteId);
    expect(after.first).toEqual(old.first);
    expect(after.last!.getTime()).toBeGreaterThan(old.last!.getTime());
  });

  it('keeps the rate limits in an unlogged table, so that counting a request waits for no fsync', async () => {
    const rows = await factory.dataSource.query<Array<{ relpersistence: string }>>(
      `SELECT relpersistence FROM pg_class WHERE oid = 'rate_limit_hit'::regclass`,
    );
    expect(firstOf(rows).relpersistence).toBe('u');
  });

  it('reads a repeat view in one statement (the link, its rate-limit decision, the family); the first view also marks it opened', async () => {
    const { token } = await familyWithLink('Одназапросов Илья');
    expect(await statementsOf(() => view(token))).toEqual([PARENT_SQL.pageByToken, PARENT_SQL.linkOpened]);
    expect(await statementsOf(() => view(token))).toEqual([PARENT_SQL.pageByToken]);
  });

  it('opens the page by the short code in one statement too', async () => {
    const { code } = await familyWithLink('Кодовый Рома');
    await view(code);
    expect(await statementsOf(() => view(code))).toEqual([PARENT_SQL.pageByCode]);
  });

  it('refuses an unknown code or a malformed link in one statement, which counts the failure against the address', async () => {
    const address = '198.18.77.7';
    const refused = (secret: string) =>
      request(app.getHttpServer())
        .get('/api/parent/family')
        .set(PARENT_TOKEN_HEADER, secret)
        .set('X-Forwarded-For', address)
        .expect(404);
    expect(await statementsOf(() => refused('ZZZZ-ZZZZ-ZZZZ'))).toEqual([PARENT_SQL.pageByCode]);
    expect(await statementsOf(() => refused('not a link'))).toEqual([PARENT_SQL.pageByToken]);
    expect(
      await factory.count(`SELECT hits FROM rate_limit_hit WHERE bucket = $1`, [`parent-failed-ip:${address}`]),
    ).toBe(2);
  });

  it('after a confirmation, reads the page that follows in the same one statement and writes nothing to a logged table', async () => {
    const { token, family } = await familyWithLink('Подтвердилов Кирилл');
    await view(token);
    const mother = firstOf(family.parents).id;
    const confirmed = await request(app.getHttpServer())
      .put(`/api/parent/people/${mother}/steps/vk_id`)
      .set(PARENT_TOKEN_HEADER, token)
      .send({ status: 'done' })
      .expect(200);
    expect((confirmed.body as ParentFamily).people.find((person) => person.id === mother)!.steps[0]).toMatchObject({
      step: 'vk_id',
      status: 'done',
      markedBy: 'parent',
    });

    const before = await marker();
    const statements = await statementsOf(() => view(token));
    expect(statements).toEqual([PARENT_SQL.pageByToken]);
    expect(await loggedTablesWrittenSince(before)).toEqual([]);
  });

  it('prepares the page’s statement once on a connection, and then only runs it', async () => {
    const { token } = await familyWithLink('Заготовкин Лев');
    // A pool of one: every view runs on the connection that the look below asks.
    const onePool = await createTestApp({ DATABASE_POOL_SIZE: '1' });
    try {
      const views = 8;
      for (let n = 0; n < views; n += 1) {
        await request(onePool.getHttpServer()).get('/api/parent/family').set(PARENT_TOKEN_HEADER, token).expect(200);
      }
      expect(await preparedRunsOn(onePool, [PARENT_SQL.pageByToken])).toEqual([
        { statement: PARENT_SQL.pageByToken, runs: views },
      ]);
    } finally {
      await onePool.close();
    }
  });
});
