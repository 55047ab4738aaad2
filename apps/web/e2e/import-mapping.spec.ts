import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ClassRoster, CurrentUser, SchoolClassSummary, StaffMember } from '@sferum/contracts';
import roster from '../messages/roster.ru.json';
import { DEMO_SCHOOL_ADMIN, DEMO_TEACHER, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const t = roster.importList;
const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{${key}}`, String(value)), text);

const STUDENT_HEADER = 'Обучающийся (полностью)';
const STUDENTS = ['Гусева Алиса Павловна', 'Зуев Тимофей Олегович', 'Лебедева Ника Андреевна'];
// The student's column has a header the API does not know; the parents' it does.
const CSV = [`№;${STUDENT_HEADER};Родитель 1;Телефон родителя 1`]
  .concat(STUDENTS.map((student, index) => `${index + 1};${student};Родитель ${student.split(' ')[0]};`))
  .join('\r\n');

/** A class of its own in the demo school, led by the demo teacher: other specs count the demo classes' people. */
async function ownClass(page: Page): Promise<SchoolClassSummary> {
  await signIn(page, DEMO_SCHOOL_ADMIN);
  const me = (await (await page.request.get('/api/auth/me')).json()) as CurrentUser;
  const letters = 'БВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
  let created: SchoolClassSummary | null = null;
  for (let attempt = 0; attempt < 20 && !created; attempt += 1) {
    const seed = Date.now() + attempt * 7;
    const response = await page.request.post('/api/classes', {
      data: { schoolId: me.schoolId, grade: 2 + (seed % 9), letter: letters[Math.floor(seed / 9) % letters.length] },
    });
    if (response.status() === 201) created = (await response.json()) as SchoolClassSummary;
    else expect(response.status()).toBe(409);
  }
  if (!created) throw new Error('No free class name');
  const staff = (await (await page.request.get(`/api/staff?schoolId=${me.schoolId ?? ''}`)).json()) as StaffMember[];
  const teacher = staff.find((member) => member.email === 'teacher@sferum-demo.test');
  expect(teacher).toBeDefined();
  expect(
    (await page.request.put(`/api/classes/${created.id}/teachers`, { data: { teacherIds: [teacher?.id] } })).ok(),
  ).toBe(true);
  await page.context().clearCookies();
  return created;
}

test('a teacher maps an unknown student column, checks again, loads the list and sees the students', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const schoolClass = await ownClass(page);
  await signIn(page, DEMO_TEACHER);

  await page.goto(`/classes/${schoolClass.id}/import`);
  await page
    .getByLabel(t.file)
    .setInputFiles({ name: 'список.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });

  // No student name found: the columns with their letters, each with a menu.
  await expect(page.getByTestId('import-errors')).toContainText(t.errors.missing_column);
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByRole('heading', { name: t.mappingTitle })).toBeVisible();
  await expect(page.getByTestId('import-column')).toHaveCount(4);
  await expect(page.getByRole('button', { name: t.confirm })).toBeDisabled();
  await mapping.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'import-mapping-step.png') });

  const studentMenu = page.getByRole('combobox', { name: fill(t.roleLabel, { letter: 'B', header: STUDENT_HEADER }) });
  await expect(studentMenu).toHaveValue(t.notUsed);
  await studentMenu.click();
  await expect(page.getByRole('option', { name: t.roles.guardian_phone })).toBeAttached();
  await page.getByRole('option', { name: t.roles.student_name, exact: true }).click();
  await expect(studentMenu).toHaveValue(t.roles.student_name);

  await page.getByRole('checkbox', { name: t.remember }).check();
  const mappingName = `Журнал ${Date.now() % 100_000}`;
  await page.getByRole('textbox', { name: t.rememberName }).fill(mappingName);
  await page.getByRole('button', { name: t.recheck }).click();

  // Read as chosen: the column is the student's, and the list can go.
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Будет добавлено: 3 ученика, 3 родителя.');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  const studentRow = page.getByTestId('import-column').filter({ hasText: STUDENT_HEADER });
  await expect(studentRow).toContainText(t.roles.student_name);
  await expect(page.getByTestId('import-preview').getByRole('row')).toHaveCount(STUDENTS.length + 1);
  await page.getByRole('heading', { name: t.previewTitle }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 380));
  await page.screenshot({ path: path.join(screenshotDir, 'import-mapping.png') });

  await page.getByRole('button', { name: t.confirm }).click();
  await expect(summary).toContainText('Добавлено: 3 ученика, 3 родителя.');
  await expect(page.getByTestId('import-mapping-saved')).toContainText(mappingName);

  // The next file of the same shape is read by the saved mapping.
  await page.getByRole('button', { name: t.another }).click();
  await page
    .getByLabel(t.file)
    .setInputFiles({ name: 'список-2.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(page.getByTestId('import-saved-mapping')).toContainText(fill(t.savedApplied, { name: mappingName }));
  await expect(summary).toHaveText(t.nothingChanges);

  await page.getByRole('link', { name: roster.classPage.tabRoster }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(STUDENTS.length);
  const rosterBody = (await (await page.request.get(`/api/classes/${schoolClass.id}/roster`)).json()) as ClassRoster;
  expect(rosterBody.families.flatMap((family) => family.students.map((student) => student.displayName)).sort()).toEqual(
    [...STUDENTS].sort(),
  );

  // Leave the demo school as the other specs expect it: the teacher leads 1А and 5А, and nobody else is counted.
  await page.context().clearCookies();
  await signIn(page, DEMO_SCHOOL_ADMIN);
  for (const person of rosterBody.families.flatMap((family) => [...family.students, ...family.parents])) {
    expect(
      (await page.request.post(`/api/people/${person.id}/archive`, { data: { version: person.version } })).ok(),
    ).toBe(true);
  }
  expect((await page.request.patch(`/api/classes/${schoolClass.id}`, { data: { archived: true } })).ok()).toBe(true);
});
