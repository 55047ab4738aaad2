import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { MAX_PATH, type ClassRoster } from '@sferum/contracts';
import roster from '../messages/roster.ru.json';
import { expectAccessible } from './support/accessibility';
import { classOfDemoTeacher } from './support/families';
import { chooseInMenu, openMenu } from './support/menus';
import { DEMO_SCHOOL_ADMIN, DEMO_TEACHER, apiAs, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const SURNAMES = [
  'Абрамов',
  'Белов',
  'Васильев',
  'Григорьев',
  'Давыдов',
  'Егоров',
  'Жуков',
  'Зайцев',
  'Ильин',
  'Киселёв',
  'Лебедев',
  'Макаров',
  'Никитин',
  'Орлов',
  'Павлов',
  'Романов',
  'Семёнов',
  'Тихонов',
  'Уваров',
  'Фёдоров',
  'Харитонов',
  'Цветков',
  'Чернов',
  'Шаров',
  'Щукин',
  'Юдин',
  'Яковлев',
  'Агеев',
  'Быков',
  'Веселов',
];
const SUBJECTS = ['Математика', 'Литература', 'История'];
/** The first student: the one the tests act on. */
const FIRST = `${SURNAMES[0]} Илья`;

const state = { classId: '' };

/** A step's title on the MAX path, the demo school's path. */
function stepTitle(id: string): string {
  const found = MAX_PATH.steps.find((step) => step.id === id);
  if (!found) throw new Error(`No step ${id} on the MAX path`);
  return found.title.ru;
}

const sharedPhone = MAX_PATH.blockers.find((blocker) => blocker.id === 'shared_phone')?.label.ru ?? 'shared_phone';

/** A new class of the demo school, taught by the demo teacher. */
async function createClass(letter: string): Promise<string> {
  const admin = await apiAs(DEMO_SCHOOL_ADMIN);
  const classId = await classOfDemoTeacher(admin, 8, letter);
  await admin.dispose();
  return classId;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

function row(page: Page, name: string): Locator {
  return page
    .getByTestId('roster-row')
    .filter({ has: page.getByRole('button', { name: roster.roster.table.openPerson.replace('{name}', name) }) });
}

function cell(page: Page, name: string, item: string): Locator {
  return row(page, name).locator(`button[data-item="${item}"]`);
}

/** Whether the page itself scrolls sideways; if it does, by how much and the elements that stick out, to say which. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const outside = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((element) => {
        // What sticks out inside a box that scrolls or clips on its own does not widen the page.
        for (let parent = element.parentElement; parent && parent !== root; parent = parent.parentElement)
          if (getComputedStyle(parent).overflowX !== 'visible') return false;
        return true;
      })
      .slice(0, 8)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 60)}`);
    return [`page ${root.scrollWidth} px wide in ${root.clientWidth} px`, ...outside];
  });
}

async function openClass(page: Page): Promise<void> {
  await signIn(page, DEMO_TEACHER);
  await page.goto(`/classes/${state.classId}`);
  await expect(page.getByTestId('roster-family')).toHaveCount(SURNAMES.length);
}

test.describe.serial('the class grid of a class of 30', () => {
  // axe-core over 75 rows takes its time.
  test.describe.configure({ timeout: 90_000 });
  test.beforeAll(async () => {
    state.classId = await createClass('Ж');
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);

    // 30 students, each with a mother, every other one with a father too: 75 rows.
    const csv = ['Ученик;Родитель 1;Родитель 2']
      .concat(
        SURNAMES.map(
          (surname, index) =>
            `${surname} Илья;${surname}а Анна Петровна;${index % 2 === 0 ? `${surname} Пётр Иванович` : ''}`,
        ),
      )
      .join('\r\n');
    const imported = await admin.post(`/api/classes/${state.classId}/import?mode=commit`, {
      multipart: { file: { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
    });
    expect(imported.status()).toBe(200);
    for (const name of SUBJECTS)
      expect((await admin.post(`/api/classes/${state.classId}/chats`, { data: { name } })).status()).toBe(201);
    await admin.dispose();
  });

  // Leave the demo school as we found it: later specs count its people and the teacher's classes.
  test.afterAll(async () => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    const list = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    for (const person of list.families.flatMap((family) => [...family.students, ...family.parents]))
      await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } });
    expect((await admin.patch(`/api/classes/${state.classId}`, { data: { archived: true } })).ok()).toBe(true);
    await admin.dispose();
  });

  test('at 1366×768 the compact grid shows its header and at least 12 rows, and the header stays when it scrolls', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);
    const frame = page.getByRole('region', { name: roster.roster.table.frame.replace('{name}', '8Ж') });
    await expect(frame).toHaveAttribute('data-density', 'compact');
    await expect(frame).toHaveAttribute('tabindex', '0');
    await expectAccessible(page, 'the grid of 30 students');

    // The frame's top just under the dashboard's fixed header.
    await frame.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 64));
    const frameBox = await frame.boundingBox();
    if (!frameBox) throw new Error('no frame');
    expect(frameBox.y + frameBox.height).toBeLessThanOrEqual(768 + 1);
    const visibleRows = await page.getByTestId('roster-row').evaluateAll((rows) => {
      const frameElement = rows[0]?.closest('[role="region"]');
      if (!frameElement) return 0;
      const bounds = frameElement.getBoundingClientRect();
      const bottom = Math.min(bounds.bottom, window.innerHeight);
      return rows.filter((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= bounds.top && box.bottom <= bottom;
      }).length;
    });
    expect(visibleRows).toBeGreaterThanOrEqual(12);
    const header = page.getByRole('columnheader', { name: roster.roster.table.name });
    await expect(header).toBeInViewport();

    // Scrolled down inside its frame: the first rows are gone, the header row is still at the frame's top.
    await frame.evaluate((element) => element.scrollBy(0, 900));
    await expect(row(page, FIRST)).not.toBeInViewport();
    const headerBox = await header.boundingBox();
    if (!headerBox) throw new Error('no header');
    expect(Math.abs(headerBox.y - frameBox.y)).toBeLessThanOrEqual(2);
    await expect(page.getByRole('columnheader', { name: roster.roster.table.subjectChats })).toBeInViewport();
    await page.mouse.move(0, 0);
    await screenshot(page, 'class-grid-scrolled-1366x768');
    await frame.evaluate((element) => element.scrollTo(0, 0));

    // The density is a choice the page remembers.
    await page.getByRole('switch', { name: roster.roster.density }).uncheck();
    await expect(frame).toHaveAttribute('data-density', 'comfortable');
    await page.reload();
    await expect(frame).toHaveAttribute('data-density', 'comfortable');
    await page.getByRole('switch', { name: roster.roster.density }).check();
    await expect(frame).toHaveAttribute('data-density', 'compact');
  });

  test('at 768 px and at 200 % zoom of 1280 px the page does not scroll sideways: the grid scrolls in its frame, names stay', async ({
    page,
    browser,
  }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await openClass(page);
    await page.mouse.move(0, 0);
    expect(await sidewaysScroll(page)).toEqual([]);
    const frame = page.getByTestId('roster-frame');
    expect(await frame.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await expectAccessible(page, 'the class page at 768 px');
    await screenshot(page, 'class-grid-tablet-768x1024');

    // Sideways inside the frame: the name column stays at its left edge.
    const frameBox = await frame.boundingBox();
    await frame.evaluate((element) => element.scrollBy(400, 0));
    expect(await frame.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    const name = page.getByRole('button', { name: roster.roster.table.openPerson.replace('{name}', FIRST) });
    const nameBox = await name.boundingBox();
    const nameHeader = await page.getByRole('columnheader', { name: roster.roster.table.name }).boundingBox();
    if (!frameBox || !nameBox || !nameHeader) throw new Error('no boxes');
    expect(nameBox.x).toBeGreaterThanOrEqual(frameBox.x);
    expect(nameBox.x).toBeLessThan(frameBox.x + 80);
    expect(Math.abs(nameHeader.x - frameBox.x)).toBeLessThanOrEqual(2);

    // 1280 px at 200 %: a CSS viewport of 640×360 with two device pixels to each.
    const zoomed = await browser.newContext({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });
    const zoomedPage = await zoomed.newPage();
    await openClass(zoomedPage);
    expect(await sidewaysScroll(zoomedPage)).toEqual([]);
    await zoomedPage.getByTestId('roster-frame').scrollIntoViewIfNeeded();
    expect(await sidewaysScroll(zoomedPage)).toEqual([]);
    await zoomed.close();

    await page.setViewportSize({ width: 360, height: 640 });
    await page.reload();
    await expect(page.getByTestId('roster-family')).toHaveCount(SURNAMES.length);
    expect(await sidewaysScroll(page)).toEqual([]);
    await page.getByTestId('roster-frame').scrollIntoViewIfNeeded();
    await screenshot(page, 'class-grid-phone-360x640');
  });

  test('a later step marks the earlier one and says so aloud; the filter and the search stay in the address', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);

    const menu = await openMenu(cell(page, FIRST, 'school_profile'));
    await expectAccessible(page, 'the open cell menu');
    await menu.getByRole('menuitem', { name: roster.roster.menu.done, exact: true }).click();
    await expect(cell(page, FIRST, 'max_account')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('roster-announcer')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByTestId('roster-announcer')).toHaveText(
      `${FIRST}, ${stepTitle('school_profile')}: ${roster.roster.status.done}. Тоже отмечено: ${stepTitle('max_account')}.`,
    );

    // Someone stuck: the filter of problems shows that family alone.
    const stuck = `${SURNAMES[7]} Илья`;
    await chooseInMenu(cell(page, stuck, 'max_account'), sharedPhone);
    await expect(cell(page, stuck, 'max_account')).toHaveAttribute('data-status', 'blocked');
    await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
    await page.getByRole('option', { name: roster.roster.filters.blocked }).click();
    await expect(page).toHaveURL(/[?&]filter=blocked/);
    await expect(page.getByTestId('roster-family')).toHaveCount(1);
    await expect(row(page, stuck)).toHaveCount(1);
    await page.getByRole('searchbox', { name: roster.roster.filters.search }).fill(SURNAMES[0] ?? '');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByText(roster.roster.filters.nothing)).toBeVisible();

    await page.reload();
    await expect(page.getByText(roster.roster.filters.nothing)).toBeVisible();
    await expect(page.getByRole('combobox', { name: roster.roster.filters.label })).toHaveValue(
      roster.roster.filters.blocked,
    );
    await expect(page.getByRole('searchbox', { name: roster.roster.filters.search })).toHaveValue(SURNAMES[0] ?? '');

    // Back: to the page before the filter was chosen.
    await page.goBack();
    await expect(page).not.toHaveURL(/filter=/);
    await expect(page.getByTestId('roster-family')).toHaveCount(SURNAMES.length);
    await expect(page.getByRole('combobox', { name: roster.roster.filters.label })).toHaveValue(
      roster.roster.filters.all,
    );
    await expect(page.getByRole('searchbox', { name: roster.roster.filters.search })).toHaveValue('');
  });

  test('more than two subject chats are one column: a count, and a popover with each chat, by keyboard', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);
    for (const subject of SUBJECTS) await expect(page.getByRole('columnheader', { name: subject })).toHaveCount(0);
    const folded = cell(page, FIRST, 'chat_subject');
    await expect(folded).toHaveText(
      new RegExp(`${roster.roster.ofTotal.replace('{done}', '0').replace('{total}', '3')}$`),
    );

    await folded.focus();
    await page.keyboard.press('Enter');
    const popover = page.getByTestId('subject-chats-popover');
    await expect(popover).toBeVisible();
    for (const subject of SUBJECTS) await expect(popover).toContainText(subject);
    await expectAccessible(page, 'the subject chats popover');

    // Focus is in the popover: the first chat (by name, История) opens its menu, «Нет в чате» → «В чате».
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('[data-testid="subject-chats-popover"]') !== null),
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    // The menu opens with its first item focused, as a menu button does.
    await expect(page.getByRole('menuitem', { name: roster.roster.menu.joined, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(folded).toHaveText(
      new RegExp(`${roster.roster.ofTotal.replace('{done}', '1').replace('{total}', '3')}$`),
    );
    await expect(folded).toHaveAttribute('data-joined', '1');
  });

  test('the person panel has the family’s link, code and letter, one form at a time, and undo after archiving', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);
    const person = roster.roster.person;

    await page.getByRole('button', { name: roster.roster.table.openPerson.replace('{name}', FIRST) }).click();
    const drawer = page.getByRole('dialog', { name: FIRST });
    const link = drawer.getByTestId('family-link');
    await expect(link).toContainText(person.linkNone);
    await link.getByRole('button', { name: person.issueLink }).click();
    await expect(link.getByTestId('family-link-url')).toContainText('/p/');
    await expect(link.getByTestId('family-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(link.getByRole('button', { name: person.copyLink })).toBeVisible();
    await expect(link.getByRole('link', { name: person.letter })).toHaveAttribute(
      'href',
      new RegExp(`/classes/${state.classId}/letters\\?families=`),
    );

    // One form at a time: opening another closes the first.
    await drawer.getByRole('button', { name: person.openEdit }).click();
    await expect(drawer.getByRole('textbox', { name: person.name, exact: true })).toBeFocused();
    await drawer.getByRole('button', { name: person.openAddParent }).click();
    await expect(drawer.getByRole('textbox', { name: person.name, exact: true })).toHaveCount(0);
    await expect(drawer.getByRole('textbox', { name: roster.roster.addStudentForm.parentName })).toBeVisible();
    await drawer.getByRole('button', { name: person.openEdit }).click();
    await expect(drawer.getByRole('textbox', { name: roster.roster.addStudentForm.parentName })).toHaveCount(0);
    await page.waitForTimeout(400);
    await expectAccessible(page, 'the open person panel');
    await screenshot(page, 'class-grid-drawer');

    // Archived, then back with «Вернуть» in the notification.
    await drawer.getByRole('button', { name: person.archive }).click();
    const notice = page.getByText(person.archiveDone.replace('{name}', FIRST)).first();
    await expect(notice).toBeVisible();
    await expect(drawer.getByTestId('person-archived')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(row(page, FIRST)).toHaveCount(0);
    // The family has no student left in the class: it is not shown.
    await expect(page.getByTestId('roster-family')).toHaveCount(SURNAMES.length - 1);
    await page
      .locator('.mantine-Notification-root')
      .filter({ hasText: person.archiveDone.replace('{name}', FIRST) })
      .getByRole('button', { name: person.undoArchive })
      .click();
    await expect(page.getByText(person.restoreDone)).toBeVisible();
    await expect(row(page, FIRST)).toHaveCount(1);
    await expect(page.getByTestId('roster-family')).toHaveCount(SURNAMES.length);
  });

  test('an empty class has no export buttons, but a way to fill it', async ({ page }) => {
    const emptyId = await createClass('З');
    await page.setViewportSize({ width: 1366, height: 768 });
    await openClass(page);
    const downloads = page.getByRole('link', { name: roster.classPage.downloadXlsx });
    await expect(downloads).toBeVisible();
    await page.goto(`/classes/${emptyId}`);
    await expect(page.getByTestId('roster-empty')).toBeVisible();
    await expect(page.getByRole('link', { name: roster.roster.emptyImport })).toBeVisible();
    await expect(downloads).toHaveCount(0);
    await expect(page.getByRole('link', { name: roster.classPage.downloadCsv })).toHaveCount(0);
    await expectAccessible(page, 'an empty class');
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    expect((await admin.patch(`/api/classes/${emptyId}`, { data: { archived: true } })).ok()).toBe(true);
    await admin.dispose();
  });
});
