import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forwardToApi, requestHeadersForApi, responseHeadersFromApi } from './api-proxy';

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

describe('forwardToApi', () => {
  let api: http.Server;
  let apiOrigin: string;
  let seen: Seen;
  const previousApiUrl = process.env.API_URL;

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() };
        if (req.url === '/api/moved') {
          res.writeHead(302, { location: `${apiOrigin}/api/elsewhere` });
          res.end();
        } else if (req.url === '/api/reports/district') {
          const headers = {
            etag: 'W/"v1"',
            'cache-control': 'private, no-cache',
            'last-modified': 'Wed, 02 Dec 2026 18:00:00 GMT',
          };
          if (req.headers['if-none-match'] === 'W/"v1"') {
            res.writeHead(304, headers);
            res.end();
          } else {
            res.writeHead(200, { ...headers, 'content-type': 'application/json' });
            res.end('{"districtName":"Центральный"}');
          }
        } else if (req.url === '/api/auth/logout') {
          res.writeHead(204, { 'set-cookie': 'sid=; Max-Age=0; Path=/' });
          res.end();
        } else {
          res.writeHead(201, {
            'content-type': 'application/json',
            'set-cookie': ['sid=abc; Path=/; HttpOnly; SameSite=Lax', 'seen=1; Path=/'],
          });
          res.end('{"ok":true}');
        }
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    process.env.API_URL = apiOrigin;
  });

  afterAll(async () => {
    process.env.API_URL = previousApiUrl;
    await new Promise((resolve) => api.close(resolve));
  });

  it('passes method, path, query, cookies and body to the API, and its status, body and cookies back', async () => {
    const response = await forwardToApi(
      new Request('http://web.test/api/auth/login?next=%2Fclasses', {
        method: 'POST',
        headers: { cookie: 'sid=old', 'content-type': 'application/json' },
        body: '{"email":"teacher@school.ru"}',
      }),
    );

    expect(seen).toMatchObject({
      method: 'POST',
      url: '/api/auth/login?next=%2Fclasses',
      body: '{"email":"teacher@school.ru"}',
      headers: { cookie: 'sid=old', 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    await expect(response.json()).resolves.toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['sid=abc; Path=/; HttpOnly; SameSite=Lax', 'seen=1; Path=/']);
  });

  it('passes conditional headers unchanged, adding no Cache-Control or Pragma, and a 304 back as a 304', async () => {
    const fresh = await forwardToApi(new Request('http://web.test/api/reports/district'));
    expect(fresh.status).toBe(200);
    expect(seen.headers['cache-control']).toBeUndefined();
    expect(seen.headers.pragma).toBeUndefined();
    const etag = fresh.headers.get('etag');
    expect(etag).toBe('W/"v1"');
    expect(fresh.headers.get('last-modified')).toBe('Wed, 02 Dec 2026 18:00:00 GMT');
    await expect(fresh.json()).resolves.toEqual({ districtName: 'Центральный' });

    const again = await forwardToApi(
      new Request('http://web.test/api/reports/district', {
        headers: { 'if-none-match': etag ?? '', 'if-modified-since': 'Wed, 02 Dec 2026 18:00:00 GMT' },
      }),
    );
    expect(seen.headers).toMatchObject({
      'if-none-match': 'W/"v1"',
      'if-modified-since': 'Wed, 02 Dec 2026 18:00:00 GMT',
    });
    expect(seen.headers['cache-control']).toBeUndefined();
    expect(seen.headers.pragma).toBeUndefined();
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe('W/"v1"');
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('passes the browser’s own Cache-Control through as it is', async () => {
    await forwardToApi(
      new Request('http://web.test/api/reports/district', { headers: { 'cache-control': 'max-age=0' } }),
    );
    expect(seen.headers['cache-control']).toBe('max-age=0');
  });

  it('hands a redirect to the browser instead of following it, pointing at the web origin', async () => {
    const response = await forwardToApi(new Request('http://web.test/api/moved'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/api/elsewhere');
  });

  it('passes a 204 with its cookie through without a body', async () => {
    const response = await forwardToApi(new Request('http://web.test/api/auth/logout', { method: 'POST' }));
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['sid=; Max-Age=0; Path=/']);
  });

  it('answers 502 in the API error shape when the API is down', async () => {
    process.env.API_URL = 'http://127.0.0.1:9';
    try {
      const response = await forwardToApi(new Request('http://web.test/api/health'));
      expect(response.status).toBe(502);
      await expect(response.json()).resolves.toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
    } finally {
      process.env.API_URL = apiOrigin;
    }
  });
});

describe('requestHeadersForApi', () => {
  it('drops per-connection headers, including those the Connection header names', () => {
    const headers = requestHeadersForApi(
      new Headers({
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'keep-alive': 'timeout=5',
        host: 'web.test',
        cookie: 'a=1',
      }),
    );
    expect([...headers.keys()]).toEqual(['cookie']);
  });
});

describe('responseHeadersFromApi', () => {
  it('leaves a Location on another origin alone', () => {
    const headers = responseHeadersFromApi(new Headers({ location: 'https://id.vk.com/auth' }), 'http://api:3333');
    expect(headers.get('location')).toBe('https://id.vk.com/auth');
  });
});
