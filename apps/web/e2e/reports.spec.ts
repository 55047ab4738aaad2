import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import reports from '../messages/reports.ru.json';
import { expectAccessible } from './support/accessibility';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

type Account = { email: string; password: string };
const DISTRICT_ADMIN: Account = { email: 'district@sferum-demo.test', password: 'demo-district-2026' };
const SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };
const DEMO_SCHOOL = 'Средняя школа № 7 (демо)';
const DEMO_DISTRICT = 'Управление образования г. Светлогорска (демо)';
/** «По состоянию на 2 декабря 2026 г., 21:25 по московскому времени» */
const AS_OF = /^По состоянию на \d{1,2} [а-я]+ \d{4} г\., \d{2}:\d{2} по московскому времени$/;

/** The page says when its figures were counted, and so does its trend; shot at a laptop's and a phone's width. */
async function expectAsOfAndShoot(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('report-as-of')).toHaveText(AS_OF);
  await expect(page.getByTestId('history-as-of')).toHaveText(AS_OF);
  for (const [width, height] of [
    [1366, 768],
    [360, 640],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('report-as-of').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, `${name}-as-of-${width}.png`) });
  }
}
/** The demo's second school, still on the legacy VK path. */
const VK_SCHOOL = 'Гимназия № 3 (демо, VK)';

async function signIn(page: Page, { email, password }: Account): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill(email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page.getByTestId('current-user-name')).toBeVisible();
}

async function rowNames(page: Page): Promise<string[]> {
  return page.getByTestId('report-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name') ?? ''));
}

/** The rows' «Прогресс», top to bottom; other tests change the demo data, so only the order is checked. */
async function rowProgress(page: Page): Promise<number[]> {
  return page
    .getByTestId('report-row')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-progress'))));
}

function descending(values: number[]): boolean {
  return values.every((value, i) => i === 0 || (values[i - 1] ?? value) >= value);
}

/** The trend chart is drawn, or says it waits for more days: the demo has little history. */
async function expectHistory(page: Page): Promise<void> {
  const chart = page.getByTestId('history-chart');
  await expect(chart.locator('svg').or(chart.getByText(reports.reports.history.empty))).toBeVisible();
}

test('the district admin compares schools, then creates an API key and sees its secret once', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DISTRICT_ADMIN);

  // A second school, with nobody in it yet: its progress is 0 %, below the demo school's.
  const newSchool = 'Лицей № 1 (e2e)';
  await page.goto('/schools');
  await page.getByRole('button', { name: ru.schools.addSchool }).click();
  const form = page.getByRole('dialog', { name: ru.schools.addSchoolTitle });
  await form.getByRole('textbox', { name: ru.schools.schoolName }).fill(newSchool);
  await form.getByRole('button', { name: ru.schools.add }).click();
  await expect(form).toBeHidden();

  await expect(page.getByRole('navigation').getByRole('link', { name: reports.reports.nav.district })).toHaveAttribute(
    'href',
    '/reports/district',
  );
  // A fresh page: no toast from the school just added over the screenshot.
  await page.goto('/reports/district');
  // The district's own name, not «Отчёт по району», heads its report; the tab says it too.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_DISTRICT);
  await expect(page).toHaveTitle(new RegExp(DEMO_DISTRICT.replace(/[().]/g, '\\$&')));
  // Other specs add schools of their own: only the order and the demo schools are checked here.
  await expect(page.getByTestId('report-row').filter({ hasText: newSchool })).toBeVisible();
  const byName = await rowNames(page);
  expect(byName).toEqual(expect.arrayContaining([VK_SCHOOL, newSchool, DEMO_SCHOOL]));
  const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
  expect(byName).toEqual([...byName].sort(collator.compare));
  await expect(page.getByTestId('report-row').filter({ hasText: DEMO_SCHOOL })).toContainText('%');
  // Each school names its path; the district has both.
  await expect(page.getByTestId('report-row').filter({ hasText: DEMO_SCHOOL })).toContainText(MAX_PATH.name.ru);
  await expect(page.getByTestId('report-row').filter({ hasText: VK_SCHOOL })).toContainText(VK_PATH.name.ru);

  // «Прогресс» starts best first; a second click turns it round, a third back.
  const progressHeader = page.getByRole('columnheader', { name: new RegExp(reports.reports.table.progress) });
  await page.getByTestId('sort-progress').click();
  await expect(progressHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => descending(await rowProgress(page))).toBe(true);
  expect((await rowProgress(page)).at(-1)).toBe(0);
  await page.getByTestId('sort-progress').click();
  await expect(progressHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => descending((await rowProgress(page)).reverse())).toBe(true);
  await page.getByTestId('sort-progress').click();
  await expect.poll(async () => descending(await rowProgress(page))).toBe(true);

  // What blocks people, per path, in the catalogue's words.
  await expect(
    page.getByText(MAX_PATH.blockers.find((b) => b.id === 'role_not_confirmed')!.label.ru).first(),
  ).toBeVisible();
  await expectHistory(page);
  await screenshot(page, 'reports-district');
  await expectAccessible(page, 'the district report');
  await expectAsOfAndShoot(page, 'reports-district');
  await page.setViewportSize({ width: 1280, height: 900 });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: reports.reports.table.export }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Отчёт по району .+\.xlsx$/);
  const saved = path.resolve(screenshotDir, '../downloads', file.suggestedFilename());
  await file.saveAs(saved);
  // The API built it: the dashboard's table, a row per school and the total.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  const sheet = workbook.getWorksheet('Прогресс');
  expect(sheet?.getRow(1).getCell(1).text).toBe('Школа');
  const names = sheet?.getColumn(1).values.map(String) ?? [];
  expect(names).toContain(DEMO_SCHOOL);
  // The total, an empty row, then when the figures were counted.
  expect(names.at(-3)).toBe('Итого');
  expect(names.at(-1)).toMatch(/^По состоянию на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} по московскому времени$/);

  await page.getByRole('link', { name: DEMO_SCHOOL }).click();
  await expect(page).toHaveURL(/\/reports\/schools\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reports.reports.school.title);
  await expect(page.getByTestId('report-row').filter({ hasText: '5А' })).toBeVisible();
  await expect(page.getByTestId('report-as-of')).toHaveText(AS_OF);

  await page.getByRole('navigation').getByRole('link', { name: reports.reports.nav.apiKeys }).click();
  await expect(page).toHaveURL(/\/reports\/keys$/);
  await expect(page.getByText('/api/v1/reports/district?format=csv')).toBeVisible();
  // Which file is for what: the comma CSV for scripts, the semicolon one for Excel.
  await expect(page.getByText('/api/v1/reports/district?format=excel-csv')).toBeVisible();
  await expect(page.getByText(reports.apiKeys.howToExcel)).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('(открывается в Excel)');
  await expectAccessible(page, 'the API keys page');
  await page.getByRole('button', { name: reports.apiKeys.create }).click();
  const createForm = page.getByRole('dialog', { name: reports.apiKeys.createTitle });
  await createForm.getByRole('textbox', { name: reports.apiKeys.name }).fill('Выгрузка для министерства');
  await createForm.getByRole('button', { name: reports.apiKeys.createSubmit }).click();

  const secretDialog = page.getByRole('dialog', { name: reports.apiKeys.secretTitle });
  await expect(secretDialog).toBeVisible();
  await expect(secretDialog.getByTestId('api-key-secret')).not.toHaveValue('');
  await expect(secretDialog.getByText(reports.apiKeys.secretWarningTitle)).toBeVisible();
  await expect(page.getByTestId('api-key-row').filter({ hasText: 'Выгрузка для министерства' })).toContainText(
    reports.apiKeys.active,
  );
  await screenshot(page, 'reports-api-keys-secret');
  await expectAccessible(page, 'the API key’s secret dialog');
  await secretDialog.getByRole('button', { name: reports.apiKeys.done }).click();
  await expect(secretDialog).toBeHidden();

  await page.getByRole('button', { name: 'Отозвать ключ «Выгрузка для министерства»' }).click();
  const confirm = page.getByRole('dialog', { name: reports.apiKeys.revokeTitle });
  await confirm.getByRole('button', { name: reports.apiKeys.revoke }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('api-key-row').filter({ hasText: 'Выгрузка для министерства' })).toContainText(
    'Отозван',
  );
  await screenshot(page, 'reports-api-keys');
});

test('a school admin sees their school’s report class by class, and not the district’s', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await signIn(page, SCHOOL_ADMIN);
  await page.getByRole('navigation').getByRole('link', { name: reports.reports.nav.school }).click();
  await expect(page).toHaveURL(/\/reports\/schools\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reports.reports.school.title);
  await expect(page.getByRole('main').getByText(`${DEMO_SCHOOL}: `)).toBeVisible();

  await expect(page.getByTestId('report-row').filter({ hasText: '5А' })).toBeVisible();
  const byName = await rowNames(page);
  expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true })));
  await page.getByTestId('sort-progress').click();
  await expect(page.getByTestId('sort-progress').locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
  const best = await rowProgress(page);
  expect(descending(best)).toBe(true);
  expect(best[0]).toBeGreaterThan(0);
  await expectHistory(page);
  await screenshot(page, 'reports-school');
  await expectAccessible(page, 'the school report');
  await expectAsOfAndShoot(page, 'reports-school');
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.getByTestId('sort-progress').click();
  await expect(page.getByTestId('sort-progress').locator('xpath=..')).toHaveAttribute('aria-sort', 'ascending');
  expect(descending((await rowProgress(page)).reverse())).toBe(true);

  await page.goto('/reports/district');
  await expect(page).not.toHaveURL(/\/reports\/district$/);
  await page.goto('/reports/keys');
  await expect(page).not.toHaveURL(/\/reports\/keys$/);
});
