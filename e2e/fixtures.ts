import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  test as base,
  _electron,
  chromium,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { electronBinary } from './electron-binary'
import { startHeadlessProcess, type RunningHost } from './headless-process'

export interface AppUnderTest {
  page: Page
  mode: 'browser' | 'electron'
  dataDir: string
  /** Stops the host (or app) and starts it again on the same data, as a technician would. */
  restart(): Promise<void>
}

interface WorkerFixtures {
  workerDir: string
  /** Debian's Chromium for the browser project; null in the Electron project. */
  sharedBrowser: Browser | null
}

export const test = base.extend<{ app: AppUnderTest }, WorkerFixtures>({
  workerDir: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'))
      await use(dir)
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],

  sharedBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring
    async ({}, use, workerInfo) => {
      if (workerInfo.project.name === 'electron') return use(null)
      const browser = await chromium.launch(workerInfo.project.use.launchOptions)
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],

  app: async ({ sharedBrowser, workerDir }, use, testInfo) => {
    // A fresh data dir per test keeps tests independent of each other's settings.
    const dataDir = mkdtempSync(join(workerDir, 'test-'))

    if (!sharedBrowser) {
      const binary = electronBinary()
      if ('missing' in binary) {
        testInfo.skip(true, binary.missing)
        return
      }
      let electronApp: ElectronApplication | undefined
      const launch = async (): Promise<Page> => {
        electronApp = await _electron.launch({
          executablePath: binary.path,
          args: ['.'],
          env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir },
        })
        const page = await electronApp.firstWindow()
        await appStarted(page)
        return page
      }
      const app: AppUnderTest = {
        page: await launch(),
        mode: 'electron',
        dataDir,
        async restart() {
          await electronApp?.close()
          app.page = await launch()
        },
      }
      await use(app)
      await electronApp?.close()
      return
    }

    const context = await sharedBrowser.newContext(testInfo.project.use)
    const page = await context.newPage()
    let host: RunningHost = await startHeadlessProcess(dataDir)
    await page.goto(host.url)
    await appStarted(page)
    const app: AppUnderTest = {
      page,
      mode: 'browser',
      dataDir,
      async restart() {
        const port = host.port
        await host.stop()
        host = await startHeadlessProcess(dataDir, port)
        await page.goto(host.url)
        await appStarted(page)
      },
    }
    await use(app)
    await context.close()
    await host.stop()
  },
})

/**
 * The app's code has run: the shell (its main area has the id the boot frame's lacks) or the
 * page saying what is wrong with the link. The boot frame paints before the code is evaluated
 * (a frame later than the page's load event), and keys pressed before then reach no handler.
 */
export async function appStarted(page: Page): Promise<void> {
  await page.locator('main#main, .token-page').first().waitFor()
}

export { expect } from '@playwright/test'
