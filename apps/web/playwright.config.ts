import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Paths resolve from this file, so the run works from any directory.
const workspaceRoot = path.resolve(__dirname, '../..');

export default defineConfig({
  testDir: path.join(__dirname, 'e2e'),
  outputDir: path.join(workspaceRoot, '.data/playwright'),
  globalSetup: path.join(__dirname, 'e2e/global-setup.ts'),
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: path.join(workspaceRoot, '.data/test-results/web-e2e.json') }]],
  use: {
    // Set by global-setup once the stack answers; read lazily by each test worker.
    baseURL: process.env.E2E_BASE_URL,
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's Chromium: Playwright's own browser downloads cannot work here.
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
});
