import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

type Account = { email: string; password: string };
const TEACHER: Account = { email: 'teacher@sferum-demo.test', password: 'demo-teacher-2026' };
const SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };

async function fillSignIn(page: Page, { email, password }: Account): Promise<void> {
  await page.getByRole('textbox', { name: ru.login.email }).fill(email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ru.login.submit }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: ru.shell.signOut }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test.describe('staff sign-in', () => {
  test('shows the sign-in page in Russian and says so when the password is wrong', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByRole('link', { name: ru.layout.signIn }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.login.title);
    await screenshot(page, 'login-ru-desktop');

    await fillSignIn(page, { email: TEACHER.email, password: 'not-the-password' });
    const error = page.getByRole('alert').filter({ hasText: ru.login.wrongCredentials });
    await expect(error).toBeVisible();
    // The keyboard and the screen reader continue from the message, not from <body>.
    await expect(error).toBeFocused();
    await expect(page).toHaveURL(/\/login$/);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test('fits the sign-in form on the screen', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('button', { name: ru.login.submit })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'login-ru-phone');
    });
  });
});

test('a teacher sees only their own classes and no admin page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/classes');
  await expect(page).toHaveURL(/\/login\?next=%2Fclasses$/);
  await fillSignIn(page, TEACHER);

  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.myClasses.title);
  const classNames = page.getByRole('main').getByRole('heading', { level: 2 });
  await expect(classNames).toHaveText(['1А', '5А']);
  await expect(page.getByText('5Б')).toHaveCount(0);
  await expect(page.getByText('9В')).toHaveCount(0);
  await screenshot(page, 'teacher-classes');

  await page.getByRole('link', { name: /5А/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('5А класс');
  await expect(page.getByTestId('roster-table')).toBeVisible();

  await page.goto('/staff');
  await expect(page).toHaveURL(/\/classes$/);

  await signOut(page);
  await page.goto('/classes');
  await expect(page).toHaveURL(/\/login\?next=%2Fclasses$/);
});

test('a school admin adds a teacher, whose setup link signs them in once', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/login');
  await fillSignIn(page, SCHOOL_ADMIN);

  await expect(page).toHaveURL(/\/schools\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Средняя школа № 7 (демо)');
  await expect(page.getByTestId('class-row-5Б')).toContainText('Волкова Ольга Сергеевна');
  await screenshot(page, 'school-page');

  await page.getByRole('main').getByRole('link', { name: ru.school.staff }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByRole('button', { name: ru.staff.add }).click();
  const form = page.getByRole('dialog', { name: ru.staffForm.createTitle });
  const email = `novikova-${Date.now()}@sferum-demo.test`;
  await form.getByRole('textbox', { name: ru.staffForm.email }).fill(email);
  await form.getByRole('textbox', { name: ru.staffForm.fullName }).fill('Новикова Анна Сергеевна');
  await form.getByRole('button', { name: ru.staffForm.create }).click();

  const linkDialog = page.getByRole('dialog', { name: ru.setupLink.title });
  await expect(linkDialog).toBeVisible();
  const setupUrl = await linkDialog.getByRole('textbox', { name: ru.setupLink.label }).inputValue();
  expect(setupUrl).toMatch(/^http:\/\/[^/]+\/setup\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId(`staff-row-${email}`)).toContainText(ru.staffStatus.pending_setup);
  await screenshot(page, 'staff-setup-link');
  await linkDialog.getByRole('button', { name: ru.setupLink.done }).click();
  await signOut(page);

  await page.goto(setupUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Анна Сергеевна!');
  await expect(page.getByText(email)).toBeVisible();
  await screenshot(page, 'setup-page');
  await page.getByRole('textbox', { name: ru.setup.password }).fill('short');
  await page.getByRole('textbox', { name: ru.setup.repeat }).fill('short');
  await page.getByRole('button', { name: ru.setup.submit }).click();
  await expect(page.getByText('Пароль должен быть не короче 10 символов')).toBeVisible();
  await page.getByRole('textbox', { name: ru.setup.password }).fill('a-new-teacher-password');
  await page.getByRole('textbox', { name: ru.setup.repeat }).fill('a-new-teacher-password');
  await page.getByRole('button', { name: ru.setup.submit }).click();

  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByTestId('current-user-name')).toHaveText('Новикова Анна Сергеевна');
  await expect(page.getByText(ru.myClasses.emptyTitle)).toBeVisible();

  await page.goto(setupUrl);
  await expect(page.getByText(ru.setup.invalidText)).toBeVisible();
});
