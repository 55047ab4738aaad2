import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import type { CurrentUser } from '@sferum/contracts';
import {
  apiAs,
  DEMO_DISTRICT_ADMIN,
  DEMO_SCHOOL_ADMIN,
  DEMO_TEACHER,
  signIn,
  type Account,
} from './support/demo-session';

/**
 * The dashboard's pages come from the server with their first data in the
 * HTML (prefetched and hydrated): with JavaScript turned off, what they show
 * is the server's HTML alone.
 */
async function withoutJavaScript(
  browser: Browser,
  account: Account,
): Promise<{ context: BrowserContext; me: CurrentUser }> {
  const api = await apiAs(account);
  const me = (await (await api.get('/api/auth/me')).json()) as CurrentUser;
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await api.storageState() });
  await api.dispose();
  return { context, me };
}

test('a teacher’s classes and a class’s roster are in the server’s HTML', async ({ browser }) => {
  const { context } = await withoutJavaScript(browser, DEMO_TEACHER);
  const page = await context.newPage();
  await page.goto('/classes');
  const link = page.getByRole('link', { name: /5А/ });
  await expect(link).toBeVisible();

  await page.goto((await link.getAttribute('href')) ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('5А класс');
  await expect(page.getByTestId('counters-student')).toBeVisible();
  await expect(page.getByTestId('roster-table')).toBeVisible();
  await expect(page.getByTestId('changes-summary')).toBeVisible();
  expect(await page.getByTestId('roster-row').count()).toBeGreaterThan(5);
  await context.close();
});

test('the school’s page and its report are in the server’s HTML', async ({ browser }) => {
  const { context, me } = await withoutJavaScript(browser, DEMO_SCHOOL_ADMIN);
  const page = await context.newPage();
  await page.goto(`/schools/${me.schoolId}`);
  await expect(page.getByTestId('class-row-5А')).toBeVisible();
  await expect(page.getByTestId('school-academic-year')).toBeVisible();

  await page.goto(`/reports/schools/${me.schoolId}`);
  await expect(page.getByTestId('report-row').first()).toBeVisible();
  await context.close();
});

test('the district’s schools and its report are in the server’s HTML', async ({ browser }) => {
  const { context } = await withoutJavaScript(browser, DEMO_DISTRICT_ADMIN);
  const page = await context.newPage();
  await page.goto('/schools');
  await expect(page.locator('[data-testid^="school-row-"]').first()).toBeVisible();
  await expect(page.getByTestId('school-year').first()).toBeVisible();

  await page.goto('/reports/district');
  await expect(page.getByTestId('report-row').first()).toBeVisible();
  await context.close();
});

test('in the browser the hydrated page does not fetch its first data again', async ({ page }) => {
  await signIn(page, DEMO_TEACHER);
  const classLink = page.getByRole('link', { name: /5А/ });
  const href = (await classLink.getAttribute('href')) ?? '';
  const fetched: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname.startsWith('/api/')) fetched.push(url.pathname);
  });
  const hydrationErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat/i.test(message.text())) hydrationErrors.push(message.text());
  });
  // A fresh load of the class page: the server renders it with the class, the roster and what changed.
  await page.goto(href);
  await expect(page.getByTestId('roster-table')).toBeVisible();
  await expect(page.getByTestId('changes-summary')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((path) => /^\/api\/classes\/[^/]+(\/roster|\/changes)?$/.test(path))).toEqual([]);
  expect(hydrationErrors).toEqual([]);
});
