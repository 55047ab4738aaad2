import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import en from '../messages/en.json';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

test.describe('home page', () => {
  test('shows the product in Russian at / and reports the API and database as up', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.home.title);
    await expect(page.getByText(ru.home.health.up)).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'home-ru-desktop');
  });

  test('switches to English under /en with the language link', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: ru.layout.otherLanguage }).click();
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.home.title);
    await expect(page.getByText(en.home.health.up)).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'home-en-desktop');

    await page.getByRole('link', { name: en.layout.otherLanguage }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test('fits the screen without sideways scrolling', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByText(ru.home.health.up)).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'home-ru-phone');
    });
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('still renders the product text and the health status', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.home.title);
      await expect(page.getByText(ru.home.health.up)).toBeVisible();
    });
  });
});

test('forwards /api/* from the web origin to the API', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
});

test('answers an unknown address with a Russian 404 page that works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.notFound.title);
  await context.close();
});
