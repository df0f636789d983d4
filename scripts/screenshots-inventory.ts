/**
 * The inventory screenshots under docs/: the device table on the sample workspace, a device
 * page (light and dark), the palette's device search, and, where a test sshd can run (root),
 * a real refresh of the lab device with its change history.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { settle, theme } from './screenshot-page'
import { canRunSshd, startSshd, TEST_PASSWORD, TEST_USER } from '../src/main/testing/sshd'

const MASTER = 'correct horse battery staple'

async function openDevice(page: Page, hostname: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await page.getByLabel('Search devices', { exact: true }).fill(hostname)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: hostname, exact: true })
    .click()
  await page.getByRole('heading', { level: 1, name: hostname }).waitFor()
}

/** Takes the inventory pictures on a fresh host whose Devices page offers the sample. */
export async function shootInventory(page: Page, dataDir: string): Promise<string[]> {
  const written: string[] = []
  const shot = async (name: string): Promise<void> => {
    await settle(page)
    await page.screenshot({ path: `docs/${name}` })
    written.push(`docs/${name}`)
  }

  await page.keyboard.press('Escape')
  await theme(page, 'Light')
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await page.getByRole('button', { name: 'Open sample workspace' }).click()
  await page.getByText('6,000 devices', { exact: true }).waitFor({ timeout: 30_000 })
  await shot('inventory-devices.png')

  await openDevice(page, 'ACA-FS01')
  await shot('inventory-device.png')

  await theme(page, 'Dark')
  await page.getByRole('tab', { name: 'Hardware' }).click()
  await shot('inventory-device-dark.png')

  await page.keyboard.press('Control+k')
  await page.getByPlaceholder('Type a command or search…').fill('10.11.2')
  await page.getByRole('option', { name: /^ACA-APP01/ }).waitFor()
  await shot('inventory-palette.png')
  await page.keyboard.press('Escape')

  const cannot = canRunSshd()
  if (cannot) {
    console.log(`skipped docs/inventory-history.png: ${cannot}`)
    return written
  }
  // A real collection of this machine through the lab device, then one more after its stored
  // RAM is halved, so the history shows a baseline and a change as a technician would see.
  const sshd = await startSshd()
  try {
    await theme(page, 'Light')
    await openDevice(page, 'this-machine')
    await page.getByRole('button', { name: 'Edit', exact: true }).click()
    const edit = page.getByRole('dialog', { name: 'Edit this-machine' })
    await edit.getByLabel('SSH host').fill('127.0.0.1')
    await edit.getByLabel('SSH port').fill(String(sshd.port))
    await edit.getByLabel('SSH user').fill(TEST_USER)
    await edit.getByRole('button', { name: 'Set up vault' }).click()
    await page.getByLabel('Master passphrase').fill(MASTER)
    await page.getByLabel('Confirm passphrase').fill(MASTER)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await edit.getByRole('button', { name: 'New credential' }).click()
    await page.getByLabel('Credential name').fill('Lab sshd')
    await page.getByLabel('Username').fill(TEST_USER)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Save credential' }).click()
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await edit.waitFor({ state: 'hidden' })

    const status = page.getByTestId('refresh-status')
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await status.getByRole('button', { name: 'Open SSH session' }).click({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Trust and remember' }).click({ timeout: 15_000 })
    await page
      .locator('[data-testid^="terminal-"][data-session-state="connected"]')
      .waitFor({ timeout: 15_000 })
    await page.goBack()
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await status.getByText('Inventory collected').waitFor({ timeout: 180_000 })
    const db = new Database(join(dataDir, 'switchboard.db'))
    try {
      db.prepare(
        `UPDATE device_snapshots SET facts = json_set(facts, '$.memoryBytes',
         json_extract(facts, '$.memoryBytes') / 2)`,
      ).run()
    } finally {
      db.close()
    }
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await status.getByText(/Inventory refreshed/).waitFor({ timeout: 180_000 })
    await page.getByRole('tab', { name: 'History' }).click()
    await shot('inventory-history.png')
  } finally {
    await sshd.stop()
  }
  return written
}
