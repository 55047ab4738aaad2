import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  MAX_PATH,
  type ClassRoster,
  type FamilyInvite,
  type RosterFamily,
  type SchoolClassSummary,
} from '@sferum/contracts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import parentRu from '../messages/parent.ru.json';
import ru from '../messages/ru.json';
import { at } from '../src/testing/at';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const shot = (name: string) => path.join(screenshotDir, `${name}.png`);
const p = parentRu.parentPage;

type Account = { email: string; password: string };
const TEACHER: Account = { email: 'teacher@sferum-demo.test', password: 'demo-teacher-2026' };
const SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };

const STUDENT = 'Соколов Тимофей';
const PARENT = 'Соколова Дарья Андреевна';
/** A second family, whose parent says no for the whole family. */
const OTHER_STUDENT = 'Белова Варвара';
const OTHER_PARENT = 'Белов Антон Сергеевич';
const reason = (id: string) => MAX_PATH.blockers.find((blocker) => blocker.id === id)!;

async function apiAs(account: Account): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const response = await context.post('/api/auth/login', { data: account });
  expect(response.ok()).toBe(true);
  return context;
}

async function signIn(page: Page, { email, password }: Account): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill(email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page).toHaveURL(/\/classes$/);
}

// Two families of our own in 1А of the MAX demo school (5А gets the demo families), shared by the tests below in order.
const state = {
  classId: '',
  familyId: '',
  studentId: '',
  parentId: '',
  link: '',
  otherFamilyId: '',
  otherParentId: '',
  otherLink: '',
};

test.describe.serial('parent links', () => {
  test.beforeAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const classes = (await (await admin.get('/api/classes')).json()) as SchoolClassSummary[];
    const schoolClass = classes.find((c) => c.name === '1А');
    expect(schoolClass).toBeDefined();
    state.classId = schoolClass?.id ?? '';
    const created = await admin.post(`/api/classes/${state.classId}/students`, {
      data: { displayName: STUDENT, parents: [{ displayName: PARENT }] },
    });
    expect(created.status()).toBe(201);
    const family = (await created.json()) as RosterFamily;
    state.familyId = family.id;
    state.studentId = family.students[0]?.id ?? '';
    state.parentId = family.parents[0]?.id ?? '';
    const other = (await (
      await admin.post(`/api/classes/${state.classId}/students`, {
        data: { displayName: OTHER_STUDENT, parents: [{ displayName: OTHER_PARENT }] },
      })
    ).json()) as RosterFamily;
    state.otherFamilyId = other.id;
    state.otherParentId = other.parents[0]?.id ?? '';
    await admin.dispose();
  });

  // Leave the demo school as we found it: later specs count its people.
  test.afterAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const roster = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const families = roster.families.filter((f) => f.id === state.familyId || f.id === state.otherFamilyId);
    for (const person of families.flatMap((family) => [...family.students, ...family.parents])) {
      const archived = await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } });
      expect(archived.ok()).toBe(true);
    }
    await admin.dispose();
  });

  test('the teacher issues a link on the links tab', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const row = page.locator(`tr[data-family-id="${state.familyId}"]`);
    await expect(row).toContainText(STUDENT);
    await expect(row).toContainText(parentRu.invites.status.none);
    await row.getByRole('button', { name: parentRu.invites.issueOne }).click();
    await expect(row).toContainText(parentRu.invites.status.issued);
    await expect(row.getByRole('button', { name: parentRu.invites.copy })).toBeVisible();
    const otherRow = page.locator(`tr[data-family-id="${state.otherFamilyId}"]`);
    await otherRow.getByRole('button', { name: parentRu.invites.issueOne }).click();
    await expect(otherRow).toContainText(parentRu.invites.status.issued);

    const invites = (await (await page.request.get(`/api/classes/${state.classId}/invites`)).json()) as FamilyInvite[];
    state.link = invites.find((invite) => invite.familyId === state.familyId)?.link ?? '';
    state.otherLink = invites.find((invite) => invite.familyId === state.otherFamilyId)?.link ?? '';
    expect(state.link).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
    expect(state.otherLink).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);

    const reminder = page.locator(`[data-reminder-family="${state.familyId}"]`);
    await expect(reminder).toContainText(STUDENT);
    // Each family is one line; its message opens under it.
    await reminder.getByRole('button', { name: new RegExp(STUDENT) }).click();
    await expect(reminder.getByRole('textbox', { name: parentRu.reminders.message })).toHaveValue(
      new RegExp(state.link.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    );
    await page.screenshot({ path: shot('parent-links-tab'), fullPage: true });

    await reminder.getByRole('button', { name: parentRu.reminders.markReminded }).click();
    await expect(reminder).toContainText(parentRu.reminders.lastReminded.replace(' {date}', ''));
  });

  test.describe('on a phone without JavaScript', () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

    test('a parent of a MAX school confirms the MAX account and reports that the role is not confirmed', async ({
      page,
    }) => {
      const linkPath = new URL(state.link).pathname;
      const response = await page.goto(linkPath);
      expect(response?.status()).toBe(200);
      const headers = response?.headers() ?? {};
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-robots-tag']).toContain('noindex');
      // The whole first load is this one HTML answer: styles inline, no script, no other file.
      const html = (await response?.text()) ?? '';
      expect(html).not.toMatch(/<script|<link[^>]+stylesheet/);
      const gzipped = gzipSync(html).length;
      expect(gzipped).toBeLessThan(100_000);
      test.info().annotations.push({ type: 'first load', description: `HTML ${html.length} B, gzip ${gzipped} B` });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
      // Today's path, said the right way round (folded under one line), and voluntary.
      await page.getByText(p.pitfalls.title, { exact: true }).click();
      await expect(page.getByText(at(MAX_PATH.pitfalls, 3).ru)).toBeVisible();
      await expect(page.getByRole('heading', { name: p.voluntary.title })).toBeVisible();
      await expect(page.locator('body')).not.toContainText('VK ID');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: shot('parent-page-top') });

      const account = page.locator(`#i-${state.parentId}-max_account`);
      await expect(account.getByRole('link', { name: at(at(MAX_PATH.steps, 0).links, 0).label.ru })).toHaveAttribute(
        'href',
        at(at(MAX_PATH.steps, 0).links, 0).url,
      );
      await account.getByRole('button', { name: p.actions.done }).click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.locator(`#i-${state.parentId}-max_account`)).toContainText(p.saved);
      await expect(page.locator(`#i-${state.parentId}-max_account`)).toContainText(p.status.done);

      const profile = page.locator(`#i-${state.parentId}-school_profile`);
      await profile.locator('summary').filter({ hasText: p.actions.problem }).click();
      // The school profile offers its own reasons, and not those of the account step.
      await expect(profile.getByRole('radio', { name: new RegExp(reason('shared_phone').label.ru) })).toHaveCount(0);
      await profile.getByRole('radio', { name: new RegExp(reason('role_not_confirmed').label.ru) }).check();
      await profile.screenshot({ path: shot('parent-page-problem-open') });
      await profile.getByRole('button', { name: p.actions.send }).click();

      const blocked = page.locator(`#i-${state.parentId}-school_profile`);
      await expect(blocked).toContainText(p.saved);
      await expect(blocked).toContainText(p.status.blocked);
      await expect(blocked).toContainText(reason('role_not_confirmed').parentAdvice.ru);
      await page.screenshot({ path: shot('parent-page-full'), fullPage: true });
    });

    test('a parent of another family says no for the whole family, with the channel the school will use', async ({
      page,
    }) => {
      await page.goto(new URL(state.otherLink).pathname);
      const family = page.locator('#family-title').locator('..');
      await family.getByText(p.optOut.familyOpen, { exact: true }).click();
      await family.getByRole('radio', { name: p.optOut.channels.e_diary }).check();
      await family.screenshot({ path: shot('parent-page-opt-out-open') });
      await family.getByRole('button', { name: p.optOut.submit }).click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.getByText(p.optOut.familyState)).toBeVisible();
      await expect(page.getByText(p.optOut.state).first()).toBeVisible();
      await expect(page.getByRole('button', { name: p.optOut.familyBack })).toBeVisible();
      await page.screenshot({ path: shot('parent-page-opted-out'), fullPage: true });
    });

    test('an unknown link gets the friendly page with status 404', async ({ page }) => {
      const response = await page.goto('/p/this-link-was-never-issued-0000000000000000');
      expect(response?.status()).toBe(404);
      expect(response?.headers()['cache-control']).toBe('no-store');
      await expect(page.getByText(p.notFound.text)).toBeVisible();
      const html = (await response?.text()) ?? '';
      expect(html).toContain(p.notFound.title);
      await page.screenshot({ path: shot('parent-page-404') });
    });
  });

  test('the teacher sees both on the class page, and the reminders skip the family that said no', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, TEACHER);
    const roster = (await (await page.request.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const family = roster.families.find((f) => f.id === state.familyId);
    expect(family?.parents[0]?.steps.map((s) => [s.step, s.status, s.blockerReason, s.updatedSource])).toEqual([
      ['max_account', 'done', null, 'parent_link'],
      ['school_profile', 'blocked', 'role_not_confirmed', 'parent_link'],
    ]);
    const other = roster.families.find((f) => f.id === state.otherFamilyId);
    expect([...(other?.students ?? []), ...(other?.parents ?? [])].map((person) => person.optOut?.channel)).toEqual([
      'e_diary',
      'e_diary',
    ]);

    await page.goto(`/classes/${state.classId}`);
    const cell = (personId: string, item: string) =>
      page.locator(`[data-person-id="${personId}"][data-item="${item}"]`);
    await expect(cell(state.parentId, 'max_account')).toHaveAttribute('data-status', 'done');
    await expect(cell(state.parentId, 'max_account')).toHaveAttribute('data-source', 'parent_link');
    await expect(cell(state.parentId, 'school_profile')).toHaveAttribute('data-status', 'blocked');
    await expect(cell(state.parentId, 'school_profile')).toHaveAttribute('data-source', 'parent_link');
    const optedOutRow = page.locator(`[data-opted-out="true"]`).filter({ hasText: OTHER_PARENT });
    await expect(optedOutRow).toBeVisible();
    await page.screenshot({ path: shot('class-page-max-with-opt-out'), fullPage: true });

    await page.goto(`/classes/${state.classId}/links`);
    await expect(page.locator(`[data-reminder-family="${state.familyId}"]`)).toBeVisible();
    await expect(page.locator(`[data-reminder-family="${state.otherFamilyId}"]`)).toHaveCount(0);
    await expect(page.locator(`tr[data-family-id="${state.otherFamilyId}"]`)).toContainText(
      parentRu.invites.status.opted_out,
    );
    await expect(page.locator(`tr[data-family-id="${state.familyId}"]`)).toContainText(parentRu.invites.status.problem);
    await page.screenshot({ path: shot('links-tab-max'), fullPage: true });
  });

  test('the letter carries a QR code that reads back as the family’s link', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, TEACHER);
    await page.goto(`/classes/${state.classId}/letters?families=${state.familyId}`);
    const letter = page.locator(`[data-letter-family="${state.familyId}"]`);
    await expect(letter).toContainText(STUDENT);
    await expect(letter).toContainText(PARENT);
    await expect(letter.locator('[data-link]')).toHaveText(state.link);
    await expect(page.getByRole('button', { name: parentRu.letters.print })).toBeVisible();
    await page.screenshot({ path: shot('parent-letter'), fullPage: true });

    const png = PNG.sync.read(await letter.locator('[data-qr]').screenshot({ path: shot('parent-letter-qr') }));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(state.link);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(letter).toBeVisible();
    await page.screenshot({ path: shot('parent-letter-print'), fullPage: true });
  });

  test('a new link for the family stops the old one', async ({ page, request: anonymous }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const row = page.locator(`tr[data-family-id="${state.familyId}"]`);
    await row.getByRole('button', { name: new RegExp(`^${parentRu.invites.columns.actions}`) }).click();
    await page.getByRole('menuitem', { name: parentRu.invites.regenerate }).click();
    const dialog = page.getByRole('dialog', { name: parentRu.invites.confirmRegenerateTitle });
    await expect(dialog).toContainText(parentRu.invites.confirmRegenerateText);
    await dialog.getByRole('button', { name: parentRu.invites.regenerate }).click();
    await expect(dialog).toBeHidden();

    const old = await anonymous.get(new URL(state.link).pathname);
    expect(old.status()).toBe(404);
    expect(await old.text()).toContain(p.notFound.text);
  });
});
