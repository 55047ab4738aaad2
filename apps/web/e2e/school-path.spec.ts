import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  MAX_PATH,
  VK_PATH,
  type ClassRoster,
  type RosterFamily,
  type SchoolClassSummary,
  type SchoolSummary,
} from '@sferum/contracts';
import ru from '../messages/ru.json';
import { DEMO_DISTRICT_ADMIN, signIn } from './support/demo-session';
import { at } from '../src/testing/at';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const s = ru.schoolPath;

// A school of its own, so that the demo schools the other specs use keep their path.
test('the district admin moves a school to the legacy VK path after a dialog that says what happens', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_DISTRICT_ADMIN);
  const name = `Школа № 12 (смена пути ${Date.now() % 100_000})`;
  const school = (await (await page.request.post('/api/schools', { data: { name } })).json()) as SchoolSummary;
  expect(school.pathId).toBe(MAX_PATH.id);
  const schoolClass = (await (
    await page.request.post('/api/classes', { data: { schoolId: school.id, grade: 3, letter: 'В' } })
  ).json()) as SchoolClassSummary;
  const family = (await (
    await page.request.post(`/api/classes/${schoolClass.id}/students`, {
      data: { displayName: 'Путевой Игорь', parents: [{ displayName: 'Путевая Анна' }] },
    })
  ).json()) as RosterFamily;
  const student = at(family.students, 0);
  const done = await page.request.put(`/api/people/${student.id}/steps/max_account`, {
    data: { version: student.version, status: 'done' },
  });
  expect(done.ok()).toBe(true);

  await page.goto(`/schools/${school.id}`);
  await expect(page.getByRole('heading', { name: s.heading })).toBeVisible();
  await expect(page.getByText(MAX_PATH.name.ru).first()).toBeVisible();
  await page.getByRole('button', { name: s.switch }).click();
  const dialog = page.getByRole('dialog', { name: s.switchTitle });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: new RegExp(VK_PATH.name.ru) }).click();
  for (const consequence of [s.keepsHistory, s.stepsRestart, s.chatsRestart, s.linksKeep])
    await expect(dialog).toContainText(consequence);
  await expect(dialog).toContainText(s.legacyWarning);
  await page.screenshot({ path: path.join(screenshotDir, 'school-path-switch-dialog.png') });
  await dialog.getByRole('button', { name: s.confirm.replace('{name}', VK_PATH.name.ru) }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(s.legacy).first()).toBeVisible();

  const roster = (await (await page.request.get(`/api/classes/${schoolClass.id}/roster`)).json()) as ClassRoster;
  expect(roster.pathId).toBe(VK_PATH.id);
  expect(at(at(roster.families, 0).students, 0).steps.map((step) => [step.step, step.status])).toEqual([
    ['vk_id', 'not_started'],
    ['sferum_profile', 'not_started'],
    ['messenger', 'not_started'],
  ]);
  await page.screenshot({ path: path.join(screenshotDir, 'school-path-after-switch.png'), fullPage: true });
});
