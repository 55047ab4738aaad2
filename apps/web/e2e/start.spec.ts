import net from 'node:net';
import os from 'node:os';
import { expect, test } from '@playwright/test';

/** The first address of this machine that other machines could reach, if it has one. */
function networkAddress(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const outside = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (outside) return outside.address;
  }
  return null;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

test.describe('npm start (tools/stack.mjs)', () => {
  test('serves the web app on loopback only, and its pages without redirect loops', async ({ request }) => {
    const base = new URL(process.env.E2E_BASE_URL ?? '');
    const port = Number(base.port);
    expect(base.hostname).toBe('localhost');
    expect(await connects('127.0.0.1', port)).toBe(true);
    const outside = networkAddress();
    test.skip(outside === null, 'this machine has no network address to try');
    expect(await connects(outside ?? '', port), `the web app must not answer on ${outside}`).toBe(false);

    // Bound to loopback, Next once took its own locale rewrite for an external one: `/` redirected to itself.
    for (const path of ['/', '/login', '/p']) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
    }
  });

  test('has a favicon, and a page logs no failed request in the browser console', async ({ page, request }) => {
    const icon = await request.get('/favicon.ico');
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');

    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    for (const path of ['/', '/login', '/p']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(failures).toEqual([]);
  });
});
