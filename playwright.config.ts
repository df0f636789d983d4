import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
const chromiumPath = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
    {
      // The same specs against the desktop app; skipped with the reason where Electron's
      // binary is missing (it cannot be downloaded on these machines).
      name: 'electron',
      use: { viewport: { width: 1440, height: 900 } },
    },
  ],
})
