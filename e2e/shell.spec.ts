import { join } from 'node:path'
import Database from 'better-sqlite3'
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
