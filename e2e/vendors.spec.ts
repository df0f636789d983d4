import type { Page } from '@playwright/test'
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
