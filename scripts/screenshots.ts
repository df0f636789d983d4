/**
 * Takes the screenshots under docs/ from the built app in browser mode (Debian's Chromium).
 * Run with `npm run docs:screenshots`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHeadlessProcess } from '../e2e/headless-process'
import { chromiumArgs } from '../playwright.config'
import { shootInventory } from './screenshots-inventory'
import { shootTickets } from './screenshots-tickets'

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-shots-'))
  const host = await startHeadlessProcess(dataDir)
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    })
    await page.goto(host.url)
    await page.waitForSelector('[data-testid="connection-status"][data-status="open"]')
    await page.getByRole('link', { name: 'Devices' }).click()
    await page.mouse.move(0, 0)
    await page.screenshot({ path: 'docs/shell.png' })

    await page.keyboard.press('Control+k')
    await page.keyboard.type('Theme: Dark')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+k')
    await page.keyboard.type('go')
    await page.waitForTimeout(150) // let the palette's open animation settle for the picture
    await page.screenshot({ path: 'docs/shell-dark-palette.png' })
    console.log('wrote docs/shell.png and docs/shell-dark-palette.png')
    const inventory = await shootInventory(page, dataDir)
    console.log(`wrote ${inventory.join(', ')}`)
    const tickets = await shootTickets(page)
    console.log(`wrote ${tickets.join(', ')}`)
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
