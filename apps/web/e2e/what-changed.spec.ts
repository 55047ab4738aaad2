import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MAX_PATH, type ClassOverviewList } from '@sferum/contracts';
import changesRu from '../messages/changes.ru.json';
import parentRu from '../messages/parent.ru.json';
import { at } from '../src/testing/at';
import { expectAccessible } from './support/accessibility';
import { apiAs, DEMO_SCHOOL_ADMIN, DEMO_TEACHER, signIn } from './support/demo-session';
import { addFamily, archiveFamily, classIdByName, classOfDemoTeacher, issueLink } from './support/families';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const c = changesRu.changes;

const STUDENT = 'Лебедев Матвей';
const PARENT = 'Лебедева Алина Игоревна';
const ACCOUNT_STEP = at(MAX_PATH.steps, 0);

// A class of our own (11Ю, led by the demo teacher) with one family: other specs open the demo's classes as
// this teacher, and a first visit is a first visit only once. Archived afterwards: later specs count the demo's
// classes and people.
const CLASS_NAME = '11Ю';
const state = { classId: '', fifthId: '', familyId: '', parentId: '', link: '' };

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Opens the class page and waits for the summary to be shown and the visit recorded. */
async function openClass(page: Page): Promise<void> {
  const seen = page.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/classes/${state.classId}/seen`) && response.request().method() === 'PUT',
  );
  await page.goto(`/classes/${state.classId}`);
  await expect(page.getByTestId('changes-summary')).toBeVisible();
  expect((await seen).status()).toBe(200);
}

test.describe.serial('what changed since the last visit', () => {
  test.beforeAll(async () => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    state.classId = await classOfDemoTeacher(admin, 11, 'Ю');
    await admin.dispose();

    const teacher = await apiAs(DEMO_TEACHER);
    state.fifthId = await classIdByName(teacher, '5А');
    const family = await addFamily(teacher, state.classId, STUDENT, [PARENT]);
    state.familyId = family.id;
    state.parentId = family.parents[0]?.id ?? '';
    state.link = (await issueLink(teacher, state.classId, family.id)).link ?? '';
    await teacher.dispose();
  });

  test.afterAll(async () => {
    const teacher = await apiAs(DEMO_TEACHER);
    await archiveFamily(teacher, state.classId, state.familyId);
    await teacher.dispose();
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    expect((await admin.patch(`/api/classes/${state.classId}`, { data: { archived: true } })).ok()).toBe(true);
    await admin.dispose();
  });

  test('the teacher sees what a parent confirmed through the link since the last visit, on the card and the class page', async ({
    page,
    browser,
  }) => {
    // Two pages, a parent's confirmation and two axe-core runs on a slow shared machine.
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);

    // The first visit says so plainly, and the page records the visit.
    await openClass(page);
    await expect(page.getByTestId('changes-since')).toHaveText(c.firstVisit.replace(/\{days.*\}\./, '7 дней.'));

    // The parent confirms the MAX account on the family's page.
    const parentContext = await browser.newContext();
    const parentPage = await parentContext.newPage();
    await parentPage.goto(new URL(state.link).pathname);
    await parentPage
      .locator(`#i-${state.parentId}-${ACCOUNT_STEP.id}`)
      .getByRole('button', { name: parentRu.parentPage.actions.done })
      .click();
    await expect(parentPage).toHaveURL(/saved=/);
    await parentContext.close();

    // The cards: connected of those taking part, as the API counts them, and the news since the visit.
    await page.goto('/classes');
    const overview = (await (await page.request.get('/api/class-overview')).json()) as ClassOverviewList;
    const cardOf = (name: string) =>
      page.getByTestId('class-card').filter({ has: page.getByRole('link', { name, exact: true }) });
    const first = cardOf(CLASS_NAME);
    await expect(first.getByTestId('card-students')).toHaveText('Ученики: 0 из 1 подключены');
    await expect(first.getByTestId('card-news')).toContainText('1 семья отметила шаги');
    await expect(first.getByTestId('card-news')).toContainText('С вашего визита');
    const fifth = overview.classes.find((card) => card.classId === state.fifthId);
    expect(fifth).toBeDefined();
    await expect(cardOf('5А').getByTestId('card-students')).toHaveText(
      `Ученики: ${fifth?.students.connected} из ${fifth?.students.participants} подключены`,
    );
    await expectAccessible(page, 'the teacher’s classes with their cards');
    await shot(page, 'what-changed-cards-1366');
    await page.setViewportSize({ width: 360, height: 640 });
    await shot(page, 'what-changed-cards-360');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The class page again: the family, the step, the way it came.
    const seen = page.waitForResponse((response) => response.url().endsWith(`/api/classes/${state.classId}/seen`));
    await first.getByRole('link', { name: CLASS_NAME, exact: true }).click();
    const summary = page.getByTestId('changes-summary');
    await expect(summary).toBeVisible();
    await seen;
    await expect(summary.getByTestId('changes-since')).toContainText('С вашего визита');
    await expect(summary.getByTestId('changes-counts')).toHaveText('1 семья отметила шаги');
    const details = summary.getByRole('button', { name: 'Подробнее (1)' });
    await expect(details).toHaveAttribute('aria-expanded', 'false');
    await details.click();
    await expect(summary.getByRole('button', { name: c.hideList })).toHaveAttribute('aria-expanded', 'true');
    const line = summary.getByTestId('changes-list').getByRole('listitem');
    await expect(line).toHaveCount(1);
    await expect(line).toContainText(`${PARENT} (родитель: ${STUDENT})`);
    await expect(line).toContainText(`отмечено: «${ACCOUNT_STEP.title.ru}»`);
    await expect(line).toContainText(c.sources.parent_link);
    await expectAccessible(page, 'the class page with the summary open');
    await shot(page, 'what-changed-class-1366');
    await page.setViewportSize({ width: 360, height: 640 });
    await shot(page, 'what-changed-class-360');

    // The next visit starts from this one: nothing new.
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);
    await expect(page.getByTestId('changes-summary')).toContainText(c.nothingNew);
  });
});
