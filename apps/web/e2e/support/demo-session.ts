import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import ru from '../../messages/ru.json';

/** A demo account (apps/api/src/demo/demo-seed.ts); the browser tests run on the demo district. */
export interface Account {
  email: string;
  password: string;
}

export const DEMO_TEACHER: Account = { email: 'teacher@sferum-demo.test', password: 'demo-teacher-2026' };
export const DEMO_SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };
export const DEMO_DISTRICT_ADMIN: Account = { email: 'district@sferum-demo.test', password: 'demo-district-2026' };

/** Signs in through the form, as a person would; resolves once the dashboard shows who is signed in. */
export async function signIn(page: Page, { email, password }: Account): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill(email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page.getByTestId('current-user-name')).toBeVisible();
}

/** An API client with that account's session, for setting up and checking behind the page. */
export async function apiAs(account: Account): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const response = await context.post('/api/auth/login', { data: account });
  expect(response.ok()).toBe(true);
  return context;
}
