import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiErrorBody, HealthResponse } from '@sferum/contracts';
import request from 'supertest';
import { createTestApp } from './support/test-app';

describe('health and API basics', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports the API and its database up', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    const body = response.body as HealthResponse;
    expect(body.status).toBe('ok');
    expect(body.database).toBe('up');
    expect(body.replica).toBe('none');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('hashes no ETag from an answer’s body: only reports carry one, over their figures', async () => {
    for (const path of ['/api/health', '/api/docs-json', '/api/no-such-thing']) {
      const response = await request(app.getHttpServer()).get(path);
      expect([path, response.headers.etag]).toEqual([path, undefined]);
    }
  });

  it('serves the OpenAPI document with the health route', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    const document = response.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/health');
  });

  it('serves the Swagger UI', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('answers an unknown route with the JSON error shape', async () => {
    const response = await request(app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expect(response.body as ApiErrorBody).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/no-such-thing',
    });
  });

  it('answers malformed JSON with 400 in the JSON error shape', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect((response.body as ApiErrorBody).statusCode).toBe(400);
    expect((response.body as ApiErrorBody).error).toBe('Bad Request');
  });

  it('sets security headers on every response', async () => {
    const response = await request(app.getHttpServer()).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
