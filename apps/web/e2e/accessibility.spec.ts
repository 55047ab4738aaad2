import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { FamilyInvite, RosterFamily, SchoolClassSummary } from '@sferum/contracts';
import reportsRu from '../messages/reports.ru.json';
import rosterRu from '../messages/roster.ru.json';
import ru from '../messages/ru.json';
import { expectAccessible } from './support/accessibility';
import {
  apiAs,
  DEMO_DISTRICT_ADMIN,
  DEMO_SCHOOL_ADMIN,
  DEMO_TEACHER,
  signIn,
  type Account,
} from './support/demo-session';

/*
 * axe-core (WCAG 2.1 A and AA) on every page of the app, as each role that may open it, and in the
 * open states: menus, modals, the person drawer. Then the same pages at 200 % zoom of a 1280 px
 * screen (640 CSS px wide) and on a phone (360 px): nothing may scroll the page sideways.
 */

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

type Role = 'public' | 'teacher' | 'schoolAdmin' | 'districtAdmin' | 'parent';
const ACCOUNTS: Record<Exclude<Role, 'public' | 'parent'>, Account> = {
  teacher: DEMO_TEACHER,
  schoolAdmin: DEMO_SCHOOL_ADMIN,
  districtAdmin: DEMO_DISTRICT_ADMIN,
};

// One family of our own in 1А of the demo school, with a parent link; archived again afterwards.
const state = {
  teacherClassId: '',
  schoolId: '',
  otherClassId: '',
  familyId: '',
  studentId: '',
  link: '',
  code: '',
};

interface Visit {
  role: Role;
  path: () => string;
  name: string;
}

const PAGES: Visit[] = [
  { role: 'public', path: () => '/', name: 'the landing page' },
  { role: 'public', path: () => '/en', name: 'the landing page in English' },
  { role: 'public', path: () => '/login', name: 'the sign-in page' },
  { role: 'public', path: () => '/setup/not-a-real-token-but-long-enough-to-look-like-one', name: 'a dead setup link' },
  { role: 'public', path: () => '/no-such-page', name: 'the not-found page' },
  { role: 'teacher', path: () => '/classes', name: 'the teacher’s classes' },
  { role: 'teacher', path: () => `/classes/${state.teacherClassId}`, name: 'the class page' },
  { role: 'teacher', path: () => `/classes/${state.teacherClassId}/import`, name: 'the class import' },
  { role: 'teacher', path: () => `/classes/${state.teacherClassId}/letters`, name: 'the class letters' },
  { role: 'teacher', path: () => `/classes/${state.teacherClassId}/links`, name: 'the class links' },
  { role: 'teacher', path: () => '/account', name: 'the teacher’s account' },
  { role: 'schoolAdmin', path: () => `/schools/${state.schoolId}`, name: 'the school page' },
  { role: 'schoolAdmin', path: () => `/reports/schools/${state.schoolId}`, name: 'the school report' },
  { role: 'schoolAdmin', path: () => '/staff', name: 'the school’s staff' },
  { role: 'schoolAdmin', path: () => '/account', name: 'the school admin’s account' },
  { role: 'schoolAdmin', path: () => '/', name: 'the landing page, signed in' },
  { role: 'districtAdmin', path: () => '/schools', name: 'the district’s schools' },
  { role: 'districtAdmin', path: () => `/schools/${state.schoolId}`, name: 'a school page for the district' },
  { role: 'districtAdmin', path: () => '/reports/district', name: 'the district report' },
  { role: 'districtAdmin', path: () => `/reports/schools/${state.schoolId}`, name: 'a school report for the district' },
  { role: 'districtAdmin', path: () => '/reports/keys', name: 'the API keys' },
  { role: 'districtAdmin', path: () => '/staff', name: 'the district’s staff' },
  { role: 'districtAdmin', path: () => '/account', name: 'the district admin’s account' },
  { role: 'parent', path: () => '/p', name: 'the parent’s code page' },
  { role: 'parent', path: () => new URL(state.link).pathname, name: 'the parent page by link' },
  { role: 'parent', path: () => `/p/${state.code.replace(/-/g, '')}`, name: 'the parent page by code' },
];

/** Waits until the page shows its content: a heading, no loading state, no request in flight. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.getByText(ru.common.loading)).toHaveCount(0);
}

/**
 * Latin words a Russian page may show: names of products and formats, and the demo's data. Anything else in
 * Latin letters (in the text, the page title or an accessible name) is English left on a Russian page.
 */
const LATIN_ALLOWED = new Set([
  ...['MAX', 'VK', 'ID', 'API', 'QR', 'OpenAPI', 'Swagger', 'Excel', 'E-mail'],
  ...['CSV', 'csv', 'XLSX', 'xlsx', 'XLS', 'xls', 'JSON'],
  // The reporting API's field and header names, quoted on the API keys page for whoever writes the script.
  ...['asOf', 'as', 'of', 'ETag', 'If-None-Match'],
  // The version the API reports when it is not a release build.
  'dev',
]);

async function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Code, form values, hidden helpers and text marked as another language (the language switch) are not the page's words.
      const skip =
        'script, style, noscript, code, pre, textarea, input, [aria-hidden="true"], [lang]:not([lang|="ru"])';
      if (parent && !parent.closest(skip)) texts.push(node.textContent ?? '');
    }
    for (const element of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))) {
      if (element.closest('[aria-hidden="true"], [lang]:not([lang|="ru"])')) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(name) ?? '');
    }
    const words = new Set<string>();
    for (const text of texts) {
      // Addresses, e-mails and tokens are data, not language.
      const cleaned = text.replace(/https?:\/\/\S+|\S+@\S+|\S*\d\S*|\S+\.[a-z]{2,}\S*/g, ' ');
      for (const word of cleaned.match(/[A-Za-z][A-Za-z'’-]{1,}/g) ?? []) {
        const bare = word.replace(/[-'’]+$/, '');
        if (bare.length >= 2) words.add(bare);
      }
    }
    return [...words];
  });
}

async function expectRussianOnly(page: Page, where: string): Promise<void> {
  const english = (await latinWords(page)).filter((word) => !LATIN_ALLOWED.has(word));
  expect.soft(english, `English words on ${where}`).toEqual([]);
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page: Page, selector: string, limit = 150): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Mantine animates overlays in; axe must see the finished state, not a half-transparent one. */
async function settleOverlay(page: Page): Promise<void> {
  await page.waitForTimeout(350);
}

async function visit(page: Page, target: Visit): Promise<void> {
  const response = await page.goto(target.path());
  expect(response?.status(), target.name).toBeLessThan(target.path() === '/no-such-page' ? 500 : 400);
  await settle(page);
}

/** The staff pages need a session, the parent page runs with its CSP bypassed so that axe can be injected. */
async function openAs(browser: Browser, role: Role, viewport: { width: number; height: number }, scale = 1) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: scale,
    bypassCSP: role === 'parent',
    baseURL: process.env.E2E_BASE_URL,
  });
  const page = await context.newPage();
  if (role !== 'public' && role !== 'parent') await signIn(page, ACCOUNTS[role]);
  return { context, page };
}

test.describe('accessibility', () => {
  // Many pages per test: each visit settles and runs axe.
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async () => {
    const teacher = await apiAs(DEMO_TEACHER);
    const mine = (await (await teacher.get('/api/classes')).json()) as SchoolClassSummary[];
    // The teacher's class with the demo families: the grid is full.
    state.teacherClassId = (mine.find((c) => c.name === '5А') ?? mine[0])?.id ?? '';
    expect(state.teacherClassId).not.toBe('');

    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    const me = (await (await admin.get('/api/auth/me')).json()) as { schoolId: string | null };
    state.schoolId = me.schoolId ?? '';
    expect(state.schoolId).not.toBe('');
    const classes = (await (await admin.get('/api/classes')).json()) as SchoolClassSummary[];
    state.otherClassId = classes.find((c) => c.name === '1А')?.id ?? '';
    expect(state.otherClassId).not.toBe('');
    const created = await admin.post(`/api/classes/${state.otherClassId}/students`, {
      data: { displayName: 'Доступова Алина', parents: [{ displayName: 'Доступова Ирина Павловна' }] },
    });
    expect(created.status()).toBe(201);
    const family = (await created.json()) as RosterFamily;
    state.familyId = family.id;
    state.studentId = family.students[0]?.id ?? '';
    await admin.dispose();

    expect(
      (
        await teacher.post(`/api/classes/${state.otherClassId}/invites`, { data: { familyIds: [state.familyId] } })
      ).ok(),
    ).toBe(true);
    const invites = (await (await teacher.get(`/api/classes/${state.otherClassId}/invites`)).json()) as FamilyInvite[];
    const invite = invites.find((one) => one.familyId === state.familyId);
    state.link = invite?.link ?? '';
    state.code = invite?.code ?? '';
    expect(state.link).not.toBe('');
    await teacher.dispose();
  });

  // Leave the demo school as we found it: other specs count its people.
  test.afterAll(async () => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    const roster = (await (await admin.get(`/api/classes/${state.otherClassId}/roster`)).json()) as {
      families: RosterFamily[];
    };
    const family = roster.families.find((one) => one.id === state.familyId);
    for (const person of [...(family?.students ?? []), ...(family?.parents ?? [])]) {
      expect((await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } })).ok()).toBe(
        true,
      );
    }
    await admin.dispose();
  });

  for (const role of ['public', 'teacher', 'schoolAdmin', 'districtAdmin', 'parent'] as const) {
    test(`every page for ${role} has no serious or critical axe violation`, async ({ browser }) => {
      const { context, page } = await openAs(browser, role, { width: 1280, height: 800 });
      for (const target of PAGES.filter((one) => one.role === role)) {
        await test.step(target.name, async () => {
          await visit(page, target);
          await expectAccessible(page, `${target.name} (${target.path()}) as ${role}`, { soft: true });
          if (!target.path().startsWith('/en')) await expectRussianOnly(page, target.name);
        });
      }
      await context.close();
    });
  }

  test('the sign-in page after a failed sign-in', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('textbox', { name: ru.login.email }).fill(DEMO_TEACHER.email);
    await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: ru.login.submit }).click();
    await expect(page.getByRole('alert').filter({ hasText: ru.login.wrongCredentials })).toBeFocused();
    await expectAccessible(page, 'the sign-in page with its error');
  });

  test('the class page’s cell menu, person drawer and add-student modal', async ({ browser }) => {
    const { context, page } = await openAs(browser, 'teacher', { width: 1280, height: 800 });
    await page.goto(`/classes/${state.teacherClassId}`);
    await settle(page);

    await page.locator('button[data-item]').first().click();
    await expect(page.getByRole('menu')).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the class page with a cell menu open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);

    await page
      .getByRole('button', { name: new RegExp(`^${rosterRu.roster.table.openPerson.replace('{name}', '')}`) })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForLoadState('networkidle');
    await settleOverlay(page);
    await expectAccessible(page, 'the class page with the person drawer open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('button', { name: rosterRu.roster.addStudent, exact: true }).click();
    await expect(page.getByRole('dialog', { name: rosterRu.roster.addStudentForm.title })).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the class page with the add-student modal open');
    await context.close();
  });

  test('the school page’s class form and class menu, the staff form, its setup link and confirmation', async ({
    browser,
  }) => {
    const { context, page } = await openAs(browser, 'schoolAdmin', { width: 1280, height: 800 });
    await page.goto(`/schools/${state.schoolId}`);
    await settle(page);

    await page.getByRole('button', { name: ru.school.addClass }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the school page with the class form open');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('button', { name: ru.school.actionsOf.replace('{name}', '1А') }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the school page with a class menu open');
    await page.keyboard.press('Escape');

    await page.goto('/staff');
    await settle(page);
    await page.getByRole('button', { name: ru.staff.add }).click();
    const form = page.getByRole('dialog', { name: ru.staffForm.createTitle });
    await expect(form).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the staff page with the staff form open');

    const email = `dostupova-${Date.now()}@sferum-demo.test`;
    await form.getByRole('textbox', { name: ru.staffForm.email }).fill(email);
    await form.getByRole('textbox', { name: ru.staffForm.fullName }).fill('Доступова Мария Ивановна');
    await form.getByRole('button', { name: ru.staffForm.create }).click();
    const linkDialog = page.getByRole('dialog', { name: ru.setupLink.title });
    await expect(linkDialog).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the staff page with the setup link modal open');
    const setupUrl = await linkDialog.getByRole('textbox', { name: ru.setupLink.label }).inputValue();
    await linkDialog.getByRole('button', { name: ru.setupLink.done }).click();

    // The setup page with its live link, in a browser without the admin's session.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const setupPage = await fresh.newPage();
    await setupPage.goto(setupUrl);
    await settle(setupPage);
    await expect(setupPage.getByRole('button', { name: ru.setup.submit })).toBeVisible();
    await expectAccessible(setupPage, 'the setup page');
    await fresh.close();

    // Switched off again, so the demo school keeps its staff as it was.

    await page.getByRole('button', { name: ru.staff.actionsOf.replace('{name}', 'Доступова Мария Ивановна') }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the staff page with a member’s menu open');
    await page.getByRole('menuitem', { name: ru.staff.deactivate }).click();
    const confirm = page.getByRole('dialog', { name: ru.staff.deactivateTitle });
    await expect(confirm).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the staff page with a confirmation open');
    await confirm.getByRole('button', { name: ru.staff.deactivateConfirm }).click();
    await expect(confirm).toHaveCount(0);

    await context.close();
  });

  test('the API keys’ name form, secret and revoke confirmation', async ({ browser }) => {
    const { context, page } = await openAs(browser, 'districtAdmin', { width: 1280, height: 800 });
    await page.goto('/reports/keys');
    await settle(page);
    await page.getByRole('button', { name: reportsRu.apiKeys.create }).click();
    const nameForm = page.getByRole('dialog', { name: reportsRu.apiKeys.createTitle });
    await expect(nameForm).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the API keys with the name form open');
    await nameForm.getByRole('textbox', { name: reportsRu.apiKeys.name }).fill('Проверка доступности');
    await nameForm.getByRole('button', { name: reportsRu.apiKeys.createSubmit }).click();
    const secret = page.getByRole('dialog', { name: reportsRu.apiKeys.secretTitle });
    await expect(secret).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the API keys with the new secret shown');
    await secret.getByRole('button', { name: reportsRu.apiKeys.done }).click();

    await page
      .getByRole('button', { name: reportsRu.apiKeys.revokeOf.replace('{name}', 'Проверка доступности') })
      .click();
    const confirm = page.getByRole('dialog', { name: reportsRu.apiKeys.revokeTitle });
    await expect(confirm).toBeVisible();
    await settleOverlay(page);
    await expectAccessible(page, 'the API keys with the revoke confirmation open');
    await confirm.getByRole('button', { name: reportsRu.apiKeys.revoke }).click();
    await expect(confirm).toHaveCount(0);
    await context.close();
  });

  test('the parent page’s open questions', async ({ browser }) => {
    const { context, page } = await openAs(browser, 'parent', { width: 390, height: 844 });
    await page.goto(new URL(state.link).pathname);
    await settle(page);
    // Every fold open: the reasons, the opt-out form, the instructions.
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
    await expectAccessible(page, 'the parent page with every question open');
    await context.close();
  });

  const widths = [
    { name: '200 % zoom (640 px)', viewport: { width: 640, height: 400 }, scale: 2, file: 'zoom-200' },
    { name: 'a phone (360 px)', viewport: { width: 360, height: 640 }, scale: 1, file: 'phone-360' },
  ];
  for (const width of widths)
    for (const role of ['public', 'teacher', 'schoolAdmin', 'districtAdmin', 'parent'] as const) {
      test(`at ${width.name} no page for ${role} scrolls sideways`, async ({ browser }) => {
        const { context, page } = await openAs(browser, role, width.viewport, width.scale);
        for (const target of PAGES.filter((one) => one.role === role)) {
          await test.step(target.name, async () => {
            await visit(page, target);
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            if (overflow > 0) {
              await page.screenshot({
                path: path.join(screenshotDir, `${width.file}-${role}-${PAGES.indexOf(target)}.png`),
              });
            }
            expect
              .soft(overflow, `${target.name} (${target.path()}) scrolls sideways at ${width.name}`)
              .toBeLessThanOrEqual(0);
          });
        }
        await context.close();
      });
    }

  test('a teacher signs in and changes a status cell with the keyboard alone', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/login');
    await tabTo(page, 'input[type="email"]');
    await page.keyboard.type(DEMO_TEACHER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_TEACHER.password);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('current-user-name')).toBeVisible();

    const classHref = `/classes/${state.otherClassId}`;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, `a[href$="${classHref}"]`);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${classHref}$`));
    await settle(page);

    const cell = page.locator(`button[data-person-id="${state.studentId}"][data-item]`).first();
    await expect(cell).toHaveAttribute('data-status', /^(?!done$)/);
    const item = await cell.getAttribute('data-item');
    await tabTo(page, `button[data-person-id="${state.studentId}"][data-item="${item}"]`, 300);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    // The first item is focused; the arrows move through the items and Enter chooses one.
    await expect(page.getByRole('menuitem', { name: rosterRu.roster.menu.done, exact: true })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('menuitem', { name: rosterRu.roster.menu.done, exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cell).toHaveAttribute('data-status', 'done');
    // Back on the cell, where the keyboard was.
    await expect(cell).toBeFocused();
  });
});
