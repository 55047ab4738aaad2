import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { CreatedApiKey, DistrictReport } from '@sferum/contracts';
import { apiAs, DEMO_DISTRICT_ADMIN } from './support/demo-session';

// Through the WEB port, as a browser or a district's script reaches the API: the
// forwarding must pass If-None-Match, ETag and Cache-Control unchanged and a 304 back as a 304.

/** Asks twice, the second time with the first answer's ETag: 200 with an ETag, then 304 without a body. */
async function expectRevalidates(get: (headers?: Record<string, string>) => Promise<APIResponse>, what: string) {
  const first = await get();
  expect(first.status(), what).toBe(200);
  const etag = first.headers()['etag'];
  expect(etag, `${what}: ETag`).toMatch(/^W\/"/);
  expect(first.headers()['cache-control'], `${what}: Cache-Control`).toBe('private, no-cache');
  const again = await get({ 'if-none-match': etag ?? '' });
  expect(again.status(), `${what}: with If-None-Match`).toBe(304);
  expect((await again.body()).length, `${what}: 304 has no body`).toBe(0);
  expect(again.headers()['etag'], `${what}: the 304's ETag`).toBe(etag);
  return etag ?? '';
}

let staff: APIRequestContext;
let script: APIRequestContext;
let schoolId: string;

test.beforeAll(async () => {
  staff = await apiAs(DEMO_DISTRICT_ADMIN);
  const district = (await (await staff.get('/api/reports/district')).json()) as DistrictReport;
  schoolId = district.schools[0]?.schoolId ?? '';
  expect(schoolId).not.toBe('');
  const created = await staff.post('/api/api-keys', { data: { name: 'Проверка кэша (e2e)' } });
  expect(created.status()).toBe(201);
  const { secret } = (await created.json()) as CreatedApiKey;
  // A district's script: the key, no session cookie.
  script = await request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
});

test.afterAll(async () => {
  await staff.dispose();
  await script.dispose();
});

test('the dashboard’s reports answer 304 through the web port in every format', async () => {
  const paths = [
    '/api/reports/district',
    `/api/reports/schools/${schoolId}`,
    '/api/reports/history',
    `/api/reports/history?schoolId=${schoolId}`,
    '/api/reports/district/export',
    '/api/reports/district/export?locale=en',
    `/api/reports/schools/${schoolId}/export`,
    // The pages' own «Скачать Excel» links, which fetch the same file with the visitor's session.
    '/reports/district/export',
    `/reports/schools/${schoolId}/export`,
  ];
  for (const path of paths) await expectRevalidates((headers) => staff.get(path, { headers }), path);
});

test('the reporting API answers 304 through the web port with a key, in JSON, CSV and Excel’s CSV', async () => {
  const etags: string[] = [];
  for (const unit of ['district', `schools/${schoolId}`, 'history']) {
    for (const format of ['json', 'csv', 'excel-csv']) {
      const path = `/api/v1/reports/${unit}?format=${format}`;
      etags.push(await expectRevalidates((headers) => script.get(path, { headers }), path));
    }
  }
  // `Accept: text/csv` is the CSV too, with the same ETag as ?format=csv.
  const accepted = await script.get('/api/v1/reports/district', { headers: { accept: 'text/csv' } });
  expect(accepted.headers()['etag']).toBe(etags[1]);
  expect(new Set(etags.slice(0, 3)).size).toBe(3);
});

test('the Excel CSV reaches the browser with its BOM, semicolons, header row and Cyrillic intact', async () => {
  const response = await script.get('/api/v1/reports/district?format=excel-csv');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  const raw = await response.body();
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = raw.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(header?.split(';').slice(0, 6)).toEqual(['as_of', 'school_id', 'school_name', 'classes', 'path', 'path_name']);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.join('\n')).toContain('Средняя школа № 7 (демо)');
  expect(rows.join('\n')).toContain('Сферум в MAX');
});
