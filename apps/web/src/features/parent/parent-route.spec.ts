import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ParentFamily } from '@sferum/contracts';
import { handleParentGet, handleParentPost } from './parent-route';

const TOKEN = 'a'.repeat(43);
const PERSON = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';

const family: ParentFamily = {
  schoolName: 'Школа № 7',
  messenger: 'vk_messenger',
  expiresAt: '2027-08-31T20:59:00.000Z',
  people: [
    {
      id: PERSON,
      kind: 'student',
      displayName: 'Петя',
      className: '5А',
      steps: [{ step: 'vk_id', status: 'not_started', blockerReason: null, blockerNote: null, markedBy: null }],
      chats: [],
    },
  ],
};

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

describe('the parent route', () => {
  let api: http.Server;
  const seen: Seen[] = [];
  const previousApiUrl = process.env.API_URL;
  let answer: { status: number; body: unknown } = { status: 200, body: family };

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    process.env.API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    process.env.API_URL = previousApiUrl;
    await new Promise((resolve) => api.close(resolve));
  });

  const context = (locale = 'ru') => ({ params: Promise.resolve({ locale, token: TOKEN }) });

  it('sends the token in a header only, with the visitor’s address, and answers without caching', async () => {
    answer = { status: 200, body: family };
    const response = await handleParentGet(
      new Request(`http://web.test/p/${TOKEN}`, { headers: { 'x-forwarded-for': '203.0.113.7' } }),
      context(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    const last = seen.at(-1);
    expect(last?.url).toBe('/api/parent/family');
    expect(last?.headers['x-parent-token']).toBe(TOKEN);
    expect(last?.headers['x-forwarded-for']).toBe('203.0.113.7');
    expect(await response.text()).toContain('Петя');
  });

  it('answers an unknown link with 404 and the friendly text, and too many clicks with 429', async () => {
    answer = { status: 404, body: { statusCode: 404 } };
    const notFound = await handleParentGet(new Request(`http://web.test/p/${TOKEN}`), context());
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('Попросите у классного руководителя новую ссылку.');

    answer = { status: 429, body: { statusCode: 429 } };
    const tooMany = await handleParentGet(new Request(`http://web.test/p/${TOKEN}`), context());
    expect(tooMany.status).toBe(429);
  });

  it('saves a posted form and sends the browser back to the item with 303', async () => {
    answer = { status: 200, body: family };
    const form = new URLSearchParams({ person: PERSON, item: 'step:vk_id', action: 'done' });
    const response = await handleParentPost(
      new Request(`http://web.test/en/p/${TOKEN}`, { method: 'POST', body: form }),
      context('en'),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/en/p/${TOKEN}?saved=i-${PERSON}-vk_id#i-${PERSON}-vk_id`,
    );
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/api/parent/people/${PERSON}/steps/vk_id` });
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ status: 'done' });
  });

  it('asks for a reason before sending a blocker without one, and says so when a later step is done', async () => {
    const count = seen.length;
    const noReason = await handleParentPost(
      new Request(`http://web.test/p/${TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams({ person: PERSON, item: 'step:vk_id', action: 'blocked' }),
      }),
      context(),
    );
    expect(noReason.headers.get('location')).toContain('error=reason');
    expect(seen.length).toBe(count);

    answer = { status: 409, body: { statusCode: 409 } };
    const conflict = await handleParentPost(
      new Request(`http://web.test/p/${TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams({ person: PERSON, item: 'step:vk_id', action: 'undo' }),
      }),
      context(),
    );
    expect(conflict.status).toBe(303);
    expect(conflict.headers.get('location')).toContain('error=order');
  });
});
