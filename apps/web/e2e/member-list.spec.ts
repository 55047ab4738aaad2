import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  MAX_PATH,
  type ClassRoster,
  type SchoolClassSummary,
  type SchoolSummary,
  type StaffWithSetupLink,
} from '@sferum/contracts';
import ru from '../messages/ru.json';
import roster from '../messages/roster.ru.json';
import { DEMO_DISTRICT_ADMIN, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

const m = ru.memberList;
const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replaceAll(`{${key}}`, String(value)), text);
const chatTitle = (audience: 'parents' | 'students') => {
  const found = MAX_PATH.chats.classChats.find((chat) => chat.audience === audience);
  if (!found) throw new Error(`No class chat with ${audience} on the MAX path`);
  return found.title.ru;
};

/** Text as Windows-1251 bytes (ASCII and Russian letters only), as Russian Notepad and Excel save it. */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (char === 'Ё') return 0xa8;
      if (char === 'ё') return 0xb8;
      throw new Error(`Not in this Windows-1251 helper: ${char}`);
    }),
  );
}

/** The class chat cell of a person on the class page. */
function chatCell(page: Page, name: string): Locator {
  return page
    .getByTestId('roster-row')
    .filter({ has: page.getByRole('button', { name: fill(roster.roster.table.openPerson, { name }), exact: true }) })
    .locator('button[data-item="chat_class"]');
}

async function openMemberList(page: Page, chat: string): Promise<Locator> {
  await page.getByRole('button', { name: m.open }).click();
  await page.getByRole('menuitem', { name: chat, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: fill(m.title, { chat }) });
  await expect(dialog).toBeVisible();
  return dialog;
}

const joinedPeople = (roster: ClassRoster, chatId: string) =>
  roster.families
    .flatMap((family) => [...family.students, ...family.parents])
    .filter((person) => person.chats.some((chat) => chat.chatId === chatId && chat.status === 'joined'))
    .map((person) => person.displayName)
    .sort();

// A school, a class and a teacher of its own: the marks change, and other specs count the demo school's people.
test('a teacher pastes a chat’s member list, chooses where several fit, and the class page shows them in the chat', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, DEMO_DISTRICT_ADMIN);
  const suffix = Date.now() % 100_000;
  const school = (await (
    await page.request.post('/api/schools', { data: { name: `Школа № 33 (участники ${suffix})` } })
  ).json()) as SchoolSummary;
  const schoolClass = (await (
    await page.request.post('/api/classes', { data: { schoolId: school.id, grade: 3, letter: 'Б' } })
  ).json()) as SchoolClassSummary;
  for (const [student, parent] of [
    ['Иванова Мария', 'Иванова Ольга'],
    ['Семёнова Алёна', 'Семёнов Пётр'],
    ['Смирнов Иван', 'Смирнова Дарья'],
    ['Смирнов Иван Петрович', 'Смирнов Пётр'],
  ]) {
    const added = await page.request.post(`/api/classes/${schoolClass.id}/students`, {
      data: { displayName: student, parents: [{ displayName: parent }] },
    });
    expect(added.status()).toBe(201);
  }
  const created = await page.request.post('/api/staff', {
    data: {
      email: `teacher-${suffix}@school-33.test`,
      fullName: 'Тетерина Анна Сергеевна',
      role: 'teacher',
      schoolId: school.id,
    },
  });
  expect(created.status()).toBe(201);
  const { staff, setupLink } = (await created.json()) as StaffWithSetupLink;
  expect(
    (await page.request.put(`/api/classes/${schoolClass.id}/teachers`, { data: { teacherIds: [staff.id] } })).ok(),
  ).toBe(true);

  const teacherContext = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    viewport: { width: 1366, height: 768 },
  });
  const teacher = await teacherContext.newPage();
  const setup = await teacher.request.post('/api/auth/setup', {
    data: { token: setupLink.path.split('/').at(-1), password: 'a-teacher-password-33' },
  });
  expect(setup.ok()).toBe(true);
  await teacher.goto(`/classes/${schoolClass.id}`);
  await expect(teacher.getByRole('heading', { level: 1 })).toHaveText('3Б класс');

  // The class's chats; the school chat is the school admins' to compare.
  await teacher.getByRole('button', { name: m.open }).click();
  await expect(teacher.getByRole('menuitem', { name: chatTitle('parents') })).toBeVisible();
  await expect(teacher.getByRole('menuitem', { name: MAX_PATH.chats.school.title.ru })).toHaveCount(0);
  await teacher.keyboard.press('Escape');

  const dialog = await openMemberList(teacher, chatTitle('students'));
  await expect(dialog).toContainText(m.nobodyRemoved);
  const check = dialog.getByRole('button', { name: m.check });
  await expect(check).toBeDisabled();
  await dialog
    .getByRole('textbox', { name: m.textLabel })
    .fill(['Иванова Мария', 'Алена Семенова', 'Смирнов Иван', 'Тетерина Анна Сергеевна (учитель)'].join('\n'));
  await teacher.waitForTimeout(300);
  await teacher.screenshot({ path: path.join(screenshotDir, 'member-list-paste.png') });
  await check.click();

  const preview = dialog.getByTestId('member-list-preview');
  const matched = preview.getByTestId('member-list-matched');
  await expect(matched).toContainText(fill(m.matchedTitle, { count: 2 }));
  await expect(matched.getByRole('checkbox', { name: /Иванова Мария/ })).toBeChecked();
  await expect(matched.getByRole('checkbox', { name: /Семёнова Алёна/ })).toBeChecked();
  await expect(matched).toContainText(fill(m.lineLabel, { line: 2, text: 'Алена Семенова' }));
  const ambiguous = preview.getByTestId('member-list-ambiguous');
  await expect(ambiguous).toContainText(fill(m.lineLabel, { line: 3, text: 'Смирнов Иван' }));
  await expect(ambiguous.getByRole('radio', { name: m.noneOfThem })).toBeChecked();
  await expect(preview.getByTestId('member-list-unknown')).toContainText('Тетерина Анна Сергеевна (учитель)');
  await expect(dialog.getByRole('button', { name: 'Отметить 2 в чате' })).toBeEnabled();
  await teacher.waitForTimeout(300);
  await teacher.screenshot({ path: path.join(screenshotDir, 'member-list-preview.png') });

  // Smirnov with the patronymic is the one in the chat; the other Smirnov is not marked.
  await ambiguous.getByRole('radio', { name: /Смирнов Иван Петрович/ }).check();
  await dialog.getByRole('button', { name: 'Отметить 3 в чате' }).click();
  const result = dialog.getByTestId('member-list-result');
  await expect(result).toContainText('Отмечено в чате: 3');
  await expect(result).toContainText(m.nobodyRemoved);
  await teacher.screenshot({ path: path.join(screenshotDir, 'member-list-done.png') });
  await result.getByRole('button', { name: ru.common.close }).click();
  await expect(dialog).toBeHidden();

  for (const student of ['Иванова Мария', 'Семёнова Алёна', 'Смирнов Иван Петрович']) {
    await expect(chatCell(teacher, student)).toHaveAttribute('data-status', 'joined');
    await expect(chatCell(teacher, student)).toHaveAttribute('data-source', 'member_list');
  }
  await expect(chatCell(teacher, 'Смирнов Иван')).toHaveAttribute('data-status', 'not_joined');
  await teacher.evaluate(() => window.scrollTo(0, 0));
  await teacher.screenshot({ path: path.join(screenshotDir, 'member-list-class-page.png'), fullPage: true });

  // The parents' chat from a file in Windows-1251, as Notepad saves it; the same name again marks nobody twice.
  const parents = await openMemberList(teacher, chatTitle('parents'));
  await parents.getByTestId('member-list-file').setInputFiles({
    name: 'участники.txt',
    mimeType: 'text/plain',
    buffer: windows1251('Иванова Ольга\nСеменов Петр\n'),
  });
  await expect(parents.getByRole('textbox', { name: m.textLabel })).toHaveValue('Иванова Ольга\nСеменов Петр\n');
  await parents.getByRole('button', { name: m.check }).click();
  await expect(parents.getByTestId('member-list-matched')).toContainText(fill(m.matchedTitle, { count: 2 }));
  await parents.getByRole('button', { name: 'Отметить 2 в чате' }).click();
  await expect(parents.getByTestId('member-list-result')).toContainText('Отмечено в чате: 2');
  await parents.getByRole('button', { name: m.another }).click();
  await parents.getByRole('textbox', { name: m.textLabel }).fill('Иванова Ольга');
  await parents.getByRole('button', { name: m.check }).click();
  await expect(parents.getByTestId('member-list-joined')).toContainText('Иванова Ольга');
  await expect(parents.getByRole('button', { name: 'Некого отметить' })).toBeDisabled();
  await parents.getByRole('button', { name: m.back }).click();
  await parents.getByRole('button', { name: ru.common.cancel }).click();
  await expect(parents).toBeHidden();
  await expect(chatCell(teacher, 'Иванова Ольга')).toHaveAttribute('data-status', 'joined');
  await teacherContext.close();

  // The school chat, from the school page, by the admin.
  await page.goto(`/schools/${school.id}`);
  const section = page.getByTestId('school-chat-members');
  await expect(section.getByRole('heading', { name: MAX_PATH.chats.school.title.ru })).toBeVisible();
  await section.getByRole('button', { name: m.open }).click();
  const schoolChat = page.getByRole('dialog', { name: fill(m.title, { chat: MAX_PATH.chats.school.title.ru }) });
  await schoolChat.getByRole('textbox', { name: m.textLabel }).fill('Смирнова Дарья\nИванова Мария');
  await schoolChat.getByRole('button', { name: m.check }).click();
  await schoolChat.getByRole('button', { name: 'Отметить 2 в чате' }).click();
  await expect(schoolChat.getByTestId('member-list-result')).toContainText('Отмечено в чате: 2');

  const after = (await (await page.request.get(`/api/classes/${schoolClass.id}/roster`)).json()) as ClassRoster;
  const chatOf = (kind: 'class' | 'school', audience?: 'parents' | 'students') =>
    after.chats.find((chat) => chat.kind === kind && (audience === undefined || chat.audience === audience))?.id ?? '';
  expect(joinedPeople(after, chatOf('class', 'students'))).toEqual([
    'Иванова Мария',
    'Семёнова Алёна',
    'Смирнов Иван Петрович',
  ]);
  expect(joinedPeople(after, chatOf('class', 'parents'))).toEqual(['Иванова Ольга', 'Семёнов Пётр']);
  expect(joinedPeople(after, chatOf('school'))).toEqual(['Иванова Мария', 'Смирнова Дарья']);
});
