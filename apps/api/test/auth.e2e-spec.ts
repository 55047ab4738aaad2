import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SESSION_COOKIE, type ApiErrorBody, type CurrentUser, type StaffWithSetupLink } from '@sferum/contracts';
import request from 'supertest';
import { SESSION_SQL } from '../src/auth/session.sql';
import { OrgFactory, TEST_PASSWORD } from './factories/org.factory';
import { signIn } from './support/sign-in';
import { statementsOf } from './support/statements';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

function sessionCookie(response: request.Response): { token: string; header: string } {
  const raw = response.headers['set-cookie'] as unknown as string[] | undefined;
  const header = (raw ?? []).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error('no session cookie set');
  return { token: nth(firstOf(header.split(';')).split('='), 1), header };
}

describe('staff sign-in and sessions', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const newTeacher = () => factory.staff('teacher', { districtId, schoolId });
  const newSchoolAdmin = () => factory.staff('school_admin', { districtId, schoolId });

  it('signs in with an HttpOnly, SameSite=Lax session cookie and returns the user', async () => {
    const teacher = await newTeacher();
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    const { header } = sessionCookie(response);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/i);
    const user = response.body as CurrentUser;
    expect(user).toMatchObject({ id: teacher.id, email: teacher.email, role: 'teacher', schoolId, districtId });
    expect(JSON.stringify(user)).not.toMatch(/argon2|password/i);
  });

  it('marks the cookie Secure when the request came over HTTPS through the proxy', async () => {
    const teacher = await newTeacher();
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: teacher.email, password: TEST_PASSWORD })
      .expect(200);
    expect(sessionCookie(response).header).toMatch(/Secure/);
  });

  it('stores passwords as argon2id with at least the OWASP parameters', async () => {
    const admin = await newSchoolAdmin();
    const agent = await signIn(app, admin.email);
    const created = await agent
      .post('/api/staff')
      .send({ email: 'argon.check@school.test', fullName: 'Проверка Хеша', role: 'teacher', schoolId })
      .expect(201);
    const token = (created.body as StaffWithSetupLink).setupLink.path.split('/').pop();
    await request(app.getHttpServer())
      .post('/api/auth/setup')
      .send({ token, password: 'a new long password' })
      .expect(200);
    const rows = await factory.dataSource.query<Array<{ password_hash: string }>>(
      `SELECT password_hash FROM staff_user WHERE email = $1`,
      ['argon.check@school.test'],
    );
    const [, algorithm, version, parameterList] = firstOf(rows).password_hash.split('$');
    expect(algorithm).toBe('argon2id');
    expect(version).toBe('v=19');
    const parameters = Object.fromEntries(
      (parameterList ?? '').split(',').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]),
    );
    expect(parameters.m).toBeGreaterThanOrEqual(19456);
    expect(parameters.t).toBeGreaterThanOrEqual(2);
    expect(parameters.p).toBeGreaterThanOrEqual(1);
  });

  it('keeps only the SHA-256 of the session token in the database', async () => {
    const teacher = await newTeacher();
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email, password: TEST_PASSWORD })
      .expect(200);
    const { token } = sessionCookie(response);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dump = await factory.dataSource.query<Array<{ rows: string }>>(
      `SELECT string_agg(s::text, '|') AS rows FROM staff_session s WHERE staff_user_id = $1`,
      [teacher.id],
    );
    expect(firstOf(dump).rows).not.toContain(token);
    const hashHex = createHash('sha256').update(token).digest('hex');
    expect(firstOf(dump).rows).toContain(hashHex);
  });

  it('issues a new token at every login', async () => {
    const teacher = await newTeacher();
    const login = () =>
      request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: teacher.email, password: TEST_PASSWORD })
        .expect(200);
    expect(sessionCookie(await login()).token).not.toBe(sessionCookie(await login()).token);
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const teacher = await newTeacher();
    const unknown = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'nobody@school.test', password: TEST_PASSWORD })
      .expect(401);
    const wrong = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email, password: 'not the password' })
      .expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an account that has not set its password yet, like a wrong password', async () => {
    const pending = await factory.staff('teacher', { districtId, schoolId }, { withPassword: false });
    await request(app.getHttpServer()).post('/api/auth/login').send({ email: pending.email, password: '' }).expect(400);
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: pending.email, password: TEST_PASSWORD })
      .expect(401);
  });

  it('names the field of an unknown property or a wrong type with 400', async () => {
    const unknownField = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'a@school.test', password: 'x', remember: true })
      .expect(400);
    expect((unknownField.body as ApiErrorBody).details).toEqual([
      { field: 'remember', messages: ['property remember should not exist'] },
    ]);
    const wrongType = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 42, password: 'x' })
      .expect(400);
    const body = wrongType.body as ApiErrorBody;
    expect(body.message).toContain('email');
    expect(body.details?.map((detail) => detail.field)).toEqual(['email']);
  });

  it('answers /me with the user while the session lives and 401 without one', async () => {
    const teacher = await newTeacher();
    const agent = await signIn(app, teacher.email);
    const me = await agent.get('/api/auth/me').expect(200);
    expect((me.body as CurrentUser).id).toBe(teacher.id);
    await request(app.getHttpServer()).get('/api/auth/me').expect(401);
    await request(app.getHttpServer()).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=forged`).expect(401);
  });

  it('ends the session on the server at logout, so the old cookie no longer works', async () => {
    const teacher = await newTeacher();
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email, password: TEST_PASSWORD })
      .expect(200);
    const cookie = `${SESSION_COOKIE}=${sessionCookie(response).token}`;
    const logout = await request(app.getHttpServer()).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    expect(String(logout.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    await request(app.getHttpServer()).get('/api/auth/me').set('Cookie', cookie).expect(401);
    expect(await factory.count(`SELECT count(*) FROM staff_session WHERE staff_user_id = $1`, [teacher.id])).toBe(0);
  });

  it('looks no session up on a public route that does not use one, even when the request carries a live one', async () => {
    const teacher = await newTeacher();
    const agent = await signIn(app, teacher.email);
    const publicRoutes = await statementsOf(async () => {
      await agent.get('/api/parent/family').set('x-parent-token', 'no-such-link').expect(404);
      await agent.get('/api/v1/reports/district').expect(401);
    });
    expect(publicRoutes).not.toContain(SESSION_SQL.authenticate);
    expect(await statementsOf(() => agent.get('/api/auth/me').expect(200))).toContain(SESSION_SQL.authenticate);
  });

  it('ends a session idle for longer than the idle timeout, and one past its absolute lifetime', async () => {
    const idle = await newTeacher();
    const idleAgent = await signIn(app, idle.email);
    await factory.dataSource.query(
      `UPDATE staff_session SET last_seen_at = now() - interval '3 hours' WHERE staff_user_id = $1`,
      [idle.id],
    );
    await idleAgent.get('/api/auth/me').expect(401);

    const old = await newTeacher();
    const oldAgent = await signIn(app, old.email);
    await factory.dataSource.query(
      `UPDATE staff_session SET expires_at = now() - interval '1 second' WHERE staff_user_id = $1`,
      [old.id],
    );
    await oldAgent.get('/api/auth/me').expect(401);
  });

  it('ends every session of a deactivated account at once', async () => {
    const admin = await newSchoolAdmin();
    const teacher = await newTeacher();
    const teacherAgent = await signIn(app, teacher.email);
    await teacherAgent.get('/api/auth/me').expect(200);
    const adminAgent = await signIn(app, admin.email);
    await adminAgent.post(`/api/staff/${teacher.id}/deactivate`).expect(200);
    await teacherAgent.get('/api/auth/me').expect(401);
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email, password: TEST_PASSWORD })
      .expect(401);
  });

  it('changes the password and ends the other sessions, keeping the current one', async () => {
    const teacher = await newTeacher();
    const other = await signIn(app, teacher.email);
    const current = await signIn(app, teacher.email);
    await current
      .post('/api/auth/password')
      .send({ currentPassword: 'wrong password', newPassword: 'another long password' })
      .expect(400);
    await current.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    await current
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'another long password' })
      .expect(204);
    await current.get('/api/auth/me').expect(200);
    await other.get('/api/auth/me').expect(401);
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: teacher.email, password: TEST_PASSWORD })
      .expect(401);
    await signIn(app, teacher.email, 'another long password');
  });

  describe('setup links', () => {
    async function createStaffWithLink(): Promise<{ email: string; token: string; staffId: string }> {
      const admin = await newSchoolAdmin();
      const agent = await signIn(app, admin.email);
      const email = `new.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@school.test`;
      const response = await agent
        .post('/api/staff')
        .send({ email, fullName: 'Новикова Анна Сергеевна', role: 'teacher', schoolId })
        .expect(201);
      const body = response.body as StaffWithSetupLink;
      expect(body.staff.status).toBe('pending_setup');
      return { email, token: body.setupLink.path.replace('/setup/', ''), staffId: body.staff.id };
    }

    it('lets the new user choose a password once, signs them in, and refuses the used link', async () => {
      const { email, token } = await createStaffWithLink();
      const info = await request(app.getHttpServer()).post('/api/auth/setup/info').send({ token }).expect(200);
      expect(info.body).toEqual({ email, fullName: 'Новикова Анна Сергеевна', role: 'teacher' });

      const setup = await request(app.getHttpServer())
        .post('/api/auth/setup')
        .send({ token, password: 'my own long password' })
        .expect(200);
      expect(sessionCookie(setup).header).toMatch(/HttpOnly/);
      await signIn(app, email, 'my own long password');

      await request(app.getHttpServer()).post('/api/auth/setup/info').send({ token }).expect(404);
      await request(app.getHttpServer())
        .post('/api/auth/setup')
        .send({ token, password: 'yet another password' })
        .expect(404);
    });

    it('refuses an expired link', async () => {
      const { token, staffId } = await createStaffWithLink();
      await factory.dataSource.query(
        `UPDATE staff_setup_token SET expires_at = now() - interval '1 minute' WHERE staff_user_id = $1`,
        [staffId],
      );
      await request(app.getHttpServer()).post('/api/auth/setup/info').send({ token }).expect(404);
      await request(app.getHttpServer())
        .post('/api/auth/setup')
        .send({ token, password: 'my own long password' })
        .expect(404);
    });

    it('stops the old link when a new one is issued', async () => {
      const { token, staffId } = await createStaffWithLink();
      const admin = await newSchoolAdmin();
      const agent = await signIn(app, admin.email);
      const reissued = await agent.post(`/api/staff/${staffId}/setup-link`).expect(201);
      await request(app.getHttpServer()).post('/api/auth/setup/info').send({ token }).expect(404);
      const newToken = (reissued.body as { path: string }).path.replace('/setup/', '');
      await request(app.getHttpServer()).post('/api/auth/setup/info').send({ token: newToken }).expect(200);
    });

    it('lets only one of two concurrent uses of a link through', async () => {
      const { token } = await createStaffWithLink();
      const attempts = await Promise.all(
        [1, 2, 3].map((n) =>
          request(app.getHttpServer())
            .post('/api/auth/setup')
            .send({ token, password: `concurrent password ${n}` }),
        ),
      );
      expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 404, 404]);
    });

    it('does not store the setup token itself', async () => {
      const { token, staffId } = await createStaffWithLink();
      const dump = await factory.dataSource.query<Array<{ rows: string }>>(
        `SELECT string_agg(t::text, '|') AS rows FROM staff_setup_token t WHERE staff_user_id = $1`,
        [staffId],
      );
      expect(firstOf(dump).rows).not.toContain(token);
    });
  });

  describe('rate limits', () => {
    it('answers the 11th wrong password within a minute with 429 and Retry-After', async () => {
      const teacher = await newTeacher();
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        await request(app.getHttpServer())
          .post('/api/auth/login')
          .send({ email: teacher.email, password: `wrong ${attempt}` })
          .expect(401);
      }
      const blocked = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email: teacher.email, password: TEST_PASSWORD })
        .expect(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('limits sign-in attempts per IP address', async () => {
      const strict = await createTestApp({ LOGIN_LIMIT_PER_IP: '3' });
      try {
        const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
        const attempt = (n: number) =>
          request(strict.getHttpServer())
            .post('/api/auth/login')
            .set('X-Forwarded-For', ip)
            .send({ email: `someone${n}@school.test`, password: 'whatever' });
        for (let n = 1; n <= 3; n += 1) expect((await attempt(n)).status).toBe(401);
        const blocked = await attempt(4);
        expect(blocked.status).toBe(429);
        expect(blocked.headers['retry-after']).toBeDefined();
      } finally {
        await strict.close();
      }
    });
  });

  describe('cross-origin requests', () => {
    it('refuses a POST from another origin', async () => {
      const teacher = await newTeacher();
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('Origin', 'https://evil.example')
        .send({ email: teacher.email, password: TEST_PASSWORD })
        .expect(403);
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('Sec-Fetch-Site', 'cross-site')
        .send({ email: teacher.email, password: TEST_PASSWORD })
        .expect(403);
    });

    it('accepts a POST from the web app’s own origin', async () => {
      const teacher = await newTeacher();
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('Origin', 'http://localhost:3000')
        .set('Sec-Fetch-Site', 'same-origin')
        .send({ email: teacher.email, password: TEST_PASSWORD })
        .expect(200);
    });
  });
});
