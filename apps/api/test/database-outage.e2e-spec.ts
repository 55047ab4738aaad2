import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, HealthResponse } from '@sferum/contracts';
import request from 'supertest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@sferum/dev-postgres';
import { createMigratedDatabase } from './support/test-database';
import { createTestApp } from './support/test-app';

/** A PostgreSQL of this test's own, so that it can be stopped and started under a running API. */
describe('when PostgreSQL goes away and comes back', () => {
  let dataDir: string;
  let server: EmbeddedPostgres;
  let app: NestExpressApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sferum-outage-pg-'));
    server = await startEmbeddedPostgres({ dataDir });
    const database = await createMigratedDatabase(server.url);
    app = await createTestApp({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' });
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const health = () => request(app.getHttpServer()).get('/api/health');
  const login = () =>
    request(app.getHttpServer()).post('/api/auth/login').send({ email: 'nobody@school.test', password: 'whatever' });

  it('answers 503 with Retry-After while it is down, says so in health, and recovers without a restart', async () => {
    await health().expect(200);
    await login().expect(401);

    await server.stop();
    const started = Date.now();
    const down = await login();
    expect(down.status).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect((down.body as ApiErrorBody).message).toMatch(/database is not available/);
    const downHealth = await health();
    expect(downHealth.status).toBe(503);
    expect((downHealth.body as HealthResponse).database).toBe('down');
    expect(Date.now() - started).toBeLessThan(15_000);

    server = await startEmbeddedPostgres({ dataDir, port: server.port });
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await health()).status;
      if (status !== 200) await new Promise((wake) => setTimeout(wake, 250));
    }
    expect(status).toBe(200);
    await login().expect(401);
  });
});
