import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'
import { startHeadlessProcess, type RunningHost } from './headless-process'

interface Opened {
  host: RunningHost
  dataDir: string
  context: BrowserContext
  page: Page
}

let opened: Opened | undefined

test.afterEach(async () => {
  await opened?.context.close()
  await opened?.host.stop()
  opened = undefined
})

async function openHost(
  sharedBrowser: Browser | null,
  workerDir: string,
  testInfo: TestInfo,
): Promise<Opened> {
  // Only the browser-mode page has a launch token; the desktop app talks over its preload.
  test.skip(!sharedBrowser, 'browser mode only')
  if (!sharedBrowser) throw new Error('browser mode only')
  const dataDir = mkdtempSync(join(workerDir, 'token-'))
  const host = await startHeadlessProcess(dataDir)
  const context = await sharedBrowser.newContext(testInfo.project.use)
  opened = { host, dataDir, context, page: await context.newPage() }
  return opened
}

async function expectTokenPage(page: Page, why: RegExp, secrets: string[]): Promise<void> {
  await expect(
    page.getByRole('heading', { name: 'This page needs the link with its access token' }),
  ).toBeVisible()
  await expect(page.getByText(why)).toBeVisible()
  await expect(page.getByText('npm run web', { exact: true })).toBeVisible()
  await expect(page.getByText('Loading clients')).toHaveCount(0)
  const text = await page.locator('body').innerText()
  for (const secret of secrets) expect(text).not.toContain(secret)
  await expectAccessible(page, 'the access token page')
}

test.describe('browser mode without its launch token', () => {
  test('a page opened without the token says so and how to get the link', async ({
    sharedBrowser,
    workerDir,
  }, testInfo) => {
    const { host, page } = await openHost(sharedBrowser, workerDir, testInfo)
    await page.goto(`http://127.0.0.1:${host.port}/`)
    await expectTokenPage(page, /has no access token/, [host.token])
  })

  test('a wrong token is refused with the same help, never shown', async ({
    sharedBrowser,
    workerDir,
  }, testInfo) => {
    const { host, page } = await openHost(sharedBrowser, workerDir, testInfo)
    const wrong = 'not-the-launch-token-0123456789'
    await page.goto(`http://127.0.0.1:${host.port}/#token=${wrong}`)
    await expectTokenPage(page, /did not accept the access token/, [host.token, wrong])
  })

  test('the right token still opens the app, and a later launch link replaces a stale one', async ({
    sharedBrowser,
    workerDir,
  }, testInfo) => {
    const { host, page } = await openHost(sharedBrowser, workerDir, testInfo)
    await page.goto(`http://127.0.0.1:${host.port}/#token=stale-token-from-an-earlier-launch`)
    await expectTokenPage(page, /did not accept the access token/, [host.token])
    // Pasting the printed link into the same tab is enough: no new tab, no cleared storage.
    await page.goto(host.url)
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
    await expect(page.getByRole('heading', { name: /access token/ })).toHaveCount(0)
  })

  test('an open page whose host was launched again, with a new token, says so', async ({
    sharedBrowser,
    workerDir,
  }, testInfo) => {
    const run = await openHost(sharedBrowser, workerDir, testInfo)
    const { page } = run
    await page.goto(run.host.url)
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
    const stale = run.host.token
    await run.host.stop()
    run.host = await startHeadlessProcess(run.dataDir, run.host.port)
    // The page retries with backoff (at most 5 s apart) before it can tell a refusal from a
    // host that is still starting.
    await expect(
      page.getByRole('heading', { name: 'This page needs the link with its access token' }),
    ).toBeVisible({ timeout: 15_000 })
    await expectTokenPage(page, /did not accept the access token/, [stale, run.host.token])
  })
})
