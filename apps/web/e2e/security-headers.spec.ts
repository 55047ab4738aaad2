import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, request, type APIRequestContext, type Page, type Response } from '@playwright/test';
import type {
  ClassRoster,
  CurrentUser,
  FamilyInvite,
  RosterFamily,
  SchoolClassSummary,
  StaffWithSetupLink,
} from '@sferum/contracts';
import parentRu from '../messages/parent.ru.json';
import ru from '../messages/ru.json';

const screenshotDir = path.resolve(__dirname, '../../../.data/screenshots');
mkdirSync(screenshotDir, { recursive: true });
const shot = (name: string) => path.join(screenshotDir, `security-${name}.png`);

type Account = { email: string; password: string };
const TEACHER: Account = { email: 'teacher@sferum-demo.test', password: 'demo-teacher-2026' };
const SCHOOL_ADMIN: Account = { email: 'school@sferum-demo.test', password: 'demo-school-2026' };
const DISTRICT_ADMIN: Account = { email: 'district@sferum-demo.test', password: 'demo-district-2026' };

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Every page gets a watcher: the browser's `securitypolicyviolation` events
 * and its console messages about the policy. A test ends by expecting none.
 */
const test = base.extend<{ violations: string[] }>({
  violations: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    // Init scripts and exposed functions run through the DevTools protocol, outside the page's policy.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
        report(
          `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await use(violations);
  },
});

/** The policy as directive → sources. */
function parsePolicy(header: string | undefined): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .flatMap(([name, ...sources]) => (name ? [[name.toLowerCase(), sources]] : [])),
  );
}

/** Quoted keywords, nonces and hashes, and `data:` for images: no host, scheme or wildcard, so no other origin. */
function expectNoOtherOrigin(policy: Map<string, string[]>): void {
  for (const [directive, sources] of policy) {
    for (const source of sources) {
      expect(`${directive} ${source}`).toMatch(/ ('[a-z-]+'|'nonce-[A-Za-z0-9+/=]+'|'sha256-[A-Za-z0-9+/=]+'|data:)$/);
    }
  }
}

function expectCommonHeaders(headers: Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // Plain HTTP here: no HSTS (see the HTTPS test below).
  expect(headers['strict-transport-security']).toBeUndefined();
}

/** A React page's policy: its scripts need this response's nonce; nothing is framed, no plugin, no <base>. */
function expectPagePolicy(response: Response | null): string {
  expect(response, 'a response').not.toBeNull();
  const headers = response?.headers() ?? {};
  expectCommonHeaders(headers);
  expect(headers['x-frame-options']).toBe('DENY');
  const policy = parsePolicy(headers['content-security-policy']);
  expectNoOtherOrigin(policy);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  const scriptSrc = policy.get('script-src') ?? [];
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  const nonce = scriptSrc.map((source) => /^'nonce-(.+)'$/.exec(source)?.[1]).find(Boolean);
  expect(nonce, 'a nonce in script-src').toBeTruthy();
  return nonce ?? '';
}

/** Every script element Next rendered carries this response's nonce: none would run otherwise. */
async function expectScriptsCarry(response: Response | null, nonce: string): Promise<void> {
  const html = (await response?.text()) ?? '';
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

/** Opens a page, waits until its queries are done, and checks its headers and that it ran. */
async function visit(page: Page, pathname: string, violations: string[]): Promise<string> {
  const response = await page.goto(pathname);
  expect(response?.status(), pathname).toBe(200);
  const nonce = expectPagePolicy(response);
  await expectScriptsCarry(response, nonce);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1').first()).toBeVisible();
  // The inline scripts ran: Next's flight data queue exists only if they did.
  expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown }).__next_f))).toBe(true);
  expect(violations).toEqual([]);
  return nonce;
}

/**
 * Mantine's own <style> element of CSS variables applied: dimmed text takes the
 * site's muted colour (the staff theme's resolver), not Mantine's grey.
 */
async function expectMantineStyled(page: Page): Promise<void> {
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return {
      dimmed: style.getPropertyValue('--mantine-color-dimmed').trim(),
      muted: style.getPropertyValue('--text-muted').trim(),
    };
  });
  expect(colours.muted).not.toBe('');
  expect(colours.dimmed).toBe(colours.muted);
}

async function signIn(page: Page, { email, password }: Account): Promise<void> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: ru.login.email }).fill(email);
  await page.getByRole('textbox', { name: ru.login.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ru.login.submit }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function apiAs(account: Account): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  expect((await context.post('/api/auth/login', { data: account })).ok()).toBe(true);
  return context;
}

async function classId(api: APIRequestContext, name: string): Promise<string> {
  const classes = (await (await api.get('/api/classes')).json()) as SchoolClassSummary[];
  const found = classes.find((c) => c.name === name);
  expect(found, `class ${name}`).toBeDefined();
  return found?.id ?? '';
}

test.describe('security headers of the web app', () => {
  test('public pages send a nonce policy, run their scripts, and another request gets another nonce', async ({
    page,
    violations,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const first = await visit(page, '/', violations);
    const second = await visit(page, '/', violations);
    expect(second).not.toBe(first);
    await visit(page, '/en', violations);
    await visit(page, '/en/login', violations);
    await visit(page, '/login', violations);
    await expectMantineStyled(page);
    const submit = page.getByRole('button', { name: ru.login.submit });
    expect(await submit.evaluate((button) => getComputedStyle(button).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: shot('login'), fullPage: true });

    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    await expectScriptsCarry(missing, expectPagePolicy(missing));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.notFound.title);
    expect(violations).toEqual([]);
  });

  test('a teacher signs in and works through the class pages without a violation', async ({ page, violations }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    // A client-side form: it reaches /classes only if React hydrated and its fetch got through.
    await signIn(page, TEACHER);
    await expect(page).toHaveURL(/\/classes$/);
    const fiveA = await classId(page.request, '5А');

    await visit(page, '/classes', violations);
    await visit(page, `/classes/${fiveA}`, violations);
    await expect(page.getByTestId('roster-table')).toBeVisible();
    await expectMantineStyled(page);
    // A menu in a portal, with Mantine's transitions and inline positions.
    await page.locator('button[data-item="max_account"]').first().click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.screenshot({ path: shot('roster-menu') });
    await page.keyboard.press('Escape');
    await visit(page, `/classes/${fiveA}/links`, violations);
    await visit(page, `/classes/${fiveA}/import`, violations);
    await visit(page, `/classes/${fiveA}/letters`, violations);
    await visit(page, '/account', violations);
    expect(violations).toEqual([]);
  });

  test('the admins’ pages, dialogs and charts run without a violation', async ({ page, violations }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, SCHOOL_ADMIN);
    const me = (await (await page.request.get('/api/auth/me')).json()) as CurrentUser;
    await visit(page, `/schools/${me.schoolId ?? ''}`, violations);
    await visit(page, '/staff', violations);
    await page.getByRole('button', { name: ru.staff.add }).click();
    await expect(page.getByRole('dialog', { name: ru.staffForm.createTitle })).toBeVisible();
    await page.screenshot({ path: shot('staff-dialog') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: ru.shell.signOut }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, DISTRICT_ADMIN);
    await visit(page, '/reports/district', violations);
    await page.screenshot({ path: shot('district-report'), fullPage: true });
    await visit(page, '/schools', violations);
    await visit(page, '/reports/keys', violations);
    expect(violations).toEqual([]);
  });

  test('the setup page runs without a violation', async ({ page, violations }) => {
    const admin = await apiAs(SCHOOL_ADMIN);
    const me = (await (await admin.get('/api/auth/me')).json()) as CurrentUser;
    const created = await admin.post('/api/staff', {
      data: {
        email: `csp-${Date.now()}@sferum-demo.test`,
        fullName: 'Тестова Ирина Павловна',
        role: 'teacher',
        schoolId: me.schoolId,
      },
    });
    expect(created.status()).toBe(201);
    const { setupLink } = (await created.json()) as StaffWithSetupLink;
    await admin.dispose();

    await visit(page, setupLink.path, violations);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Здравствуйте, Ирина Павловна!');
    await expectMantineStyled(page);
    expect(violations).toEqual([]);
  });

  test.describe('the parent page', () => {
    const family = { classId: '', id: '', studentId: '', link: '' };

    test.beforeAll(async () => {
      const admin = await apiAs(SCHOOL_ADMIN);
      family.classId = await classId(admin, '1А');
      const created = await admin.post(`/api/classes/${family.classId}/students`, {
        data: { displayName: 'Политикин Савва', parents: [{ displayName: 'Политикина Алла' }] },
      });
      expect(created.status()).toBe(201);
      const rosterFamily = (await created.json()) as RosterFamily;
      family.id = rosterFamily.id;
      family.studentId = rosterFamily.students[0]?.id ?? '';
      const issued = await admin.post(`/api/classes/${family.classId}/invites`, { data: { familyIds: [family.id] } });
      expect(issued.ok()).toBe(true);
      family.link = ((await issued.json()) as FamilyInvite[])[0]?.link ?? '';
      expect(family.link).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
      await admin.dispose();
    });

    // Leave the demo school as we found it: other specs count its people.
    test.afterAll(async () => {
      const admin = await apiAs(SCHOOL_ADMIN);
      const roster = (await (await admin.get(`/api/classes/${family.classId}/roster`)).json()) as ClassRoster;
      const ours = roster.families.find((f) => f.id === family.id);
      for (const person of [...(ours?.students ?? []), ...(ours?.parents ?? [])]) {
        expect((await admin.post(`/api/people/${person.id}/archive`, { data: { version: person.version } })).ok()).toBe(
          true,
        );
      }
      await admin.dispose();
    });

    test('allows no script and only its own stylesheet, which applies, and its forms post', async ({
      page,
      violations,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const response = await page.goto(new URL(family.link).pathname);
      expect(response?.status()).toBe(200);
      const headers = response?.headers() ?? {};
      expectCommonHeaders(headers);
      const policy = parsePolicy(headers['content-security-policy']);
      expectNoOtherOrigin(policy);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('script-src')).toBeUndefined();
      expect(policy.get('style-src')).toEqual([expect.stringMatching(/^'sha256-[A-Za-z0-9+/]+=*'$/)]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);

      // The hash matches the inline stylesheet: the page's own background, not the browser's white.
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(244, 246, 250)');
      await page.screenshot({ path: shot('parent-page') });
      await page.getByRole('button', { name: parentRu.parentPage.actions.done }).first().click();
      await expect(page).toHaveURL(/saved=/);
      await expect(page.getByText(parentRu.parentPage.saved).first()).toBeVisible();
      expect(violations).toEqual([]);
    });

    test('refuses a form posted from another site, and saves nothing', async ({ request: anonymous }) => {
      const path = new URL(family.link).pathname;
      const form = { person: family.studentId, item: 'step:school_profile', action: 'done' };
      const stepOf = async () => {
        const admin = await apiAs(SCHOOL_ADMIN);
        const roster = (await (await admin.get(`/api/classes/${family.classId}/roster`)).json()) as ClassRoster;
        await admin.dispose();
        const student = roster.families.find((f) => f.id === family.id)?.students[0];
        return student?.steps.find((step) => step.step === 'school_profile')?.status;
      };
      const crossSite = await anonymous.post(path, {
        form,
        headers: { 'sec-fetch-site': 'cross-site' },
        maxRedirects: 0,
      });
      expect(crossSite.status()).toBe(404);
      expect(await stepOf()).toBe('not_started');
      // The same form from the page itself is saved: the refusal was the header's doing.
      const sameOrigin = await anonymous.post(path, {
        form,
        headers: { 'sec-fetch-site': 'same-origin' },
        maxRedirects: 0,
      });
      expect(sameOrigin.status()).toBe(303);
      expect(await stepOf()).toBe('done');
    });

    test('its 404 for an unknown link has the same policy', async ({ page, violations }) => {
      const response = await page.goto('/p/this-link-was-never-issued-0000000000000000');
      expect(response?.status()).toBe(404);
      const policy = parsePolicy(response?.headers()['content-security-policy']);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(244, 246, 250)');
      expect(violations).toEqual([]);
    });
  });

  test('the API documentation renders under the API’s own policy, forwarded by the web app', async ({
    page,
    violations,
  }) => {
    const response = await page.goto('/api/docs');
    expect(response?.status()).toBe(200);
    const policy = parsePolicy(response?.headers()['content-security-policy']);
    expectNoOtherOrigin(policy);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    await expect(page.locator('.swagger-ui .info .title')).toContainText('Sferum Onboarding Tracker API');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('sends HSTS only when the request came over HTTPS', async ({ request: anonymous }) => {
    const overHttps = { 'x-forwarded-proto': 'https' };
    for (const pathname of ['/login', '/en', '/p/this-link-was-never-issued-0000000000000000']) {
      expect(
        (await anonymous.get(pathname, { headers: overHttps })).headers()['strict-transport-security'],
        pathname,
      ).toBe(HSTS);
      expect((await anonymous.get(pathname)).headers()['strict-transport-security'], pathname).toBeUndefined();
    }
  });
});
