import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  MAX_PATH,
  PARENT_TOKEN_HEADER,
  type ClassRoster,
  type FamilyInvite,
  type RosterFamily,
} from '@sferum/contracts';
import parentRu from '../messages/parent.ru.json';
import { expectAccessible } from './support/accessibility';
import { DEMO_SCHOOL_ADMIN, DEMO_TEACHER, apiAs, signIn } from './support/demo-session';
import { classOfDemoTeacher } from './support/families';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const shot = (name: string) => path.join(screenshotDir, `${name}.png`);

const r = parentRu.reminders;
const reason = (id: string) => MAX_PATH.blockers.find((blocker) => blocker.id === id);
const LINK_TOKEN = /\/p\/[A-Za-z0-9_-]{43}/;

/** The family that reports a problem, and one that has no link yet. */
const STUCK = { student: 'Кузнецова Алиса', parent: 'Кузнецов Игорь Петрович' };
const UNLINKED = { student: 'Морозов Даниил', parent: 'Морозова Ирина Олеговна' };

/** A class of 27 families nobody has started: the list must stay short enough to use. */
const FULL_CLASS = Array.from({ length: 27 }, (_, index) => [
  `Ученик${String(index + 1).padStart(2, '0')} Тест`,
  `Родитель${index + 1} Тест`,
]);

const state = {
  classId: '',
  emptyClassId: '',
  fullClassId: '',
  stuck: { familyId: '', studentId: '', parentId: '', token: '', link: '' },
  unlinked: { familyId: '', studentId: '', parentId: '', token: '' },
};

async function addFamily(admin: APIRequestContext, family: { student: string; parent: string }) {
  const created = await admin.post(`/api/classes/${state.classId}/students`, {
    data: { displayName: family.student, parents: [{ displayName: family.parent }] },
  });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as RosterFamily;
  return { familyId: body.id, studentId: body.students[0]?.id ?? '', parentId: body.parents[0]?.id ?? '' };
}

/** What the parent's page sends for a step or a chat, with the family's token in its header. */
async function asParent(admin: APIRequestContext, token: string, url: string, data: Record<string, unknown>) {
  const response = await admin.put(url, { data, headers: { [PARENT_TOKEN_HEADER]: token } });
  expect(response.ok(), `${url}: ${response.status()}`).toBe(true);
}

const line = (page: Page, familyId: string) => page.locator(`[data-reminder-family="${familyId}"]`);
const lineButton = (page: Page, familyId: string, name: string) =>
  line(page, familyId).getByRole('button', { name: new RegExp(`^${name}`) });

test.describe.serial('reminders that a teacher uses', () => {
  test.beforeAll(async () => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    state.classId = await classOfDemoTeacher(admin, 4, 'Н');
    state.emptyClassId = await classOfDemoTeacher(admin, 4, 'П');
    state.fullClassId = await classOfDemoTeacher(admin, 4, 'Р');
    const csv = ['Ученик;Родитель 1']
      .concat(FULL_CLASS.map(([student, parent]) => `${student};${parent}`))
      .join('\r\n');
    const imported = await admin.post(`/api/classes/${state.fullClassId}/import?mode=commit`, {
      multipart: { file: { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
    });
    expect(imported.status()).toBe(200);
    state.stuck = { ...state.stuck, ...(await addFamily(admin, STUCK)) };
    state.unlinked = { ...state.unlinked, ...(await addFamily(admin, UNLINKED)) };

    const issued = await admin.post(`/api/classes/${state.classId}/invites`, {
      data: { familyIds: [state.stuck.familyId] },
    });
    expect(issued.ok()).toBe(true);
    state.stuck.link = ((await issued.json()) as FamilyInvite[])[0]?.link ?? '';
    state.stuck.token = new URL(state.stuck.link).pathname.split('/').pop() ?? '';
    expect(state.stuck.link).toMatch(LINK_TOKEN);

    // The parent confirms the account through the family's link and reports that the role is not confirmed.
    const steps = `/api/parent/people/${state.stuck.parentId}/steps`;
    await asParent(admin, state.stuck.token, `${steps}/max_account`, { status: 'done' });
    await asParent(admin, state.stuck.token, `${steps}/school_profile`, {
      status: 'blocked',
      blockerReason: 'role_not_confirmed',
    });
    await admin.dispose();
  });

  // Leave the demo school as we found it: later specs count its people and the teacher's classes.
  test.afterAll(async () => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    for (const classId of [state.classId, state.fullClassId]) {
      const roster = (await (await admin.get(`/api/classes/${classId}/roster`)).json()) as ClassRoster;
      for (const person of roster.families.flatMap((family) => [...family.students, ...family.parents]))
        expect((await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } })).ok()).toBe(
          true,
        );
    }
    for (const id of [state.classId, state.emptyClassId, state.fullClassId])
      expect((await admin.patch(`/api/classes/${id}`, { data: { archived: true } })).ok()).toBe(true);
    await admin.dispose();
  });

  test('the family that reported a problem shows it in its line, and its message gives the advice and its link', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const section = page.getByRole('region', { name: r.title });

    const stuck = lineButton(page, state.stuck.familyId, STUCK.student);
    await expect(stuck).toHaveAttribute('aria-expanded', 'false');
    await expect(stuck).toContainText(`Не получается: ${reason('role_not_confirmed')?.label.ru}`);
    await expect(stuck).toContainText('Не сделано: аккаунт в MAX, школьный профиль в MAX, чат класса');
    // The family without a link: said in its line and above the list, with the action for one family.
    await expect(lineButton(page, state.unlinked.familyId, UNLINKED.student)).toContainText(r.noLinkShort);
    const notice = section.getByTestId('reminders-without-links');
    await expect(notice).toContainText('У одной семьи ещё нет ссылки');
    await expect(notice.getByRole('button', { name: 'Выдать ссылку', exact: true })).toBeVisible();
    await expectAccessible(page, 'the reminders list');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('reminders-list-1366') });

    // Opened by keyboard: one line at a time, its message made for that family.
    await stuck.focus();
    await page.keyboard.press('Enter');
    await expect(stuck).toHaveAttribute('aria-expanded', 'true');
    const message = line(page, state.stuck.familyId).getByRole('textbox', { name: r.message });
    const text = await message.inputValue();
    expect(text).toContain(state.stuck.link);
    expect(text).toContain(reason('role_not_confirmed')?.parentAdvice.ru);
    expect(text).toContain(`Вы сообщили: «${reason('role_not_confirmed')?.label.ru}»`);
    expect(text).toContain(`— ${STUCK.parent}: школьный профиль в MAX и чат класса с родителями.`);
    expect(text).not.toContain(UNLINKED.student);
    await expect(line(page, state.stuck.familyId)).toContainText(reason('role_not_confirmed')?.teacherAdvice.ru ?? '');
    await expectAccessible(page, 'the reminders with a message open');
    await line(page, state.stuck.familyId).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('reminders-message-open-1366') });

    // Copy says so aloud; share shows only where the browser has it.
    await line(page, state.stuck.familyId).getByRole('button', { name: r.copy }).click();
    await expect(line(page, state.stuck.familyId).locator('[aria-live="polite"]')).toHaveText(`✓ ${r.copied}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    const canShare = await page.evaluate(() => typeof navigator.share === 'function');
    await expect(line(page, state.stuck.familyId).getByRole('button', { name: r.share })).toHaveCount(canShare ? 1 : 0);

    await stuck.focus();
    await page.keyboard.press('Space');
    await expect(stuck).toHaveAttribute('aria-expanded', 'false');
  });

  test('the class-chat text names nobody and holds no personal link', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const shared = page.getByTestId('class-chat-message');
    await shared.getByRole('button', { name: new RegExp(r.classChat.title) }).click();
    const text = await shared.getByRole('textbox', { name: r.classChat.label }).inputValue();
    expect(text).not.toMatch(LINK_TOKEN);
    expect(text).not.toContain(state.stuck.token);
    for (const name of [STUCK.student, STUCK.parent, UNLINKED.student, UNLINKED.parent])
      expect(text).not.toContain(name);
    expect(text).toContain('Ссылку или код семьи попросите у классного руководителя');
    await expect(shared.getByRole('button', { name: r.classChat.copy })).toBeVisible();
    await expectAccessible(page, 'the reminders with the class-chat text open');
  });

  test('on a phone the list stays one short line per family', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const stuck = lineButton(page, state.stuck.familyId, STUCK.student);
    await stuck.scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: shot('reminders-list-360') });
    await stuck.click();
    await line(page, state.stuck.familyId).getByRole('textbox', { name: r.message }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('reminders-message-open-360') });
  });

  test('the family without a link gets one from the notice, then its message', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    await page.getByTestId('reminders-without-links').getByRole('button', { name: 'Выдать ссылку' }).click();
    await expect(page.getByTestId('reminders-without-links')).toHaveCount(0);
    const unlinked = lineButton(page, state.unlinked.familyId, UNLINKED.student);
    await expect(unlinked).toContainText(r.neverReminded);
    await unlinked.click();
    await expect(line(page, state.unlinked.familyId).getByRole('textbox', { name: r.message })).toHaveValue(LINK_TOKEN);
  });

  test('nobody to remind once one family is connected and the other chose another way', async ({ page }) => {
    const admin = await apiAs(DEMO_SCHOOL_ADMIN);
    const invites = (await (await admin.get(`/api/classes/${state.classId}/invites`)).json()) as FamilyInvite[];
    const unlinkedToken = new URL(invites.find((i) => i.familyId === state.unlinked.familyId)?.link ?? '').pathname
      .split('/')
      .pop();
    await asParent(admin, unlinkedToken ?? '', '/api/parent/opt-out', { optedOut: true, channel: 'e_diary' });
    const roster = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    const classChat = (audience: string) =>
      roster.chats.find((chat) => chat.kind === 'class' && chat.audience === audience)?.id ?? '';
    for (const [personId, audience] of [
      [state.stuck.studentId, 'students'],
      [state.stuck.parentId, 'parents'],
    ] as const) {
      await asParent(admin, state.stuck.token, `/api/parent/people/${personId}/steps/school_profile`, {
        status: 'done',
      });
      await asParent(admin, state.stuck.token, `/api/parent/people/${personId}/chats/${classChat(audience)}`, {
        status: 'joined',
      });
    }
    await admin.dispose();

    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    const empty = page.getByTestId('reminders-empty');
    await expect(empty).toContainText(r.empty);
    await expect(empty).toContainText('Не напоминаем 1 семье');
    await expect(page.locator('[data-reminder-family]')).toHaveCount(0);
    await expectAccessible(page, 'the reminders with nobody to remind');
  });

  test('an empty class asks for the class list, not for congratulations', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.emptyClassId}/links`);
    const empty = page.getByTestId('reminders-empty-class');
    await expect(empty).toContainText(r.emptyClass);
    await expect(empty.getByRole('link', { name: r.emptyClassAction })).toHaveAttribute(
      'href',
      new RegExp(`/classes/${state.emptyClassId}/import$`),
    );
    await expect(page.getByRole('region', { name: r.title })).not.toContainText(r.empty);
    await expect(page.getByTestId('class-chat-message')).toHaveCount(0);
    await expectAccessible(page, 'the reminders of an empty class');
  });

  test('27 families make a short list: one line each, a message only where opened', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, DEMO_TEACHER);
    await page.goto(`/classes/${state.fullClassId}/links`);
    await page.getByTestId('reminders-without-links').getByRole('button', { name: 'Выдать ссылки' }).click();
    await expect(page.getByTestId('reminders-without-links')).toHaveCount(0);
    const lines = page.locator('[data-reminder-family]');
    await expect(lines).toHaveCount(FULL_CLASS.length);
    await expect(page.getByRole('textbox', { name: r.message })).toHaveCount(0);
    const list = lines.first().locator('..');
    const height = (await list.boundingBox())?.height ?? Infinity;
    expect(height).toBeLessThan(FULL_CLASS.length * 64);
    test.info().annotations.push({ type: 'list height', description: `${Math.round(height)} px for 27 families` });
    await page.getByRole('region', { name: r.title }).screenshot({ path: shot('reminders-27-families-1366') });
  });
});
