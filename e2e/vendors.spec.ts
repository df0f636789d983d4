import type { Page } from '@playwright/test'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'
import { openSampleWorkspace } from './sample'

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click()

test('the vendor directory: search by what is in hand, filter by category, and a vendor’s page', async ({
  app,
}) => {
  const { page } = app
  await nav(page, 'Vendors')
  await expect(page.getByRole('heading', { name: 'No vendors yet' })).toBeVisible()

  await openSampleWorkspace(page)
  await nav(page, 'Vendors')
  const table = page.getByRole('table', { name: 'Vendors' })
  await expect(table.getByRole('rowheader', { name: 'Dell Technologies' })).toBeVisible()
  await expectAccessible(page, 'the vendor directory')

  // A circuit id from a line that is down finds its ISP and nothing else.
  await page.getByLabel('Search vendors').fill('KXGS')
  await expect(page.getByRole('status').filter({ hasText: /vendors?$/ })).toHaveText('3 vendors')
  for (const name of await table.getByRole('rowheader').allTextContents()) {
    expect(['Lumen Business', 'Comcast Business', 'Spectrum Enterprise']).toContain(name)
  }
  await page.getByLabel('Search vendors').fill('')
  await page.getByLabel('Category').selectOption({ label: 'Security' })
  await expect(table.getByRole('rowheader')).toHaveText(['Fortinet'])
  await page.getByLabel('Category').selectOption({ label: 'All categories' })

  await table.getByRole('link', { name: 'Dell Technologies' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dell Technologies' })).toBeVisible()
  await expect(page.getByText(/^(Open now · closes in|Opens )/).first()).toBeVisible()
  await expect(page.getByText('Mon–Fri 07:00–20:00 (America/Chicago)')).toBeVisible()
  await expect(page.getByRole('img', { name: 'Preferred contact' })).toBeVisible()
  const accounts = page.getByRole('table', { name: 'Client accounts' })
  await expect(accounts.getByRole('row').nth(1)).toBeVisible()
  await expectAccessible(page, 'a vendor page')

  // Copying an account number puts exactly it on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const copy = accounts.getByRole('button', { name: /^Copy account number / }).first()
  const number = (await copy.getAttribute('aria-label'))?.replace('Copy account number ', '')
  await copy.click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(number)

  // The portal opens through main's allowlist.
  await page
    .context()
    .route('https://www.dell.com/**', (route) =>
      route.fulfill({ contentType: 'text/plain', body: 'stand-in for the portal' }),
    )
  const popup = page.context().waitForEvent('page')
  await page.getByRole('button', { name: 'Open portal' }).click()
  await expect.poll(async () => (await popup).url()).toBe('https://www.dell.com/support')

  // A client in the accounts table leads to its page.
  const client = accounts.getByRole('rowheader').first().getByRole('link')
  const clientName = await client.textContent()
  await client.click()
  await expect(page.getByRole('heading', { level: 1, name: clientName ?? '' })).toBeVisible()
})

test('a vendor id that does not exist says so, with a way back', async ({ app }) => {
  const { page } = app
  await nav(page, 'Vendors')
  await page.evaluate(() => {
    window.location.hash = '#/vendors/no-such-vendor'
  })
  await expect(page.getByRole('heading', { name: 'Vendor not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Back to vendors' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible()
})

/* The workspace "Open sample workspace" writes (seed 1, the default size). */
const sample = generateSampleWorkspace({
  seed: 1,
  ...DEFAULT_SAMPLE,
  now: Date.now(),
  local: { user: 'e2e', platform: 'linux', timeZone: 'UTC' },
})
const dell = sample.devices.find(
  (d) => d.values.manufacturer === 'Dell Inc.' && d.values.serial && d.values.hostname,
)

test('beside a device, its maker with serial and warranty first, then the client’s ISP', async ({
  app,
}) => {
  const { page } = app
  if (!dell) throw new Error('the sample has no Dell device')
  await openSampleWorkspace(page)
  await page.getByLabel('Search devices', { exact: true }).fill(dell.values.hostname)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: dell.values.hostname, exact: true })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: dell.values.hostname })).toBeVisible()
  const vendors = page
    .getByRole('complementary', { name: 'Context panel' })
    .getByRole('region', { name: 'Vendors' })
  const cards = vendors.getByRole('article')
  await expect(cards.first()).toHaveAccessibleName('Dell Technologies')
  await expect(cards.first()).toContainText(`Warranty · ${dell.values.hostname}`)
  await expect(
    cards.first().getByRole('button', { name: `Copy serial number ${dell.values.serial}` }),
  ).toBeVisible()
  await expect(cards.first().getByText(/^Warranty (until|ended) \d{4}-\d{2}-\d{2}/)).toBeVisible()
  await expect(cards.nth(1).getByRole('button', { name: /^Copy circuit id CID / })).toBeVisible()
  await expectAccessible(page, 'a device page with its vendors beside it')

  // The card's vendor name leads to the vendor's page.
  await cards.first().getByRole('link', { name: 'Dell Technologies' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dell Technologies' })).toBeVisible()
})
