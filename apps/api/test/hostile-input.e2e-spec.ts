import type { NestExpressApplication } from '@nestjs/platform-express';
import { PARENT_TOKEN_HEADER, type FamilyInvite, type RosterFamily } from '@sferum/contracts';
import fc from 'fast-check';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf } from './support/pick';

/**
 * Random and malformed input to every endpoint that takes some: never a 5xx.
 * (Storing only valid data is the other half: the database's constraints
 * back every rule, and the other tests check what is stored.)
 */
describe('hostile input', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let admin: TestAgent;
  const ids: Record<string, string> = {};
  let parentToken = '';

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '100000', LOGIN_FAILURES_PER_ACCOUNT: '100000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    ids.school = await factory.school(districtId);
    ids.class = await factory.schoolClass(ids.school, 6, 'А');
    const staff = await factory.staff('district_admin', { districtId });
    ids.staff = (await factory.staff('teacher', { districtId, schoolId: ids.school })).id;
    admin = await signIn(app, staff.email);
    const family = (
      await admin
        .post(`/api/classes/${ids.class}/students`)
        .send({ displayName: 'Проверка Ввода', parents: [{ displayName: 'Мама Проверки' }] })
        .expect(201)
    ).body as RosterFamily;
    ids.family = family.id;
    ids.person = firstOf(family.students).id;
    const invite = firstOf(
      (
        await admin
          .post(`/api/classes/${ids.class}/invites`)
          .send({ familyIds: [family.id] })
          .expect(200)
      ).body as FamilyInvite[],
    );
    parentToken = invite.link!.split('/p/')[1]!;
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const nasty = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'NaN',
      '-1',
      '1e309',
      "'; DROP TABLE person; --",
      '../../etc/passwd',
      '<script>alert(1)</script>',
      '=HYPERLINK("x")',
      'x'.repeat(100_000),
      '🙂'.repeat(300),
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const anyJson = fc.oneof(
    fc.dictionary(
      fc.constantFrom(
        'name',
        'email',
        'password',
        'displayName',
        'phone',
        'version',
        'status',
        'blockerReason',
        'blockerNote',
        'grade',
        'letter',
        'schoolId',
        'classId',
        'familyIds',
        'teacherIds',
        'people',
        'parents',
        'role',
        'fullName',
        'token',
        'step',
        'chatId',
        'regenerate',
        'pathId',
        'optedOut',
        'channel',
        'note',
        'notes',
        '__proto__',
        'constructor',
      ),
      fc.oneof(nasty, fc.array(nasty, { maxLength: 3 }), fc.dictionary(fc.string(), nasty, { maxKeys: 3 })),
    ),
    fc.array(nasty, { maxLength: 3 }),
    nasty,
  );

  const endpoints: Array<[string, () => string, 'staff' | 'public' | 'parent']> = [
    ['POST', () => '/api/auth/login', 'public'],
    ['POST', () => '/api/auth/setup/info', 'public'],
    ['POST', () => '/api/auth/setup', 'public'],
    ['POST', () => '/api/auth/password', 'staff'],
    ['POST', () => '/api/schools', 'staff'],
    ['PATCH', () => `/api/schools/${ids.school}`, 'staff'],
    ['POST', () => '/api/classes', 'staff'],
    ['PATCH', () => `/api/classes/${ids.class}`, 'staff'],
    ['PUT', () => `/api/classes/${ids.class}/teachers`, 'staff'],
    ['POST', () => '/api/staff', 'staff'],
    ['PATCH', () => `/api/staff/${ids.staff}`, 'staff'],
    ['POST', () => `/api/classes/${ids.class}/students`, 'staff'],
    ['POST', () => `/api/classes/${ids.class}/chats`, 'staff'],
    ['POST', () => `/api/classes/${ids.class}/progress`, 'staff'],
    ['POST', () => `/api/families/${ids.family}/parents`, 'staff'],
    ['PATCH', () => `/api/people/${ids.person}`, 'staff'],
    ['POST', () => `/api/people/${ids.person}/move`, 'staff'],
    ['PUT', () => `/api/people/${ids.person}/steps/vk_id`, 'staff'],
    ['POST', () => `/api/classes/${ids.class}/invites`, 'staff'],
    ['POST', () => '/api/api-keys', 'staff'],
    ['PUT', () => `/api/people/${ids.person}/opt-out`, 'staff'],
    ['PUT', () => `/api/families/${ids.family}/opt-out`, 'staff'],
    ['POST', () => `/api/schools/${ids.school}/path`, 'staff'],
    ['PUT', () => `/api/schools/${ids.school}/step-notes`, 'staff'],
    ['PUT', () => `/api/parent/people/${ids.person}/steps/vk_id`, 'parent'],
    ['PUT', () => `/api/parent/people/${ids.person}/opt-out`, 'parent'],
    ['PUT', () => '/api/parent/opt-out', 'parent'],
  ];

  it.each(endpoints)('%s %s answers random JSON with a 4xx or 2xx, never a 5xx', async (method, path, who) => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const agent = who === 'staff' ? admin : request(app.getHttpServer());
        let call = agent[method.toLowerCase() as 'post' | 'put' | 'patch'](path());
        if (who === 'parent')
          call = call
            .set(PARENT_TOKEN_HEADER, parentToken)
            .set('X-Forwarded-For', `10.${Math.floor(Math.random() * 250)}.0.1`);
        const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        expect(response.status).toBeGreaterThanOrEqual(200);
      }),
      { numRuns: 25 },
    );
  });

  it('answers random ids and path segments with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uuid(),
          fc.string({ minLength: 1, maxLength: 80 }),
          fc.constantFrom('%00', '..', '%E0%A4%A', "1' OR '1'='1"),
        ),
        async (id) => {
          const segment = encodeURIComponent(id);
          for (const path of [
            `/api/classes/${segment}`,
            `/api/classes/${segment}/roster`,
            `/api/people/${segment}/history`,
            `/api/schools/${segment}`,
            `/api/staff/${segment}`,
            `/api/people/${ids.person}/steps/${segment}`,
          ]) {
            const response = await admin.get(path);
            expect(response.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers well-shaped bodies with hostile strings (NUL bytes, lone surrogates, huge) with a 4xx or 2xx', async () => {
    const hostileText = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }),
      fc.constantFrom('a\u0000b', '\ud800', 'x\udfffy', '\u202eevil', ' '.repeat(10), 'Я'.repeat(201)),
    );
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const calls = [
          admin.post('/api/schools').send({ name: text }),
          admin
            .post(`/api/classes/${ids.class}/students`)
            .send({ displayName: text, parents: [{ displayName: text, phone: text }] }),
          admin.post('/api/staff').send({
            email: `a${Date.now()}${Math.random()}@school.test`,
            fullName: text,
            role: 'teacher',
            schoolId: ids.school,
          }),
          admin.patch(`/api/people/${ids.person}`).send({ version: 1, displayName: text }),
          admin
            .put(`/api/people/${ids.person}/steps/vk_id`)
            .send({ version: 1, status: 'blocked', blockerReason: 'other', blockerNote: text }),
          admin.post(`/api/classes/${ids.class}/chats`).send({ name: text }),
          admin.post('/api/api-keys').send({ name: text }),
        ];
        for (const response of await Promise.all(calls)) {
          expect(response.status).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('answers broken JSON and wrong content types with a 4xx', async () => {
    for (const body of ['{', '{"a":', '[1,2', 'null', '"string"', '\u0000', 'x'.repeat(2 * 1024 * 1024)]) {
      const response = await admin.post('/api/schools').set('Content-Type', 'application/json').send(body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    const form = await admin
      .post('/api/schools')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('name=x');
    expect(form.status).toBe(400);
  });
});
