import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  API_ROUTES,
  apiPath,
  ROUTES,
  type CurrentUser,
  type DistrictReport,
  type KindReport,
  type RosterFamily,
  type SchoolClassSummary,
  type SchoolReport,
} from '@sferum/contracts';
import reports from '../messages/reports.ru.json';
import roster from '../messages/roster.ru.json';
import ru from '../messages/ru.json';
import { expectAccessible } from './support/accessibility';
import { chooseInMenu } from './support/menus';
import { apiAs, DEMO_DISTRICT_ADMIN, DEMO_SCHOOL_ADMIN, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const DEMO_SCHOOL = 'Средняя школа № 7 (демо)';
/** A student of 5А who has not started: the admin marks a step and takes it back, leaving the demo as it was. */
const STUDENT = 'Павлов Марк';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? '');
}

/** The figures a bar shows, as the reports pages write «Прогресс» (ru: «42 %» with a no-break space). */
function meterText(kind: KindReport): { share: string; connectedOf: string } {
  const format = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0 });
  const share = format.format(kind.overall.shareConnected);
  const connectedOf = fill(reports.reports.progress.connectedOf, {
    connected: String(kind.overall.connected),
    participants: String(kind.participants),
  });
  return { share, connectedOf };
}

/** A bar named for what it measures and the percent it shows: «Прогресс учеников, 5А: 42 %». */
function progressBar(scope: Locator | Page, label: string, name: string, kind: KindReport): Locator {
  const barName = fill(reports.reports.progress.barLabel, {
    label: fill(label, { name }),
    share: meterText(kind).share,
  });
  return scope.getByRole('progressbar', { name: barName, exact: true });
}

/** A report table's bar, named for its row: «Прогресс учеников, 5А: 42 %». */
function reportBar(rowName: string): RegExp {
  const label = fill(reports.reports.overview.students, { name: rowName });
  return new RegExp(`^${label}: \\d+\\s?%$`);
}

test('a school admin lands on the school with progress per class, opens a class and changes a cell', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const api = await apiAs(DEMO_SCHOOL_ADMIN);
  const me = (await (await api.get(API_ROUTES.auth.me)).json()) as CurrentUser;
  const schoolId = me.schoolId ?? '';
  const report = (await (await api.get(apiPath(ROUTES.reports.school, { schoolId }))).json()) as SchoolReport;
  await api.dispose();
  const fifth = report.classes.find((row) => row.className === '5А');
  if (!fifth) throw new Error('The demo school has no 5А in its report');

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_SCHOOL_ADMIN);
  // Their landing page is their school, its progress on top.
  await expect(page).toHaveURL(new RegExp(`/schools/${schoolId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_SCHOOL);
  await expect(page.getByRole('navigation').getByRole('link', { name: ru.shell.nav.school })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // The school as a whole: the same figures as its report, in the same words.
  const overview = page.getByTestId('progress-overview');
  const texts = reports.reports.overview;
  await expect(progressBar(overview, texts.students, DEMO_SCHOOL, report.total.students)).toBeVisible();
  await expect(progressBar(overview, texts.parents, DEMO_SCHOOL, report.total.parents)).toBeVisible();
  await expect(overview).toContainText(meterText(report.total.students).connectedOf);
  await expect(overview).toContainText(meterText(report.total.parents).connectedOf);
  await expect(overview.getByRole('link', { name: ru.school.openReport })).toHaveAttribute(
    'href',
    `/reports/schools/${schoolId}`,
  );

  // Class by class: students, parents, who is blocked.
  const row = page.getByTestId('class-row-5А');
  await expect(progressBar(row, texts.students, '5А', fifth.students)).toBeVisible();
  // A screen reader hears the bar's value as the page writes it: a whole percent, not «14.299999999999999%».
  await expect(progressBar(row, texts.students, '5А', fifth.students)).toHaveAttribute(
    'aria-valuetext',
    `${Math.round(fifth.students.overall.shareConnected * 100)}%`,
  );
  await expect(progressBar(row, texts.parents, '5А', fifth.parents)).toBeVisible();
  await expect(row).toContainText(meterText(fifth.students).share);
  await expect(row).toContainText(meterText(fifth.students).connectedOf);
  await expect(row).toContainText(meterText(fifth.parents).connectedOf);
  await expect(row).toContainText(
    fill(texts.byKind, {
      students: String(fifth.students.overall.blocked),
      parents: String(fifth.parents.overall.blocked),
    }),
  );
  // Opted out: shown beside the share they are not part of.
  expect(fifth.parents.overall.optedOut).toBeGreaterThan(0);
  await expect(row).toContainText(
    fill(reports.reports.table.optedOutNote, { count: String(fifth.parents.overall.optedOut) }),
  );
  await expectAccessible(page, 'the school page with progress (school admin)');
  await screenshot(page, 'school-progress-1366');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'school-progress-768');
  await page.setViewportSize({ width: 360, height: 640 });
  await screenshot(page, 'school-progress-360');
  await expectAccessible(page, 'the school page at 360 px');
  await page.setViewportSize({ width: 1366, height: 768 });

  // The class's own page, with the admin's rights.
  await row.getByRole('link', { name: '5А', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/classes/${fifth.classId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('5А класс');
  await expect(page.getByTestId('roster-table')).toBeVisible();
  const back = page.getByRole('link', { name: `← ${DEMO_SCHOOL}` });
  await expect(back).toHaveAttribute('href', `/schools/${schoolId}`);

  const person = page
    .getByTestId('roster-row')
    .filter({ has: page.getByRole('button', { name: fill(roster.roster.table.openPerson, { name: STUDENT }) }) });
  const cell = person.locator('button[data-item="max_account"]');
  await expect(cell).toHaveAttribute('data-status', 'not_started');
  await chooseInMenu(cell, roster.roster.menu.done);
  await expect(cell).toHaveAttribute('data-status', 'done');
  await expect(cell).toHaveAttribute('data-source', 'admin');
  await expectAccessible(page, 'the class page (school admin)');
  // Taken back: the demo stays as other tests expect it.
  await chooseInMenu(cell, roster.roster.menu.notStarted);
  await expect(cell).toHaveAttribute('data-status', 'not_started');

  await back.click();
  await expect(page).toHaveURL(new RegExp(`/schools/${schoolId}$`));
  await expect(page.getByTestId('class-row-5А')).toBeVisible();
});

test('the district admin drills down from the district to a school’s classes, in figures without names', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Everyone the demo school has by name: its staff, its students and parents.
  const api = await apiAs(DEMO_DISTRICT_ADMIN);
  const classes = (await (await api.get(`${API_ROUTES.classes}?includeArchived=true`)).json()) as SchoolClassSummary[];
  const names = new Set<string>();
  for (const schoolClass of classes) {
    for (const teacher of schoolClass.teachers) names.add(teacher.fullName);
    const answer = (await (await api.get(apiPath(ROUTES.classes.roster, { classId: schoolClass.id }))).json()) as {
      families: RosterFamily[];
    };
    for (const family of answer.families) {
      for (const person of [...family.students, ...family.parents]) names.add(person.displayName);
    }
  }
  const district = (await (await api.get(apiPath(ROUTES.reports.district))).json()) as DistrictReport;
  await api.dispose();
  expect(names.size).toBeGreaterThan(10);

  const expectNoNames = async (where: string) => {
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const name of names) {
      expect(text.includes(name), `${name} on ${where}`).toBe(false);
      expect(html.includes(name), `${name} in the HTML of ${where}`).toBe(false);
    }
  };

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_DISTRICT_ADMIN);
  // The district's overview: its schools with their progress.
  await expect(page).toHaveURL(/\/schools$/);
  const overview = page.getByTestId('progress-overview');
  await expect(overview.getByRole('link', { name: ru.schools.openReport })).toHaveAttribute(
    'href',
    '/reports/district',
  );
  const schoolRow = page.getByTestId(`school-row-${DEMO_SCHOOL}`);
  const figures = district.schools.find((school) => school.schoolName === DEMO_SCHOOL);
  if (!figures) throw new Error('The district report has no demo school');
  await expect(progressBar(schoolRow, reports.reports.overview.students, DEMO_SCHOOL, figures.students)).toBeVisible();
  await expect(schoolRow).toContainText(meterText(figures.students).connectedOf);
  await expectAccessible(page, 'the district’s schools with progress');
  await screenshot(page, 'district-schools-progress');

  // Down to the school's classes, in figures.
  await schoolRow.getByRole('link', { name: fill(ru.schools.classFiguresOf, { name: DEMO_SCHOOL }) }).click();
  await expect(page).toHaveURL(/\/reports\/schools\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reports.reports.school.title);
  const fifth = page.getByTestId('report-row').filter({ hasText: '5А' });
  await expect(fifth.getByRole('progressbar', { name: reportBar('5А') })).toBeVisible();
  await expectNoNames('the school’s report from the district');
  await expectAccessible(page, 'the school’s report, class by class (district admin)');
  await screenshot(page, 'district-drilldown-school-report');

  // The same way from the district's report.
  await page.getByRole('main').getByRole('link', { name: reports.reports.school.backToDistrict }).click();
  await expect(page).toHaveURL(/\/reports\/district$/);
  await expectNoNames('the district’s report');
  await page.getByRole('main').getByRole('link', { name: DEMO_SCHOOL, exact: true }).click();
  await expect(page).toHaveURL(/\/reports\/schools\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('report-row').filter({ hasText: '5А' })).toBeVisible();
  await expectNoNames('the school’s report from the district’s report');

  // And, as an admin of every school, into the class itself from the school's page.
  await page.goto('/schools');
  await page.getByTestId(`school-row-${DEMO_SCHOOL}`).getByRole('link', { name: DEMO_SCHOOL, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_SCHOOL);
  await page.getByTestId('class-row-5А').getByRole('link', { name: '5А', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('5А класс');
  await expect(page.getByTestId('roster-table')).toBeVisible();
  await expect(page.getByRole('link', { name: `← ${DEMO_SCHOOL}` })).toBeVisible();
  await expectAccessible(page, 'the class page (district admin)');
});
