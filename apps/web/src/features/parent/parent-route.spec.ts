import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { styleHashSource } from '../../server/security-headers';
import { parentFamily, parentPerson, parentStep } from './parent-factory';
import { handleParentGet, handleParentPost } from './parent-route';

const TOKEN = 'a'.repeat(43);
const PERSON = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';

const family = parentFamily([parentPerson({ id: PERSON, kind: 'student', displayName: 'Петя' })]);

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
        if (answer.status === 204) {
          res.writeHead(204, { 'preference-applied': 'return=minimal' }).end();
          return;
        }
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
    expect(last?.headers.prefer).toBeUndefined();
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

  it('saves a posted form asking the API for no body (204), and sends the browser back to the item with 303', async () => {
    answer = { status: 204, body: null };
    const form = new URLSearchParams({ person: PERSON, item: 'step:max_account', action: 'done' });
    const response = await handleParentPost(
      new Request(`http://web.test/en/p/${TOKEN}`, { method: 'POST', body: form }),
      context('en'),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/en/p/${TOKEN}?saved=i-${PERSON}-max_account#i-${PERSON}-max_account`,
    );
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/api/parent/people/${PERSON}/steps/max_account` });
    expect(seen.at(-1)?.headers.prefer).toBe('return=minimal');
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ status: 'done' });
  });

  it('takes a 200 with the family (an API that does not apply the preference) as saved too', async () => {
    answer = { status: 200, body: family };
    const form = new URLSearchParams({ person: PERSON, item: 'step:max_account', action: 'done' });
    const response = await handleParentPost(
      new Request(`http://web.test/p/${TOKEN}`, { method: 'POST', body: form }),
      context(),
    );
    expect(response.headers.get('location')).toBe(`/p/${TOKEN}?saved=i-${PERSON}-max_account#i-${PERSON}-max_account`);
  });

  it('asks for a reason before sending a blocker without one, and says so when a later step is done', async () => {
    const count = seen.length;
    const noReason = await handleParentPost(
      new Request(`http://web.test/p/${TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams({ person: PERSON, item: 'step:max_account', action: 'blocked' }),
      }),
      context(),
    );
    expect(noReason.headers.get('location')).toContain('error=reason');
    expect(seen.length).toBe(count);

    answer = { status: 409, body: { statusCode: 409 } };
    const conflict = await handleParentPost(
      new Request(`http://web.test/p/${TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams({ person: PERSON, item: 'step:max_account', action: 'undo' }),
      }),
      context(),
    );
    expect(conflict.status).toBe(303);
    expect(conflict.headers.get('location')).toContain('error=order');
  });

  const post = (fields: Record<string, string>, locale = 'ru') =>
    handleParentPost(
      new Request(`http://web.test/${locale === 'ru' ? '' : `${locale}/`}p/${TOKEN}`, {
        method: 'POST',
        body: new URLSearchParams(fields),
      }),
      context(locale),
    );

  it('sends what the page showed and says so when the school changed the item meanwhile', async () => {
    answer = {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'changed', code: 'changed_by_school' },
    };
    const response = await post({
      person: PERSON,
      item: 'step:max_account',
      action: 'done',
      seen_status: 'not_started',
      seen_at: '',
    });
    expect(response.headers.get('location')).toBe(
      `/p/${TOKEN}?error=changed&at=i-${PERSON}-max_account&retry=done#i-${PERSON}-max_account`,
    );
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({
      status: 'done',
      seen: { status: 'not_started', updatedAt: null },
    });
  });

  it('carries a blocker the school overtook back with its reason, and only after changed_by_school', async () => {
    answer = {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'changed', code: 'changed_by_school' },
    };
    const blocked = await post({
      person: PERSON,
      item: 'step:school_profile',
      action: 'blocked',
      reason: 'role_not_confirmed',
      note: 'тел. 8-900',
      seen_status: 'not_started',
    });
    expect(blocked.headers.get('location')).toBe(
      `/p/${TOKEN}?error=changed&at=i-${PERSON}-school_profile&retry=blocked:role_not_confirmed#i-${PERSON}-school_profile`,
    );
    answer = { status: 409, body: { statusCode: 409 } };
    const order = await post({ person: PERSON, item: 'step:max_account', action: 'undo' });
    expect(order.headers.get('location')).not.toContain('retry=');
  });

  it('shows the school’s mark and «Всё равно отметить» after coming back, and ignores a made-up choice', async () => {
    answer = {
      status: 200,
      body: parentFamily([
        parentPerson({
          id: PERSON,
          kind: 'student',
          displayName: 'Петя',
          steps: [parentStep('max_account', 'done', { markedBy: 'school' }), parentStep('school_profile')],
        }),
      ]),
    };
    const back = await handleParentGet(
      new Request(`http://web.test/p/${TOKEN}?error=changed&at=i-${PERSON}-max_account&retry=undo`),
      context(),
    );
    const page = await back.text();
    expect(page).toContain('Сейчас отмечено: сделано.');
    expect(page).toContain('<button name="action" value="undo">Всё равно отметить: не сделано');
    const madeUp = await handleParentGet(
      new Request(`http://web.test/p/${TOKEN}?error=changed&at=i-${PERSON}-max_account&retry=delete`),
      context(),
    );
    expect(await madeUp.text()).not.toContain('class="retry"');
  });

  it('offers the code page on the friendly 404, in the page’s language', async () => {
    answer = { status: 404, body: { statusCode: 404 } };
    expect(await (await handleParentGet(new Request(`http://web.test/p/${TOKEN}`), context())).text()).toContain(
      '<a href="/p">',
    );
    expect(await (await handleParentGet(new Request(`http://web.test/en/p/${TOKEN}`), context('en'))).text()).toContain(
      '<a href="/en/p">',
    );
  });

  it('tells a refusal for a person who does not use Sferum from one of the steps’ order', async () => {
    answer = { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'opted out', code: 'opted_out' } };
    const response = await post({ person: PERSON, item: 'step:max_account', action: 'done' });
    expect(response.headers.get('location')).toContain('error=optedOut');
  });

  it('opts a person out with one PUT and sends the browser back to that person', async () => {
    answer = { status: 204, body: null };
    const response = await post({ person: PERSON, action: 'opt_out', channel: 'paper', note: 'в дневник' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/p/${TOKEN}?saved=o-${PERSON}#o-${PERSON}`);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/api/parent/people/${PERSON}/opt-out` });
    expect(seen.at(-1)?.headers.prefer).toBe('return=minimal');
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ optedOut: true, channel: 'paper', note: 'в дневник' });
  });

  it('opts the whole family out, and back in to the top of the page', async () => {
    answer = { status: 204, body: null };
    const out = await post({ scope: 'family', action: 'opt_out', channel: 'phone' });
    expect(out.headers.get('location')).toBe(`/p/${TOKEN}?saved=o-family#o-family`);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: '/api/parent/opt-out' });
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ optedOut: true, channel: 'phone' });

    const back = await post({ scope: 'family', action: 'opt_in' });
    expect(back.headers.get('location')).toBe(`/p/${TOKEN}?saved=top#top`);
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ optedOut: false });
  });

  it('brings a person back in at their steps', async () => {
    answer = { status: 204, body: null };
    const response = await post({ person: PERSON, action: 'opt_in' }, 'en');
    expect(response.headers.get('location')).toBe(`/en/p/${TOKEN}?saved=p-${PERSON}#p-${PERSON}`);
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', url: `/api/parent/people/${PERSON}/opt-out` });
  });

  it('asks for a channel, or a note for «Другое», before calling the API', async () => {
    const count = seen.length;
    const noChannel = await post({ person: PERSON, action: 'opt_out' });
    expect(noChannel.headers.get('location')).toBe(`/p/${TOKEN}?error=channel&at=o-${PERSON}#o-${PERSON}`);
    const noNote = await post({ scope: 'family', action: 'opt_out', channel: 'other' });
    expect(noNote.headers.get('location')).toBe(`/p/${TOKEN}?error=note&at=o-family&channel=other#o-family`);
    expect(seen.length).toBe(count);
  });

  it('shows the page with the question at the form the browser came back to', async () => {
    answer = { status: 200, body: family };
    const response = await handleParentGet(
      new Request(`http://web.test/p/${TOKEN}?error=note&at=o-${PERSON}&channel=other`),
      context(),
    );
    const page = await response.text();
    expect(page).toContain('name="channel" value="other" required checked');
    expect(page).toContain('<details open>');
  });

  it('says it could not save when the API refuses the opt-out', async () => {
    answer = {
      status: 400,
      body: { statusCode: 400, message: 'Bad Request', details: [{ field: 'note', messages: [] }] },
    };
    const response = await post({ person: PERSON, action: 'opt_out', channel: 'e_diary' });
    expect(response.headers.get('location')).toBe(`/p/${TOKEN}?error=failed&at=o-${PERSON}#o-${PERSON}`);
  });

  it('answers with the page under its strict policy: no script, its one stylesheet by hash', async () => {
    answer = { status: 200, body: family };
    const response = await handleParentGet(new Request(`http://web.test/p/${TOKEN}`), context());
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    const css = /<style>([\s\S]*?)<\/style>/.exec(await response.text())?.[1] ?? '';
    expect(policy).toContain(`style-src ${styleHashSource(css)}`);
    expect(policy).not.toContain('script-src');
  });

  it('shows the unavailable page when the API names a path the web does not know', async () => {
    answer = { status: 200, body: { ...family, pathId: 'atlantis' } };
    const response = await handleParentGet(new Request(`http://web.test/p/${TOKEN}`), context());
    expect(response.status).toBe(503);
  });
});
