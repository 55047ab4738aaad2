import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import type { ClassRoster, FamilyInvite, RosterFamily, SchoolClassSummary } from '@sferum/contracts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import parentRu from '../messages/parent.ru.json';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const shot = (name: string) => path.join(screenshotDir, `${name}.png`);
const p = parentRu.parentPage;

type Account = { email: string; password: string };
const TEACHER: Account = { email: 'teacher@sferum-demo.test', password: 'demo-teacher-2026' };
const SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };

const STUDENT = 'Соколов Тимофей';
const PARENT = 'Соколова Дарья Андреевна';

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

// One family of our own in 1А (5А gets the demo families), shared by the tests below in order.
const state: { classId: string; familyId: string; studentId: string; parentId: string; link: string } = {
  classId: '',
  familyId: '',
  studentId: '',
  parentId: '',
  link: '',
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
    await admin.dispose();
  });

  // Leave the demo school as we found it: later specs count its people.
  test.afterAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const roster = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const family = roster.families.find((f) => f.id === state.familyId);
    for (const person of [...(family?.students ?? []), ...(family?.parents ?? [])]) {
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
    await row.getByRole('button', { name: parentRu.invites.issueSelected }).click();
    await expect(row).toContainText(parentRu.invites.status.issued);
    await expect(row.getByRole('button', { name: parentRu.invites.copy })).toBeVisible();

    const invites = (await (await page.request.get(`/api/classes/${state.classId}/invites`)).json()) as FamilyInvite[];
    state.link = invites.find((invite) => invite.familyId === state.familyId)?.link ?? '';
    expect(state.link).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);

    const reminder = page.locator(`[data-reminder-family="${state.familyId}"]`);
    await expect(reminder).toContainText(STUDENT);
    await expect(reminder.getByRole('textbox', { name: parentRu.reminders.message })).toHaveValue(
      new RegExp(state.link.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    );
    await page.screenshot({ path: shot('parent-links-tab'), fullPage: true });

    await reminder.getByRole('button', { name: parentRu.reminders.markReminded }).click();
    await expect(reminder).toContainText(parentRu.reminders.lastReminded.replace(' {date}', ''));
  });

  test.describe('on a phone without JavaScript', () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test('a parent confirms a step and reports a blocker', async ({ page }) => {
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
      await expect(page.getByText(p.pitfalls.ownDevice)).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: shot('parent-page-top') });

      const vkId = page.locator(`#i-${state.studentId}-vk_id`);
      await vkId.getByRole('button', { name: p.actions.done }).click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.locator(`#i-${state.studentId}-vk_id`)).toContainText(p.saved);
      await expect(page.locator(`#i-${state.studentId}-vk_id`)).toContainText(p.status.done);

      const parentVkId = page.locator(`#i-${state.parentId}-vk_id`);
      await parentVkId.getByText(p.actions.problem, { exact: true }).click();
      await parentVkId.getByRole('radio', { name: new RegExp(p.reasons.shared_phone.label) }).check();
      await parentVkId.getByRole('textbox', { name: p.actions.note }).fill('Один телефон на всю семью');
      await parentVkId.screenshot({ path: shot('parent-page-problem-open') });
      await parentVkId.getByRole('button', { name: p.actions.send }).click();

      const blocked = page.locator(`#i-${state.parentId}-vk_id`);
      await expect(blocked).toContainText(p.saved);
      await expect(blocked).toContainText(p.status.blocked);
      await expect(blocked).toContainText(p.reasons.shared_phone.advice);
      await page.screenshot({ path: shot('parent-page-full'), fullPage: true });
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

  test('the teacher sees both changes with the parent link as their source', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, TEACHER);
    const roster = (await (await page.request.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const family = roster.families.find((f) => f.id === state.familyId);
    expect(family?.students[0]?.steps.find((s) => s.step === 'vk_id')).toMatchObject({
      status: 'done',
      updatedSource: 'parent_link',
    });
    expect(family?.parents[0]?.steps.find((s) => s.step === 'vk_id')).toMatchObject({
      status: 'blocked',
      blockerReason: 'shared_phone',
      updatedSource: 'parent_link',
    });

    await page.goto(`/classes/${state.classId}`);
    const cell = (personId: string) => page.locator(`[data-person-id="${personId}"][data-item="vk_id"]`);
    await expect(cell(state.studentId)).toHaveAttribute('data-status', 'done');
    await expect(cell(state.studentId)).toHaveAttribute('data-source', 'parent_link');
    await expect(cell(state.parentId)).toHaveAttribute('data-status', 'blocked');
    await expect(cell(state.parentId)).toHaveAttribute('data-source', 'parent_link');
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
