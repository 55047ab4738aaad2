import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  MAX_PATH,
  type ChatSummary,
  type ClassRoster,
  type CurrentUser,
  type FamilyInvite,
  type SchoolClassSummary,
  type StaffMember,
} from '@sferum/contracts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import parentRu from '../messages/parent.ru.json';
import { DEMO_SCHOOL_ADMIN, DEMO_TEACHER, apiAs, signIn } from './support/demo-session';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const shot = (name: string) => path.join(screenshotDir, `${name}.png`);

const TEACHER = DEMO_TEACHER;
const SCHOOL_ADMIN = DEMO_SCHOOL_ADMIN;

const inv = parentRu.invites;
const letters = parentRu.letters;

/** 26 families: a class of its own, so that 1А and 5А keep the counts other specs expect. */
const CHILDREN: Array<[surname: string, child: string, parent: string]> = [
  ['Абрамов', 'Глеб', 'Абрамова Инна Сергеевна'],
  ['Белова', 'Ника', 'Белов Роман Ильич'],
  ['Васильев', 'Марк', 'Васильева Ольга Петровна'],
  ['Громова', 'Ева', 'Громова Лилия Андреевна'],
  ['Данилов', 'Лев', 'Данилов Павел Олегович'],
  ['Егорова', 'Мила', 'Егорова Алла Викторовна'],
  ['Жуков', 'Илья', 'Жукова Нина Борисовна'],
  ['Зайцева', 'Вера', 'Зайцев Денис Юрьевич'],
  ['Ильин', 'Тимур', 'Ильина Дарья Максимовна'],
  ['Карпова', 'Аня', 'Карпова Юлия Игоревна'],
  ['Лебедев', 'Фёдор', 'Лебедев Артур Романович'],
  ['Миронова', 'Соня', 'Миронова Елена Павловна'],
  ['Никитин', 'Савва', 'Никитина Майя Львовна'],
  ['Орлова', 'Лиза', 'Орлов Степан Кириллович'],
  ['Павлов', 'Егор', 'Павлова Анна Дмитриевна'],
  ['Романова', 'Уля', 'Романова Зоя Фёдоровна'],
  ['Семёнов', 'Яков', 'Семёнов Олег Маркович'],
  ['Тихонова', 'Злата', 'Тихонова Вера Николаевна'],
  ['Устинов', 'Гоша', 'Устинова Рита Степановна'],
  ['Фролова', 'Тая', 'Фролов Игнат Семёнович'],
  ['Харитонов', 'Миша', 'Харитонова Лада Олеговна'],
  ['Цветкова', 'Ася', 'Цветкова Инга Ильинична'],
  ['Чернов', 'Рома', 'Чернов Виктор Ефимович'],
  ['Шилова', 'Катя', 'Шилова Таисия Глебовна'],
  ['Щукин', 'Ваня', 'Щукина Роза Тимуровна'],
  ['Юдина', 'Варя', 'Юдин Эдуард Яковлевич'],
];
const CONTACT = 'каб. 21, по будням 15:00–17:00, или через электронный дневник';
const DEADLINE = '2026-12-20';
const CHAT_LINK = 'https://max.ru/join/e2e-letters-7Q';
const CODE = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/g;

/** A poppler-utils tool (pdfinfo, pdftoppm, pdftotext): .ci/run installs the package. */
function poppler(tool: string, args: string[]): string {
  return execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });
}

/** The QR code in one part of a page image, read back. */
function decodeRegion(png: PNG, top: number, height: number): { data: string; widthPx: number } | null {
  const region = new Uint8ClampedArray(png.data.subarray(top * png.width * 4, (top + height) * png.width * 4));
  const code = jsQR(region, png.width, height);
  if (!code) return null;
  return { data: code.data, widthPx: code.location.topRightCorner.x - code.location.topLeftCorner.x };
}

const state = { classId: '', parentsChatId: '', schoolChatId: '' };

test.describe.serial('letters for a parents’ meeting', () => {
  test.beforeAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const me = (await (await admin.get('/api/auth/me')).json()) as CurrentUser;
    const created = await admin.post('/api/classes', { data: { schoolId: me.schoolId, grade: 3, letter: 'Л' } });
    expect(created.status()).toBe(201);
    state.classId = ((await created.json()) as SchoolClassSummary).id;
    const staff = (await (await admin.get(`/api/staff?schoolId=${me.schoolId ?? ''}`)).json()) as StaffMember[];
    const teacher = staff.find((member) => member.email === TEACHER.email);
    expect(teacher).toBeDefined();
    expect(
      (await admin.put(`/api/classes/${state.classId}/teachers`, { data: { teacherIds: [teacher?.id] } })).ok(),
    ).toBe(true);

    const csv = ['Ученик;Телефон ученика;Родитель 1;Телефон родителя 1;Родитель 2;Телефон родителя 2']
      .concat(CHILDREN.map(([surname, child, parent]) => `${surname} ${child};;${parent};;;`))
      .join('\r\n');
    const imported = await admin.post(`/api/classes/${state.classId}/import?mode=commit`, {
      multipart: { file: { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
    });
    expect(imported.status()).toBe(200);

    const roster = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    expect(roster.families).toHaveLength(CHILDREN.length);
    state.parentsChatId = roster.chats.find((chat) => chat.kind === 'class' && chat.audience === 'parents')?.id ?? '';
    state.schoolChatId = roster.chats.find((chat) => chat.kind === 'school')?.id ?? '';
    expect(state.parentsChatId).not.toBe('');
    await admin.dispose();
  });

  // Leave the demo school as we found it: later specs count its people and the teacher's classes.
  test.afterAll(async () => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const roster = (await (await admin.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    for (const person of roster.families.flatMap((family) => [...family.students, ...family.parents])) {
      expect((await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } })).ok()).toBe(
        true,
      );
    }
    expect((await admin.patch(`/api/classes/${state.classId}`, { data: { archived: true } })).ok()).toBe(true);
    await admin.dispose();
  });

  test('the teacher sets the contact, the deadline and a chat’s invitation link on the links tab', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, TEACHER);
    await page.goto(`/classes/${state.classId}/links`);

    const info = page.getByTestId('parent-info-form');
    await info.getByRole('textbox', { name: inv.parentInfo.contact }).fill(CONTACT);
    await info.getByLabel(inv.parentInfo.deadline).fill(DEADLINE);
    await expect(info.getByText(inv.parentInfo.deadlinePrinted.replace('{date}', '20 декабря'))).toBeVisible();
    await info.getByRole('button', { name: inv.parentInfo.save }).click();
    await expect(info.getByRole('status')).toHaveText(`✓ ${inv.parentInfo.saved}`);

    const chats = page.getByTestId('chat-links-form');
    const parentsChat = MAX_PATH.chats.classChats.find((chat) => chat.audience === 'parents')?.title.ru ?? '';
    const field = chats.getByRole('textbox', { name: parentsChat });
    // A link of another messenger: refused by the API, said next to the field in the school's words.
    await field.fill('https://t.me/+e2eLetters');
    await chats.getByRole('button', { name: `${inv.chatLinks.save}: ${parentsChat}` }).click();
    const refused = 'Это не ссылка-приглашение MAX: она должна начинаться с https://max.ru/…';
    await expect(chats.getByText(refused)).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await chats.screenshot({ path: shot('letters-chat-link-refused') });
    await field.fill(CHAT_LINK);
    await expect(chats.getByText(refused)).toHaveCount(0);
    await field.press('Enter');
    await expect(chats.locator(`[data-chat-link="${state.parentsChatId}"]`).getByRole('status')).toHaveText(
      `✓ ${inv.chatLinks.saved}`,
    );

    // The school chat is the school admin's: a teacher only sees it.
    const schoolChat = chats.getByRole('textbox', { name: MAX_PATH.chats.school.title.ru });
    await expect(schoolChat).toHaveAttribute('readonly', '');
    await expect(chats.getByText(inv.chatLinks.schoolAdminsOnly)).toBeVisible();

    const schoolClass = (await (await page.request.get(`/api/classes/${state.classId}`)).json()) as SchoolClassSummary;
    expect(schoolClass.parentContact).toBe(CONTACT);
    expect(schoolClass.deadline).toBe(DEADLINE);
    const roster = (await (await page.request.get(`/api/classes/${state.classId}/roster`)).json()) as ClassRoster;
    expect(roster.chats.find((chat: ChatSummary) => chat.id === state.parentsChatId)?.inviteUrl).toBe(CHAT_LINK);

    const section = page.getByRole('region', { name: inv.beforePrinting });
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: shot('letters-links-tab-forms') });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await expect(
      page.getByTestId('parent-info-form').getByRole('textbox', { name: inv.parentInfo.contact }),
    ).toHaveValue(CONTACT);
    await expect(page.getByTestId('chat-links-form').getByRole('textbox', { name: parentsChat })).toHaveValue(
      CHAT_LINK,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('region', { name: inv.beforePrinting }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('letters-links-tab-768') });

    // The demo 5А: how the statuses of its families read in the links table.
    await page.setViewportSize({ width: 1366, height: 768 });
    const classes = (await (await page.request.get('/api/classes')).json()) as SchoolClassSummary[];
    await page.goto(`/classes/${classes.find((c) => c.name === '5А')?.id ?? ''}/links`);
    const table = page.locator('table');
    await expect(table.locator('[data-status]').first()).toBeVisible();
    await table.screenshot({ path: shot('letters-links-statuses') });
  });

  test('26 letters print on 13 A4 pages, two codes and two QR codes of the families’ links on each', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, TEACHER);
    await page.goto(`/classes/${state.classId}/links`);
    // Printing everything issues the missing links first.
    await page.getByRole('button', { name: inv.printAll }).click();
    await expect(page).toHaveURL(new RegExp(`/classes/${state.classId}/letters$`));
    await expect(page.locator('[data-letter-family]')).toHaveCount(CHILDREN.length);
    await expect(page.locator('[data-sheet]')).toHaveCount(13);

    const invites = (await (await page.request.get(`/api/classes/${state.classId}/invites`)).json()) as FamilyInvite[];
    expect(invites.every((invite) => invite.link && invite.code)).toBe(true);
    const codeOf = new Map(invites.map((invite) => [invite.link ?? '', invite.code ?? '']));
    const first = page.locator(`[data-letter-family="${invites[0]?.familyId ?? ''}"]`);
    await expect(first.locator('[data-letter-code]')).toHaveText(invites[0]?.code ?? '');
    await expect(first.locator('[data-letter-deadline]')).toHaveText(letters.deadline.replace('{date}', '20 декабря'));
    await expect(first.locator('[data-letter-contact]')).toContainText(CONTACT);
    await expect(first.locator('[data-letter-contact]')).toContainText('Смирнова Елена Игоревна');
    await page.screenshot({ path: shot('letters-preview') });
    await page
      .locator('[data-sheet]')
      .first()
      .screenshot({ path: shot('letters-preview-sheet') });

    // On paper each letter keeps to its A5 half: nothing cut off at the bottom.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    const overflowing = await page
      .locator('[data-letter-family]')
      .evaluateAll((all) => all.filter((letter) => letter.scrollHeight > letter.clientHeight + 1).length);
    expect(overflowing).toBe(0);

    const work = mkdtempSync(path.join(os.tmpdir(), 'letters-'));
    try {
      const pdfPath = path.join(work, 'letters.pdf');
      writeFileSync(pdfPath, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
      const info = poppler('pdfinfo', [pdfPath]);
      expect(info).toMatch(/^Pages:\s+13$/m);
      expect(info).toMatch(/^Page size:.* pts \(A4\)$/m);

      const dpi = 150;
      poppler('pdftoppm', ['-r', String(dpi), '-png', pdfPath, path.join(work, 'page')]);
      const pages = readdirSync(work)
        .filter((name) => /^page-\d+\.png$/.test(name))
        .sort();
      expect(pages).toHaveLength(13);
      copyFileSync(path.join(work, pages[0] ?? ''), shot('letters-print-page-1'));
      const text = poppler('pdftotext', ['-layout', pdfPath, '-']).split('\f');

      const seen = new Set<string>();
      const minQrPx = (25 / 25.4) * dpi;
      pages.forEach((name, index) => {
        const png = PNG.sync.read(readFileSync(path.join(work, name)));
        const half = Math.floor(png.height / 2);
        // Each A5 half of the sheet holds one letter: read each half on its own.
        const codes = [decodeRegion(png, 0, half), decodeRegion(png, half, png.height - half)];
        for (const code of codes) {
          expect(code, `a QR code in each half of page ${index + 1}`).not.toBeNull();
          expect(codeOf.has(code?.data ?? ''), `page ${index + 1}: a family's link`).toBe(true);
          expect(code?.widthPx ?? 0).toBeGreaterThanOrEqual(minQrPx);
          seen.add(code?.data ?? '');
        }
        const pageText = text[index] ?? '';
        const printed = pageText.match(CODE) ?? [];
        expect(printed.sort()).toEqual(codes.map((code) => codeOf.get(code?.data ?? '') ?? '').sort());
        expect(pageText.match(/до 20 декабря/g)).toHaveLength(2);
        expect(pageText).toContain('по желанию');
      });
      expect(seen.size).toBe(CHILDREN.length);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    // The English letter says the same in English.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`/en/classes/${state.classId}/letters?families=${invites[0]?.familyId ?? ''}`);
    const english = page.locator('[data-letter-family]');
    await expect(english).toHaveCount(1);
    await expect(english.locator('[data-letter-deadline]')).toHaveText('Please connect by 20 December.');
    await expect(english.locator('[data-letter-code]')).toHaveText(invites[0]?.code ?? '');
    await page.locator('[data-sheet]').screenshot({ path: shot('letters-preview-en-sheet') });
  });
});
