import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'
import { openSampleWorkspace } from './sample'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import { expect, test } from './fixtures'

const sections = ['Clients', 'Devices', 'Tickets', 'Vendors', 'Sessions']
const [home, ...others] = sections

test('the shell opens connected, with the store behind it', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'not-configured')
  await expect(page.getByTestId('schema-version')).toHaveText(/Store schema v\d+/)
})

test('the context panel stands beside a client, device or ticket, not beside a list', async ({
  app,
}) => {
  const { page } = app
  const panel = page.getByRole('complementary', { name: 'Context panel' })
  const toggle = page.getByTitle(/^Context panel, beside/)
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(panel).toBeHidden()

  await page.getByRole('button', { name: 'Add client' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add client' })
  await dialog.getByLabel('Name').fill('Harbour Dental')
  await dialog.getByLabel('Short code').fill('HD')
  await dialog.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour Dental' })).toBeVisible()
  await expect(panel.getByRole('region', { name: 'Client' })).toContainText('Harbour Dental')

  await page.keyboard.press('Control+.')
  await expect(panel).toBeHidden()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await toggle.click()
  await expect(panel).toBeVisible()
})

test('every section is reachable from the navigation and from Alt+digit', async ({ app }) => {
  const { page } = app
  const nav = page.getByRole('navigation', { name: 'Sections' })
  // Clients is where the app opens, so it comes last: every click is a real navigation.
  for (const label of [...others, home]) {
    await nav.getByRole('link', { name: label }).click()
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeFocused()
  }
  for (const [index, label] of sections.entries()) {
    await page.keyboard.press(`Alt+Digit${index + 1}`)
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
  }
})

test('the command palette opens with Ctrl+K and runs what is chosen', async ({ app }) => {
  const { page } = app
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog')
  await expect(palette).toBeVisible()
  await page.keyboard.type('vendors')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible()

  await page.keyboard.press('Control+k')
  await page.keyboard.type('nothing-matches-this')
  await expect(page.getByText('Nothing matches.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(palette).toBeHidden()
})

/*
 * The workspace "Open sample workspace" writes (seed 1, the default size): names, codes and
 * hostnames depend on the seed alone, so the test can type real ones.
 */
const sample = generateSampleWorkspace({
  seed: 1,
  ...DEFAULT_SAMPLE,
  now: Date.now(),
  local: { user: 'e2e', platform: 'linux', timeZone: 'UTC' },
})
/** A client whose short code starts no other client's code. */
const byCode = sample.clients.find(
  (client) =>
    !sample.clients.some(
      (other) =>
        other !== client &&
        other.shortCode.toLowerCase().startsWith(client.shortCode.toLowerCase()),
    ),
)
/** A hostname inside longer hostnames that sort before it: main's hostname order is not enough. */
const byHost = sample.devices.find((d) => {
  const host = d.values.hostname.toLowerCase()
  return sample.devices.some((other) => {
    const name = other.values.hostname.toLowerCase()
    return name !== host && name.includes(host) && name < host
  })
})

/** Opens the palette and types into it. */
async function typeInPalette(page: Page, text: string) {
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await palette.getByPlaceholder('Type a command or search…').fill(text)
  return palette
}

test('the palette ranks an exact match first, then commands, clients, devices, tickets', async ({
  app,
}) => {
  const { page } = app
  if (!byCode || !byHost) throw new Error('the sample has no suitable client or device')
  await openSampleWorkspace(page)
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark')

  // ---- a command by its words, in any order: first, and Enter runs it ----
  let palette = await typeInPalette(page, 'dark theme')
  let first = palette.getByRole('option').first()
  await expect(first).toHaveText('Theme: Dark')
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  // "theme" lists the theme commands first, whatever tickets mention it.
  palette = await typeInPalette(page, 'theme')
  await expect(palette.getByRole('option').nth(0)).toHaveText('Theme: Light')
  await expect(palette.getByRole('option').nth(1)).toHaveText('Theme: Dark')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')

  // ---- a client's short code: that client first, the code marked, Enter opens it ----
  palette = await typeInPalette(page, byCode.shortCode.toLowerCase())
  first = palette.getByRole('option').first()
  await expect(first).toContainText(byCode.name)
  await expect(first.locator('mark')).toHaveText(byCode.shortCode)
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: byCode.name })).toBeVisible()

  // ---- a whole hostname: that device first, the hostname marked as what matched ----
  const host = byHost.values.hostname
  palette = await typeInPalette(page, host)
  first = palette.getByRole('option').first()
  await expect(first.locator('mark')).toHaveText(host)
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(palette.getByText('Best match', { exact: true })).toBeVisible()
  await page.screenshot({ path: '/tmp/palette-hostname.png' })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: host })).toBeVisible()

  // ---- a whole IP: that device first, its address marked ----
  const ip = byHost.values.localIps[0]
  if (ip) {
    palette = await typeInPalette(page, ip)
    first = palette.getByRole('option').first()
    await expect(first).toContainText(host)
    await expect(first.locator('mark')).toHaveText(ip)
    await page.keyboard.press('Escape')
  }

  // ---- a ticket number: that ticket first, and Enter opens it ----
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  const link = page.getByRole('link', { name: /^T-[0-9A-Z]{4}-\d{4,}$/ }).first()
  const number = (await link.textContent()) ?? ''
  palette = await typeInPalette(page, number)
  first = palette.getByRole('option').first()
  await expect(first).toHaveText(`Go to ticket ${number}`)
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('ticket-number')).toHaveText(number)
})

test('a setting round-trips through the contract into the SQLite file and survives a restart', async ({
  app,
}) => {
  const { page } = app
  await page.keyboard.press('Control+k')
  await page.keyboard.type('Theme: Dark')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')

  const toggle = page.getByTitle(/^Context panel, beside/)
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')

  await expect
    .poll(() => {
      const db = new Database(join(app.dataDir, 'switchboard.db'), { readonly: true })
      try {
        return db.prepare('SELECT key, value FROM settings ORDER BY key').all()
      } finally {
        db.close()
      }
    })
    .toEqual([
      { key: 'ui.contextPanelOpen', value: 'false' },
      { key: 'ui.theme', value: '"dark"' },
    ])

  await app.restart()
  await expect(app.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(app.page.getByTitle(/^Context panel, beside/)).toHaveAttribute(
    'aria-pressed',
    'false',
  )
})

test('the status bar shows a lost host and recovers when it is back', async ({ app }) => {
  test.skip(app.mode === 'electron', 'the desktop app has no separate host process to lose')
  const { page } = app
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
  await app.restart()
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})

test('Enter in the palette runs the best match even while its sources are still answering', async ({
  app,
}) => {
  const { page } = app
  // Devices and tickets answer from main after each keystroke; Enter must not wait for them.
  await openSampleWorkspace(page)
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  for (const theme of ['Dark', 'Light', 'Dark', 'Light', 'Dark', 'Light'] as const) {
    await page.keyboard.press('Control+k')
    await expect(palette).toBeVisible()
    await page.keyboard.type(`Theme: ${theme}`)
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase())
  }
  for (const section of ['Vendors', 'Tickets', 'Clients', 'Sessions', 'Devices']) {
    await page.keyboard.press('Control+k')
    await page.keyboard.type(`go to ${section}`, { delay: 5 })
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
  }
})
