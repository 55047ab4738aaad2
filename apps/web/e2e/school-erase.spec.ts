import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ClassRoster, SchoolClassSummary, SchoolSummary } from '@sferum/contracts';
import en from '../messages/en.json';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

const DISTRICT_ADMIN = { email: 'district@sferum-demo.test', password: 'demo-district-2026' };

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill(DISTRICT_ADMIN.email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(DISTRICT_ADMIN.password);
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page.getByTestId('current-user-name')).toBeVisible();
}

// A school of its own, so that the demo school the other specs use keeps its people.
test('the district admin erases a school’s students and parents at the end of the year, after typing its name', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  const name = `Гимназия № 3 (выпуск ${Date.now() % 100_000})`;
  const school = (await (await page.request.post('/api/schools', { data: { name } })).json()) as SchoolSummary;
  const created = await page.request.post('/api/classes', { data: { schoolId: school.id, grade: 11, letter: 'А' } });
  expect(created.status()).toBe(201);
  const schoolClass = (await created.json()) as SchoolClassSummary;
  for (const student of ['Выпускникова Анна', 'Выпускников Илья']) {
    const added = await page.request.post(`/api/classes/${schoolClass.id}/students`, {
      data: { displayName: student, parents: [{ displayName: `Родитель: ${student}` }] },
    });
    expect(added.status()).toBe(201);
  }

  await page.goto(`/schools/${school.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const section = page.getByTestId('erase-school-section');
  await expect(section).toContainText(ru.schoolErase.sectionTitle);
  await section.getByRole('button', { name: ru.schoolErase.open }).click();

  const dialog = page.getByRole('dialog', { name: ru.schoolErase.title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`«${name}»`);
  const confirmation = dialog.getByRole('textbox', { name: ru.schoolErase.confirmLabel });
  const erase = dialog.getByRole('button', { name: ru.schoolErase.submit });
  await expect(erase).toBeDisabled();

  // A slip is named at once, and the button stays off until the whole name is there.
  await confirmation.fill('Гимназия № 4');
  await expect(dialog.getByText(ru.schoolErase.mismatch)).toBeVisible();
  await expect(erase).toBeDisabled();
  await confirmation.fill(name.slice(0, 10));
  await expect(dialog.getByText(ru.schoolErase.mismatch)).toHaveCount(0);
  await expect(erase).toBeDisabled();
  await confirmation.fill(name);
  await expect(erase).toBeEnabled();
  await page.waitForFunction(() => {
    const modal = document.querySelector('[role="dialog"]');
    return modal !== null && getComputedStyle(modal).opacity === '1';
  });
  await screenshot(page, 'school-erase-dialog', false);

  // Cancel first: nothing happens.
  await dialog.getByRole('button', { name: ru.common.cancel }).click();
  await expect(dialog).toBeHidden();
  const before = (await (await page.request.get(`/api/classes/${schoolClass.id}/roster`)).json()) as ClassRoster;
  expect(before.families).toHaveLength(2);

  await section.getByRole('button', { name: ru.schoolErase.open }).click();
  await expect(confirmation).toHaveValue('');
  await confirmation.fill(name);
  await erase.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Данные стёрты: 2 семьи, 4 человека')).toBeVisible();
  await screenshot(page, 'school-erase-done');

  const after = (await (await page.request.get(`/api/classes/${schoolClass.id}/roster`)).json()) as ClassRoster;
  expect(after.families).toEqual([]);
  // The class stays, as after a class's end-of-year erasure.
  await expect(page.getByTestId('class-row-11А')).toBeVisible();

  await page.goto(`/en/schools/${school.id}`);
  await expect(
    page.getByTestId('erase-school-section').getByRole('button', { name: en.schoolErase.open }),
  ).toBeVisible();
});
