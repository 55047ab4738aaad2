import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RosterFamily, SchoolClassSummary, SchoolSummary } from '@sferum/contracts';
import en from '../messages/en.json';
import ru from '../messages/ru.json';
import { DEMO_DISTRICT_ADMIN, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const n = ru.newYear;
const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{${key}}`, String(value)), text);
const nextYear = (year: string) => `${Number(year.slice(0, 4)) + 1}/${Number(year.slice(0, 4)) + 2}`;

/** Modals fade in: a screenshot waits until the dialog is opaque. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const modal = document.querySelector('[role="dialog"]');
    return modal !== null && getComputedStyle(modal).opacity === '1';
  });
}

// A school of its own: the move changes every class, and other specs count the demo school's people.
test('a district admin previews the new school year, runs it once, and sees 5А as 6А of the next year', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_DISTRICT_ADMIN);
  const name = `Школа № 21 (новый год ${Date.now() % 100_000})`;
  const school = (await (await page.request.post('/api/schools', { data: { name } })).json()) as SchoolSummary;
  const students: Record<string, string[]> = {
    '5А': ['Пятакова Вера', 'Пятаков Лев'],
    '9А': ['Девяткин Марк'],
    '11А': ['Выпускова Нина', 'Выпусков Глеб'],
  };
  for (const [className, names] of Object.entries(students)) {
    const created = await page.request.post('/api/classes', {
      data: { schoolId: school.id, grade: Number(className.slice(0, -1)), letter: 'А' },
    });
    expect(created.status()).toBe(201);
    const schoolClass = (await created.json()) as SchoolClassSummary;
    for (const student of names) {
      const added = await page.request.post(`/api/classes/${schoolClass.id}/students`, {
        data: { displayName: student, parents: [{ displayName: `Родитель: ${student}` }] },
      });
      expect(added.status()).toBe(201);
      expect(((await added.json()) as RosterFamily).students).toHaveLength(1);
    }
  }
  const fromYear = ((await (await page.request.get(`/api/schools/${school.id}`)).json()) as SchoolSummary).academicYear;
  if (!fromYear) throw new Error('The school has classes: it has a year');
  const toYear = nextYear(fromYear);

  await page.goto(`/schools/${school.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('school-academic-year')).toContainText(fromYear);
  const section = page.getByTestId('new-year-section');
  await expect(section.getByRole('heading', { name: n.sectionTitle })).toBeVisible();
  await expect(section).toContainText(fill(n.currentYear, { year: fromYear }));
  await section.getByRole('button', { name: fill(n.open, { year: toYear }) }).click();

  const dialog = page.getByRole('dialog', { name: n.title });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('new-year-years')).toHaveText(fill(n.fromTo, { from: fromYear, to: toYear }));
  const row = (className: string) => dialog.getByTestId(`new-year-row-${className}`);
  await expect(row('5А')).toContainText('6А');
  await expect(row('9А')).toContainText('10А');
  await expect(row('11А')).toContainText(n.leaves);
  await expect(dialog.getByTestId('new-year-counts')).toHaveText(
    'На год старше: 2 класса. Выпускаются: 1 класс (2 ученика). Новых первых классов: 0.',
  );

  // The 9th grades leave too, the data goes after two weeks, and two first grades come.
  await dialog.getByRole('checkbox', { name: n.archiveGrade9 }).check();
  await expect(row('9А')).toContainText(n.leaves);
  await dialog.getByRole('textbox', { name: n.erasureDays }).fill('14');
  const letters = dialog.getByRole('textbox', { name: n.letters });
  await letters.fill('а, B');
  await expect(dialog.getByText(fill(n.lettersInvalid, { letters: 'B' }))).toBeVisible();
  await letters.fill('б, а');
  await expect(row('new-1А')).toContainText(n.newClass);
  await expect(row('new-1Б')).toBeVisible();
  await expect(dialog.getByTestId('new-year-counts')).toHaveText(
    'На год старше: 1 класс. Выпускаются: 2 класса (3 ученика). Новых первых классов: 2.',
  );
  const explanation = dialog.getByTestId('new-year-explanation');
  await expect(explanation).toContainText(n.explainChats);
  await expect(explanation).toContainText('через 14 дней');
  await expect(explanation).toContainText(`31 августа ${toYear.slice(5, 9)}`);
  await expect(explanation).toContainText('Аккаунт в MAX');

  // Nothing runs until the new year is typed.
  const submit = dialog.getByRole('button', { name: fill(n.submit, { year: toYear }) });
  await expect(submit).toBeDisabled();
  const confirmation = dialog.getByRole('textbox', { name: fill(n.confirmLabel, { year: toYear }) });
  await confirmation.fill(fromYear);
  await expect(submit).toBeDisabled();
  await confirmation.fill(toYear);
  await expect(submit).toBeEnabled();
  await settle(page);
  await dialog.getByRole('heading', { name: n.classesHeading }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'new-year-preview.png') });
  await confirmation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'new-year-confirm.png') });

  await page.setViewportSize({ width: 768, height: 1024 });
  await dialog.getByTestId('new-year-years').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'new-year-preview-768.png') });
  await page.setViewportSize({ width: 1366, height: 768 });

  await submit.click();
  const result = dialog.getByTestId('new-year-result');
  await expect(result).toContainText(fill(n.doneTitle, { year: toYear }));
  await expect(result).toContainText('На год старше: 1 класс');
  await expect(result).toContainText('В архив: 2 класса, 3 выпускника');
  await expect(result).toContainText('Новых первых классов: 2');
  await expect(result).toContainText('Данные выпускников будут стёрты');
  await settle(page);
  await page.screenshot({ path: path.join(screenshotDir, 'new-year-done.png') });
  await result.getByRole('button', { name: ru.common.close }).click();
  await expect(dialog).toBeHidden();

  // 5А is now 6А of the next year; the leavers' classes are in the archive; the first grades are new.
  const sixth = page.getByTestId('class-row-6А');
  await expect(sixth).toBeVisible();
  await expect(sixth).toContainText(toYear);
  await expect(page.getByTestId('class-row-1А')).toContainText(toYear);
  await expect(page.getByTestId('class-row-1Б')).toContainText(toYear);
  await expect(page.getByTestId('class-row-5А')).toHaveCount(0);
  await expect(page.getByTestId('class-row-11А')).toHaveCount(0);
  await expect(page.getByTestId('school-academic-year')).toContainText(toYear);

  // Run once: the button says the year has started, and the API refuses a second run.
  const started = section.getByRole('button', { name: fill(n.startedButton, { year: toYear }) });
  await expect(started).toBeDisabled();
  await expect(section.getByTestId('new-year-state')).toContainText(toYear);
  const again = await page.request.post(`/api/schools/${school.id}/new-year`, {
    data: { archiveGrade9: false, toYear },
  });
  expect(again.status()).toBe(409);
  // From the top: the dashboard's header is fixed, and a full-page shot taken further down shows it mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, 'new-year-started.png'), fullPage: true });

  // The district's list of schools shows each school's year.
  await page.goto('/schools');
  await expect(page.getByTestId(`school-row-${name}`).getByTestId('school-year')).toHaveText(toYear);

  await page.goto(`/en/schools/${school.id}`);
  await expect(
    page.getByTestId('new-year-section').getByRole('heading', { name: en.newYear.sectionTitle }),
  ).toBeVisible();
});
