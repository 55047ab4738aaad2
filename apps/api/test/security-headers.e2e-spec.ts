import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { helmetOptions } from '../src/common/security-headers';
import { createTestApp } from './support/test-app';

/** The policy as directive → sources. */
function parsePolicy(header: string | undefined): Map<string, string[]> {
  expect(header).toBeTruthy();
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers of the API', () => {
  let app: NestExpressApplication;
  let production: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
    production = await createTestApp({ NODE_ENV: 'production' });
  });

  afterAll(async () => {
    await app.close();
    await production.close();
  });

  it('sends HSTS in production only, on answers and errors alike', async () => {
    for (const path of ['/api/health', '/api/no-such-thing', '/api/auth/me']) {
      const answer = await request(production.getHttpServer()).get(path);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect((await request(app.getHttpServer()).get(path)).headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('lets no other origin in and nobody frame it, Swagger UI included', async () => {
    for (const path of ['/api/health', '/api/docs/', '/api/no-such-thing']) {
      const answer = await request(app.getHttpServer()).get(path);
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      const policy = parsePolicy(answer.headers['content-security-policy']);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      for (const [directive, sources] of policy) {
        for (const source of sources) expect(`${directive} ${source}`).toMatch(/ ('[a-z-]+'|data:)$/);
      }
    }
  });

  it('sends on every answer what helmet itself would set with our options, worked out once at start-up', async () => {
    for (const [server, isProduction] of [
      [app, false],
      [production, true],
    ] as const) {
      const live = new ServerResponse(new IncomingMessage(new Socket()));
      helmet(helmetOptions(isProduction))(live.req, live, () => undefined);
      const expected = Object.entries(live.getHeaders());
      expect(expected.length).toBeGreaterThan(8);
      for (const path of ['/api/health', '/api/no-such-thing', '/api/parent/family']) {
        const answer = await request(server.getHttpServer()).get(path);
        for (const [name, value] of expected) expect([name, answer.headers[name]]).toEqual([name, value]);
        expect(answer.headers['x-powered-by']).toBeUndefined();
      }
    }
  });
});
