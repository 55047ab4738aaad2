import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { MAX_PATH, type ClassRoster } from '@sferum/contracts';
import parentRu from '../messages/parent.ru.json';
import { DEMO_SCHOOL_ADMIN, DEMO_TEACHER, apiAs } from './support/demo-session';
import { addFamily, archiveFamily, classIdByName, issueLink, rosterFamily } from './support/families';
import { at } from '../src/testing/at';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const shot = (name: string) => path.join(screenshotDir, `${name}.png`);
const p = parentRu.parentPage;

const TEACHER = DEMO_TEACHER;
const SCHOOL_ADMIN = DEMO_SCHOOL_ADMIN;

const STUDENT = 'Кузнецова Алиса';
const PARENT = 'Кузнецов Павел Игоревич';
const INVITE_URL = 'https://max.ru/join/e2e-1a-parents';
const ROLE_NOT_CONFIRMED = MAX_PATH.blockers.find((blocker) => blocker.id === 'role_not_confirmed')!;

/** Nothing to scroll sideways, at the phone's width and at 200 % zoom (half as many CSS pixels). */
async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 180, height: 320 });
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: shot(`${name}-zoom-200`) });
  await page.setViewportSize({ width: 360, height: 640 });
}

/** Every request the page makes while it loads, to show that the first load is one answer and nothing else. */
function countRequests(page: Page): { urls: string[] } {
  const seen = { urls: [] as string[] };
  page.on('request', (req) => seen.urls.push(`${req.method()} ${req.url()}`));
  return seen;
}

/** CSP reports reach the console even with scripts off: none may appear. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

// One family of our own in 1А of the MAX demo school, with the teacher's invitation into the parents' chat.
const state = {
  classId: '',
  familyId: '',
  studentId: '',
  parentId: '',
  code: '',
  chatId: '',
  previousInvite: null as string | null,
};

test.describe.serial('from the letter’s code to the chat', () => {
  test.beforeAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    state.classId = await classIdByName(admin, '1А');
    const family = await addFamily(admin, state.classId, STUDENT, [PARENT]);
    state.familyId = family.id;
    state.studentId = family.students[0]?.id ?? '';
    state.parentId = family.parents[0]?.id ?? '';
    await admin.dispose();

    const teacher = await apiAs(TEACHER);
    state.code = (await issueLink(teacher, state.classId, state.familyId)).code ?? '';
    expect(state.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    const roster = (await (await teacher.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const parentsChat = roster.chats.find((chat) => chat.kind === 'class' && chat.audience === 'parents');
    expect(parentsChat).toBeDefined();
    state.chatId = parentsChat?.id ?? '';
    state.previousInvite = parentsChat?.inviteUrl ?? null;
    const pasted = await teacher.put(`/api/chats/${state.chatId}/invite-link`, { data: { url: INVITE_URL } });
    expect(pasted.ok()).toBe(true);
    await teacher.dispose();
  });

  // Leave the demo school as we found it: other specs count its people and show its chats.
  test.afterAll(async () => {
    const teacher = await apiAs(TEACHER);
    expect(
      (await teacher.put(`/api/chats/${state.chatId}/invite-link`, { data: { url: state.previousInvite } })).ok(),
    ).toBe(true);
    await teacher.dispose();
    const admin = await apiAs(SCHOOL_ADMIN);
    await archiveFamily(admin, state.classId, state.familyId);
    await admin.dispose();
  });

  test.describe('on a cheap phone without JavaScript', () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

    test('a code typed from paper, in small letters and without dashes, opens the family’s page', async ({ page }) => {
      const violations = cspViolations(page);
      const response = await page.goto('/p');
      expect(response?.status()).toBe(200);
      const headers = response?.headers() ?? {};
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-robots-tag']).toContain('noindex');
      // The parent pages' own policy: nothing runs, nothing loads but the hashed stylesheet.
      const policy = headers['content-security-policy'] ?? '';
      for (const directive of [
        "default-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ]) {
        expect(policy).toContain(directive);
      }
      test.info().annotations.push({ type: 'code page policy', description: policy });
      expect(await response?.text()).not.toMatch(/<script|<link[^>]+stylesheet/);
      const field = page.getByRole('textbox', { name: p.code.label });
      await expect(field).toHaveAttribute('autocomplete', 'off');
      await expect(field).toHaveAttribute('autocapitalize', 'characters');
      await expect(field).toHaveAttribute('inputmode', 'text');
      await page.screenshot({ path: shot('parent-code-360') });
      await expectNoSidewaysScroll(page, 'parent-code');

      // A typo first: the form comes back with the error and what was typed.
      await field.fill('k7mq 0');
      await page.getByRole('button', { name: p.code.submit }).click();
      await expect(page.getByRole('alert')).toHaveText(p.code.invalid);
      await expect(field).toHaveValue('k7mq 0');
      await page.screenshot({ path: shot('parent-code-error-360') });

      const typed = state.code.replace(/-/g, '').toLowerCase();
      await page.getByRole('textbox', { name: p.code.label }).fill(typed);
      await page.getByRole('button', { name: p.code.submit }).click();
      await expect(page).toHaveURL(new RegExp(`/p/${state.code.replace(/-/g, '')}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
      await expect(page.getByRole('heading', { name: new RegExp(PARENT) })).toBeVisible();
      expect(violations).toEqual([]);
    });

    test('the family’s page loads as one answer, its first button on the first screen, and leads into the chat', async ({
      page,
    }) => {
      const violations = cspViolations(page);
      const requests = countRequests(page);
      const response = await page.goto(`/p/${state.code.replace(/-/g, '')}`);
      expect(response?.status()).toBe(200);
      const body = (await response?.body()) ?? Buffer.alloc(0);
      const gzipped = gzipSync(body).length;
      const weight = `HTML ${body.length} B raw, ${gzipped} B gzip; ${requests.urls.length} request(s): ${requests.urls.join(', ')}`;
      console.log(`parent page first load: ${weight}`);
      test.info().annotations.push({ type: 'first load', description: weight });
      expect(requests.urls).toHaveLength(1);
      expect(gzipped).toBeLessThan(15_000);

      // One line per person at the top, the child first.
      const summary = page.getByRole('list', { name: p.summary.label });
      await expect(summary.getByRole('listitem')).toHaveText([
        `${STUDENT}: 0 из 3 шагов, чат класса — нет`,
        `${PARENT}: 0 из 3 шагов, чат класса — нет`,
      ]);

      const first = page.getByRole('button', { name: p.actions.done }).first();
      await expect(first).toBeVisible();
      const box = await first.boundingBox();
      expect(box).not.toBeNull();
      expect((box?.y ?? 640) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
      await page.screenshot({ path: shot('parent-top-360') });
      await expectNoSidewaysScroll(page, 'parent-top');

      // The parent's own chat: the teacher's invitation as a button, folded until the steps before it are done.
      const parentSection = page.locator(`#p-${state.parentId}`);
      const join = parentSection.locator('.join a');
      await expect(join).toHaveAttribute('href', INVITE_URL);
      await expect(parentSection.locator('.join small')).toHaveText(p.chat.inviteDevice.parent);
      const chats = parentSection.locator('li.step').filter({ hasText: p.steps.chats.title });
      await expect(chats.locator(':scope > details > summary')).toContainText(p.steps.invite);
      await chats.screenshot({ path: shot('parent-step-folded') });
      await chats.locator(':scope > details > summary').click();
      await expect(join).toBeVisible();
      await expect(join).toHaveAccessibleName(new RegExp(`^${p.chat.invite}`));
      await chats.screenshot({ path: shot('parent-step-unfolded') });
      expect(violations).toEqual([]);
    });
  });

  test.describe('on the same phone with JavaScript on', () => {
    test.use({ javaScriptEnabled: true, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

    test('the page looks and works the same', async ({ page }) => {
      await page.goto(`/p/${state.code.replace(/-/g, '')}`);
      const first = page.getByRole('button', { name: p.actions.done }).first();
      const box = await first.boundingBox();
      expect((box?.y ?? 640) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
      await page.screenshot({ path: shot('parent-top-360-js') });
    });
  });

  test.describe('and back without JavaScript', () => {
    test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });

    test('a parent confirms a step, which folds, with «Сохранено» in sight', async ({ page }) => {
      await page.goto(`/p/${state.code.replace(/-/g, '')}`);
      const account = page.locator(`#i-${state.parentId}-max_account`);
      await expect(account.getByRole('link', { name: at(at(MAX_PATH.steps, 0).links, 1).label.ru })).toHaveAttribute(
        'href',
        at(at(MAX_PATH.steps, 0).links, 1).url,
      );
      await account.getByRole('button', { name: p.actions.done }).click();
      await expect(page).toHaveURL(/saved=/);
      await expect(account.getByRole('status')).toHaveText(p.saved);
      await expect(account.locator(':scope > details > summary')).toContainText(p.marks.done);
      await expect(page.getByRole('list', { name: p.summary.label }).getByRole('listitem').nth(1)).toHaveText(
        `${PARENT}: 1 из 3 шагов, чат класса — нет`,
      );
      await account.screenshot({ path: shot('parent-step-done-folded') });
    });

    test('a page left open while the school changed the step neither overwrites it nor loses the parent’s choice', async ({
      page,
    }) => {
      await page.goto(`/p/${state.code.replace(/-/g, '')}`);
      const profile = page.locator(`#i-${state.parentId}-school_profile`);
      await expect(profile.getByRole('button', { name: p.actions.done })).toBeVisible();

      // Meanwhile the teacher marks it blocked, the role not confirmed yet.
      const teacher = await apiAs(TEACHER);
      const before = await rosterFamily(teacher, state.classId, state.familyId);
      const changed = await teacher.put(`/api/people/${state.parentId}/steps/school_profile`, {
        data: { status: 'blocked', blockerReason: 'role_not_confirmed', version: before.parents[0]?.version },
      });
      expect(changed.ok()).toBe(true);

      await profile.getByRole('button', { name: p.actions.done }).click();
      await expect(page).toHaveURL(/error=changed/);
      await expect(page).toHaveURL(/retry=done/);
      const again = page.locator(`#i-${state.parentId}-school_profile`);
      await expect(again.getByRole('alert')).toContainText(p.errors.changed);
      await expect(again.getByRole('alert')).toContainText(
        `Сейчас отмечено: не получается (${ROLE_NOT_CONFIRMED.label.ru}).`,
      );
      await expect(again.locator('.state.bad')).toContainText(ROLE_NOT_CONFIRMED.label.ru);
      const anyway = again.getByRole('button', { name: 'Всё равно отметить: сделано' });
      await expect(anyway).toBeVisible();
      await again.screenshot({ path: shot('parent-step-changed-by-school') });

      await anyway.click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.locator(`#i-${state.parentId}-school_profile`).getByRole('status')).toHaveText(p.saved);
      const after = await rosterFamily(teacher, state.classId, state.familyId);
      expect(after.parents[0]?.steps.find((s) => s.step === 'school_profile')).toMatchObject({
        status: 'done',
        updatedSource: 'parent_link',
      });
      await teacher.dispose();
    });

    test('a person says no, with the way the school will keep them informed', async ({ page }) => {
      await page.goto(`/p/${state.code.replace(/-/g, '')}`);
      const student = page.locator(`#p-${state.studentId}`);
      await student.locator('summary').filter({ hasText: p.optOut.open }).click();
      await student.getByRole('radio', { name: p.optOut.channels.paper }).check();
      await student.getByRole('button', { name: p.optOut.submit }).click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.locator(`#p-${state.studentId}`)).toContainText(p.optOut.state);
      await expect(page.getByRole('list', { name: p.summary.label }).getByRole('listitem').first()).toHaveText(
        `${STUDENT}: не пользуется MAX`,
      );
      await page.screenshot({ path: shot('parent-opted-out-360'), fullPage: true });

      const teacher = await apiAs(TEACHER);
      const family = await rosterFamily(teacher, state.classId, state.familyId);
      expect(family.students[0]?.optOut?.channel).toBe('paper');
      await teacher.dispose();
    });

    test('an unknown code gets the friendly page, with the way back to the code', async ({ page }) => {
      await page.goto('/p');
      await page.getByRole('textbox', { name: p.code.label }).fill('2222-3333-4444');
      await page.getByRole('button', { name: p.code.submit }).click();
      await expect(page).toHaveURL(/\/p\/222233334444$/);
      await expect(page.getByText(p.notFound.text)).toBeVisible();
      await page.getByRole('link', { name: p.notFound.codeLink }).click();
      await expect(page.getByRole('textbox', { name: p.code.label })).toBeVisible();
    });

    test('the code page speaks English under /en', async ({ page }) => {
      const response = await page.goto('/en/p');
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open with a code');
    });
  });
});
