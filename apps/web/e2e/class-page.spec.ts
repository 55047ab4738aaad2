import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
// The reasons' labels are data of the path (the catalogue), not message keys.
import { MAX_PATH } from '@sferum/contracts';
import ru from '../messages/ru.json';
import roster from '../messages/roster.ru.json';
import { chooseInMenu, openMenu } from './support/menus';

/** The label of a reason on the MAX path, the demo school's path. */
function reason(id: string): string {
  const found = MAX_PATH.blockers.find((blocker) => blocker.id === id);
  if (!found) throw new Error(`No reason ${id} on the MAX path`);
  return found.label.ru;
}

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const CLASS_LIST = path.join(__dirname, 'fixtures/class-list-1a.csv');

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // From the top: the dashboard's header is fixed, and a full-page shot taken further down shows it mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

async function signInAsTeacher(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill('teacher@sferum-demo.test');
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill('demo-teacher-2026');
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page).toHaveURL(/\/classes$/);
}

/** Menus and drawers fade in: a screenshot waits until they are opaque. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

function row(page: Page, name: string): Locator {
  return page
    .getByTestId('roster-row')
    .filter({ has: page.getByRole('button', { name: `${roster.roster.table.openPerson.replace('{name}', name)}` }) });
}

function cell(page: Page, name: string, item: string): Locator {
  return row(page, name).locator(`button[data-item="${item}"]`);
}

async function choose(page: Page, name: string, item: string, option: string): Promise<void> {
  await chooseInMenu(cell(page, name, item), option);
}

function counter(page: Page, kind: 'student' | 'parent', item: string): Locator {
  return page.getByTestId(`counter-${kind}-${item}`);
}

test('a teacher loads a class list, marks progress one by one and in bulk, and finds who is stuck', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsTeacher(page);

  await page.getByRole('link', { name: /1А/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('1А класс');
  await expect(page.getByText(roster.roster.emptyTitle)).toBeVisible();
  await expect(page.getByRole('link', { name: roster.classPage.tabRoster })).toHaveAttribute('aria-current', 'page');
  await screenshot(page, 'class-page-empty');

  // The list: preview, then the same file for real.
  await page.getByRole('link', { name: roster.roster.emptyImport }).click();
  await expect(page).toHaveURL(/\/classes\/[0-9a-f-]{36}\/import$/);
  await page.getByLabel(roster.importList.file).setInputFiles(CLASS_LIST);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Будет добавлено: 4 ученика, 5 родителей.');
  await expect(page.getByTestId('import-preview').getByRole('row')).toHaveCount(5);
  await expect(page.getByTestId('import-preview')).toContainText(roster.importList.newFamily);
  await screenshot(page, 'import-preview');
  await page.getByRole('button', { name: roster.importList.confirm }).click();
  await expect(summary).toContainText('Добавлено: 4 ученика, 5 родителей.');
  await expect(page.getByRole('heading', { name: roster.importList.resultTitle })).toBeVisible();

  // The same file again changes nothing.
  await page.getByRole('button', { name: roster.importList.another }).click();
  await page.getByLabel(roster.importList.file).setInputFiles(CLASS_LIST);
  await expect(summary).toHaveText(roster.importList.nothingChanges);
  await expect(page.getByRole('button', { name: roster.importList.confirm })).toBeDisabled();

  await page.getByRole('link', { name: roster.classPage.tabRoster }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(4);
  await expect(page.getByTestId('roster-count')).toHaveText('Показано 4 ученика из 4');
  await expect(counter(page, 'student', 'max_account')).toHaveAttribute('data-total', '4');
  await expect(counter(page, 'student', 'max_account')).toHaveAttribute('data-done', '0');
  await expect(counter(page, 'student', 'overall')).toHaveAttribute('data-participants', '4');
  await expect(counter(page, 'student', 'overall')).toHaveAttribute('data-connected', '0');
  // Соколова Вера and her mother were given one number.
  await expect(row(page, 'Соколова Вера').getByText(roster.roster.sharedPhone)).toBeVisible();

  // One cell through its menu: the counter moves.
  const menu = await openMenu(cell(page, 'Петров Артём', 'max_account'));
  await settle(page);
  await screenshot(page, 'class-page-cell-menu', false);
  await menu.getByRole('menuitem', { name: roster.roster.menu.done, exact: true }).click();
  await expect(cell(page, 'Петров Артём', 'max_account')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'Петров Артём', 'max_account')).toHaveAttribute('data-source', 'teacher');
  await expect(counter(page, 'student', 'max_account')).toHaveAttribute('data-done', '1');

  // A later step done marks the earlier ones; undoing an earlier one is refused in Russian.
  await choose(page, 'Кузнецов Денис', 'school_profile', roster.roster.menu.done);
  await expect(cell(page, 'Кузнецов Денис', 'school_profile')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'Кузнецов Денис', 'max_account')).toHaveAttribute('data-status', 'done');
  await choose(page, 'Кузнецов Денис', 'max_account', roster.roster.menu.notStarted);
  await expect(page.getByText(roster.classPage.errors.laterStepsFirst)).toBeVisible();
  await expect(cell(page, 'Кузнецов Денис', 'max_account')).toHaveAttribute('data-status', 'done');

  // Stuck, with the reason in the cell's accessible name and the teacher's advice in its menu.
  await choose(page, 'Соколова Вера', 'max_account', reason('shared_phone'));
  await expect(cell(page, 'Соколова Вера', 'max_account')).toHaveAttribute('data-status', 'blocked');
  await expect(cell(page, 'Соколова Вера', 'max_account')).toHaveAccessibleName(/не получается — Один номер на двоих/);
  // The reason and the advice on hovering too, and the button is still the menu's.
  await cell(page, 'Соколова Вера', 'max_account').hover();
  await expect(page.getByRole('tooltip')).toContainText(reason('shared_phone'));
  await expect(cell(page, 'Соколова Вера', 'max_account')).toHaveAttribute('aria-haspopup', 'menu');
  const stepMenu = await openMenu(cell(page, 'Соколова Вера', 'max_account'));
  await expect(stepMenu.getByTestId('cell-advice')).toContainText('другой номер');
  // The chats offer only their own reasons: one number for two is a step's problem.
  await expect(stepMenu.getByRole('menuitem', { name: reason('shared_phone'), exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  const chatMenu = await openMenu(cell(page, 'Соколова Вера', 'chat_class'));
  await expect(chatMenu.getByRole('menuitem', { name: reason('chat_missing'), exact: true })).toBeVisible();
  await expect(chatMenu.getByRole('menuitem', { name: reason('shared_phone'), exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Two parents at once.
  for (const name of ['Петрова Ольга Викторовна', 'Морозов Андрей Викторович']) {
    await page.getByRole('checkbox', { name: `Выбрать: ${name}` }).check();
  }
  const bulk = page.getByRole('region', { name: roster.roster.bulk.label });
  await expect(bulk.getByTestId('bulk-count')).toHaveText('Выбрано 2 человека');
  await bulk.getByRole('button', { name: roster.roster.bulk.apply }).click();
  await expect(page.getByText('Изменено для 2 человек')).toBeVisible();
  await expect(cell(page, 'Петрова Ольга Викторовна', 'max_account')).toHaveAttribute('data-status', 'done');
  await expect(cell(page, 'Морозов Андрей Викторович', 'max_account')).toHaveAttribute('data-status', 'done');
  await expect(counter(page, 'parent', 'max_account')).toHaveAttribute('data-done', '2');
  await expect(bulk).toHaveCount(0);
  await page.mouse.move(0, 0);
  await screenshot(page, 'class-page-half-done');

  // Only the families where someone is stuck.
  await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
  await page.getByRole('option', { name: roster.roster.filters.blocked }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(1);
  await expect(page.getByTestId('roster-family')).toContainText('Соколова Вера');
  await expect(page.getByTestId('roster-count')).toHaveText('Показан 1 ученик из 4');
  await screenshot(page, 'class-page-filtered');

  // The person's card: the advice on one number, and the history.
  await expect(page.getByText(roster.roster.changeFailed)).toBeHidden({ timeout: 10_000 });
  await expect(page.getByText('Изменено для 2 человек')).toBeHidden({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Открыть карточку: Соколова Вера' }).click();
  const drawer = page.getByRole('dialog', { name: 'Соколова Вера' });
  await expect(drawer.getByTestId('shared-phone-advice')).toContainText('только один аккаунт');
  await expect(drawer.getByTestId('person-advice')).toBeVisible();
  await expect(drawer.getByTestId('person-history')).toContainText('Аккаунт в MAX: не начато → не получается');
  await expect(drawer.getByTestId('person-history')).toContainText(reason('shared_phone'));
  await settle(page);
  await screenshot(page, 'class-page-person-drawer', false);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // The same page on a tablet.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
  await page.getByRole('option', { name: roster.roster.filters.all }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(4);
  await screenshot(page, 'class-page-tablet');
  const tabletMenu = await openMenu(cell(page, 'Морозова Алиса', 'school_profile'));
  await expect(tabletMenu.getByRole('menuitem', { name: roster.roster.menu.done })).toBeVisible();
  await settle(page);
  await screenshot(page, 'class-page-cell-menu-tablet', false);
  await page.keyboard.press('Escape');
});

test('the cell menu works from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsTeacher(page);
  await page.getByRole('link', { name: /1А/ }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(4);

  const target = cell(page, 'Морозова Алиса', 'max_account');
  await target.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  // As the ARIA menu pattern says: the menu opens with its first item focused; the arrows move on from there.
  await expect(page.getByRole('menuitem', { name: roster.roster.menu.done, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: roster.roster.menu.notStarted, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: roster.roster.menu.done, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(target).toHaveAttribute('data-status', 'done');
});

test('a teacher adds a student with a parent by hand, a subject chat, and a blocker in their own words', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsTeacher(page);
  await page.getByRole('link', { name: /1А/ }).click();
  await expect(page.getByTestId('roster-table')).toBeVisible();

  await page.getByRole('button', { name: roster.roster.addStudent, exact: true }).click();
  const form = page.getByRole('dialog', { name: roster.roster.addStudentForm.title });
  await form.getByRole('textbox', { name: roster.roster.addStudentForm.name }).fill('Новиков Лев');
  await form.getByRole('textbox', { name: roster.roster.addStudentForm.parentName }).fill('Новикова Ирина Сергеевна');
  await form.getByRole('textbox', { name: roster.roster.addStudentForm.parentPhone, exact: true }).fill('12-34');
  await form.getByRole('button', { name: roster.roster.addStudentForm.submit, exact: true }).click();
  await expect(form.getByText(roster.classPage.errors.badPhone)).toBeVisible();
  await form
    .getByRole('textbox', { name: roster.roster.addStudentForm.parentPhone, exact: true })
    .fill('+7 999 123-45-67');
  await form.getByRole('button', { name: roster.roster.addStudentForm.submit, exact: true }).click();
  await expect(form).toHaveCount(0);
  await expect(row(page, 'Новиков Лев')).toBeVisible();
  await expect(row(page, 'Новикова Ирина Сергеевна')).toContainText(roster.roster.table.parent);

  await page.getByRole('button', { name: roster.roster.addChat }).click();
  const chatForm = page.getByRole('dialog', { name: roster.roster.addChatTitle });
  await chatForm.getByRole('textbox', { name: roster.roster.addChatLabel }).fill('Математика');
  await chatForm.getByRole('button', { name: roster.roster.addChatSubmit }).click();
  await expect(page.getByRole('columnheader', { name: 'Математика' })).toBeVisible();

  await choose(page, 'Новиков Лев', 'max_account', `${reason('other')}…`);
  const note = page.getByRole('dialog').getByRole('textbox', { name: roster.roster.menu.noteLabel });
  await note.fill('Родители в командировке до декабря');
  await page.getByRole('dialog').getByRole('button', { name: roster.roster.menu.save }).click();
  await expect(cell(page, 'Новиков Лев', 'max_account')).toHaveAttribute('data-status', 'blocked');
  await expect(cell(page, 'Новиков Лев', 'max_account')).toContainText('Родители в командировке');
});

test('a teacher records that a parent does not use MAX, sees it apart from the problems, and undoes it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsTeacher(page);
  await page.getByRole('link', { name: /1А/ }).click();
  await expect(page.getByTestId('roster-table')).toBeVisible();
  const name = 'Морозов Андрей Викторович';
  const optOut = roster.roster.optOut;
  const parents = counter(page, 'parent', 'overall');
  const participants = Number(await parents.getAttribute('data-participants'));

  await page.getByRole('button', { name: `Открыть карточку: ${name}` }).click();
  const drawer = page.getByRole('dialog', { name });
  await drawer.getByRole('button', { name: optOut.open }).click();
  await expect(drawer.getByRole('radio', { name: optOut.channelOptions.e_diary })).toBeFocused();
  // «Другое» needs a few words on how the school keeps the family informed.
  await drawer.getByRole('radio', { name: optOut.channelOptions.other }).check();
  await drawer.getByRole('button', { name: optOut.submit, exact: true }).click();
  await expect(drawer.getByText(optOut.noteRequired)).toBeVisible();
  await drawer.getByRole('radio', { name: optOut.channelOptions.e_diary }).check();
  await drawer.getByRole('button', { name: optOut.submit, exact: true }).click();
  await expect(drawer.getByTestId('opt-out-current')).toContainText('Не пользуется MAX');
  await expect(drawer.getByTestId('person-history')).toContainText('Не пользуется MAX: электронный дневник');
  await settle(page);
  await screenshot(page, 'class-page-opt-out-drawer', false);
  await page.keyboard.press('Escape');

  // One neutral line instead of the cells; counted apart, never as a problem.
  await expect(row(page, name).getByTestId('opted-out-line')).toContainText('Не пользуется MAX — электронный дневник');
  await expect(row(page, name).locator('button[data-item]')).toHaveCount(0);
  await expect(parents).toHaveAttribute('data-opted-out', '1');
  await expect(parents).toHaveAttribute('data-participants', String(participants - 1));
  await expect(page.getByTestId('counter-parent-opted-out')).toHaveText('отказались: 1');

  await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
  await page.getByRole('option', { name: roster.roster.filters.opted_out }).click();
  await expect(page.getByTestId('roster-family')).toHaveCount(1);
  await expect(page.getByTestId('roster-family')).toContainText(name);
  await screenshot(page, 'class-page-opted-out');
  await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
  await page.getByRole('option', { name: roster.roster.filters.blocked }).click();
  await expect(page.getByTestId('roster-family').filter({ hasText: name })).toHaveCount(0);
  await page.getByRole('combobox', { name: roster.roster.filters.label }).click();
  await page.getByRole('option', { name: roster.roster.filters.all }).click();

  await page.getByRole('button', { name: `Открыть карточку: ${name}` }).click();
  await drawer.getByRole('button', { name: optOut.undo, exact: true }).click();
  await expect(page.getByText(optOut.undone)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row(page, name).getByTestId('opted-out-line')).toHaveCount(0);
  await expect(parents).toHaveAttribute('data-opted-out', '0');
});

test('the demo class 5А shows what parents marked through their link', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsTeacher(page);
  await page.getByRole('link', { name: /5А/ }).click();
  await expect(page.getByTestId('roster-table')).toBeVisible();
  await expect(page.locator('button[data-source="parent_link"]').first()).toContainText(roster.roster.status.byParent);
  await screenshot(page, 'class-page-demo-5a');
});

// The PUT answers with the person and the class's counters: the page takes both from it, and fetches no roster.
for (const viewport of [
  { width: 360, height: 640 },
  { width: 1366, height: 768 },
]) {
  test(`a cell change updates the counters from its answer, without fetching the roster again (${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signInAsTeacher(page);
    await page.getByRole('link', { name: /5А/ }).click();
    await expect(page.getByTestId('roster-table')).toBeVisible();
    await page.waitForLoadState('networkidle');

    const student = page
      .locator('[data-testid="roster-row"][data-person-kind="student"]')
      .filter({ has: page.locator('button[data-item="max_account"][data-status="not_started"]') })
      .first();
    const target = student.locator('button[data-item="max_account"]');
    const personId = await target.getAttribute('data-person-id');
    const done = Number(await counter(page, 'student', 'max_account').getAttribute('data-done'));

    const rosterRequests: string[] = [];
    const changes: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && /^\/api\/classes\/[^/]+\/roster$/.test(url.pathname))
        rosterRequests.push(url.pathname);
      if (request.method() === 'PUT' && url.pathname.startsWith('/api/people/')) changes.push(url.pathname);
    });

    await chooseInMenu(target, roster.roster.menu.done);
    await expect(page.locator(`button[data-person-id="${personId}"][data-item="max_account"]`)).toHaveAttribute(
      'data-status',
      'done',
    );
    await expect(counter(page, 'student', 'max_account')).toHaveAttribute('data-done', String(done + 1));
    // Long enough for a refetch after the answer to have gone out.
    await page.waitForTimeout(1_000);
    expect(changes).toEqual([`/api/people/${personId}/steps/max_account`]);
    expect(rosterRequests).toEqual([]);
    // The whole page from the top: the counters that moved, and the grid; no tooltip of the last cell over it.
    await page.mouse.move(0, 0);
    await screenshot(page, `class-page-after-change-${viewport.width}x${viewport.height}`);
  });
}
