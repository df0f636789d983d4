/**
 * Team sync in the browser: the real team server (a child process on PGlite, started as an
 * administrator would), and installations that are each their own headless host on their own
 * data dir, driven by their own Chromium context. Everything a test starts is stopped, and its
 * dirs removed, when the test ends, passed or failed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { startTcpProxy, type TcpProxy } from '../src/main/testing/tcp-proxy'
import {
  startTeamServerChild,
  TEAM_TEST_PASSWORD,
  totpCode,
  type TeamServerChild,
} from '../src/main/testing/team-server-child'
import { appStarted, expect, test as base } from './fixtures'
import { startHeadlessProcess, type RunningHost } from './headless-process'

export { TEAM_TEST_PASSWORD }

const VAULT_PASSPHRASE = 'a vault passphrase for the e2e team'

/** One technician's computer: a headless host and the page showing its app. */
export interface Installation {
  page: Page
  host: RunningHost
  dataDir: string
}

export interface TeamWorld {
  server: TeamServerChild
  /** A new installation with its vault set up (the team sign-in is kept in it). */
  installation(): Promise<Installation>
  /** A proxy to the team server that the test can cut and restore. */
  proxy(): Promise<TcpProxy>
}

export const test = base.extend<{ team: TeamWorld }>({
  team: async ({ sharedBrowser, workerDir }, use, testInfo) => {
    if (!sharedBrowser) {
      testInfo.skip(true, 'several installations side by side run in browser mode only')
      return
    }
    const cleanups: Array<() => Promise<void> | void> = []
    const server = await startTeamServerChild()
    cleanups.push(() => server.kill())
    const world: TeamWorld = {
      server,
      async installation() {
        const dataDir = mkdtempSync(join(workerDir, 'team-'))
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
        const host = await startHeadlessProcess(dataDir)
        cleanups.push(() => host.stop())
        const context: BrowserContext = await sharedBrowser.newContext(testInfo.project.use)
        cleanups.push(() => context.close())
        const page = await context.newPage()
        await page.goto(host.url)
        await appStarted(page)
        await setUpVault(page)
        return { page, host, dataDir }
      },
      async proxy() {
        const proxy = await startTcpProxy(Number(new URL(server.url).port))
        cleanups.push(() => proxy.close())
        return proxy
      },
    }
    try {
      await use(world)
    } finally {
      // Pages and hosts first, so nothing is mid-request when the server goes.
      for (const cleanup of cleanups.reverse()) {
        await Promise.resolve()
          .then(cleanup)
          .catch((error: unknown) => console.error('team e2e cleanup:', error))
      }
    }
  },
})

export { expect }

async function setUpVault(page: Page): Promise<void> {
  const chip = page.getByTestId('vault-status')
  await chip.getByRole('button', { name: 'Set up vault' }).click()
  await page.getByLabel('Master passphrase').fill(VAULT_PASSPHRASE)
  await page.getByLabel('Confirm passphrase').fill(VAULT_PASSPHRASE)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(chip).toHaveAttribute('data-state', 'unlocked')
}

/** The status bar's sync chip, and its popover opened. */
export async function openSyncPopover(page: Page) {
  const popover = page.getByTestId('sync-popover')
  if (!(await popover.isVisible())) {
    await page.getByTestId('sync-status').getByRole('button').click()
  }
  await expect(popover).toBeVisible()
  return popover
}

/**
 * Signs in through the dialog as a technician would: server, email, password; a code from the
 * authenticator (enrolling one first when the role needs it, with the recovery codes saved);
 * then, for an installation holding local data, the first-sync choice.
 */
export async function signInThroughUi(
  page: Page,
  input: { url: string; email: string; firstSync?: 'upload' | 'start-from-team' },
): Promise<void> {
  const popover = await openSyncPopover(page)
  await popover.getByRole('button', { name: 'Sign in…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sign in to a team server' })
  await dialog.getByLabel('Server URL').fill(input.url)
  await dialog.getByLabel('Email').fill(input.email)
  await dialog.getByLabel('Password').fill(TEAM_TEST_PASSWORD)
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click()

  // The next step, or the dialog closed (no second factor and no local data); read in one
  // go, since the dialog may close between two reads. A refusal fails here with its words.
  const steps = page.getByTestId('sync-signin')
  const stepNow = (): Promise<string> =>
    steps.evaluateAll((found) => {
      const alert = found[0]?.querySelector('[role="alert"]')?.textContent
      if (alert) return `refused: ${alert}`
      return found[0]?.getAttribute('data-step') ?? 'closed'
    })
  await expect.poll(stepNow, { timeout: 15_000 }).not.toBe('credentials')
  const step = await stepNow()
  expect(step).not.toMatch(/^refused: /)
  if (step === 'enroll-mfa') {
    // The key the dialog shows, as typed into an authenticator app.
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '')
    await page.getByLabel('First code from the app').fill(totpCode(secret))
    await page.getByRole('button', { name: 'Turn on' }).click()
    await expect(page.getByTestId('recovery-codes').getByRole('listitem')).not.toHaveCount(0)
    await page.getByLabel('I have saved them').check()
    await page.getByRole('button', { name: 'Continue' }).click()
  } else if (step === 'mfa') {
    // A returning sign-in needs the secret of an earlier enrolment; these tests start fresh.
    throw new Error('signInThroughUi covers first sign-ins only')
  }
  if (input.firstSync) {
    const first = page.getByRole('dialog', { name: 'First sync' })
    await first
      .getByRole('radio', {
        name:
          input.firstSync === 'upload'
            ? /Upload my data to the team/
            : /Start from the team’s data/,
      })
      .check()
    await first.getByRole('button', { name: 'Continue' }).click()
  }
  await expect(page.getByTestId('sync-signin')).toBeHidden({ timeout: 15_000 })
}

/** Waits until the installation has nothing left to send and says so in the status bar. */
export async function expectSynced(page: Page, timeout = 30_000): Promise<void> {
  const chip = page.getByTestId('sync-status')
  await expect(chip).toHaveAttribute('data-state', 'synced', { timeout })
  await expect(chip.getByRole('button')).not.toContainText('not yet synced', { timeout })
}

/** Opens a ticket from the All open queue, by its subject. */
export async function openTicket(page: Page, subject: string, timeout = 15_000): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  await page
    .getByRole('navigation', { name: 'Ticket queues' })
    .getByRole('button', { name: /^All open/ })
    .click()
  const row = page.getByRole('row').filter({ hasText: subject })
  await expect(row).toHaveCount(1, { timeout })
  await row.getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
}
