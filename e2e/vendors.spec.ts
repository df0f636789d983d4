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

test('a technician adds a vendor, its contact and a client account, edits and removes them', async ({
  app,
}) => {
  const { page } = app
  await openSampleWorkspace(page)
  await nav(page, 'Vendors')
  await page.getByRole('button', { name: 'Add vendor' }).click()
  const form = page.getByRole('dialog', { name: 'Add vendor' })
  await form.getByLabel('Name').fill('Nordnet Fibre')
  await form.getByLabel('Category').selectOption({ label: 'ISP / telecom' })
  // Hostile input is refused in the form, at the field, before anything is sent.
  await form.getByLabel('Support portal').fill('javascript:alert(1)')
  await form.getByRole('button', { name: 'Add vendor' }).click()
  await expect(form.getByRole('alert')).toHaveText('Use an http:// or https:// address')
  await expect(form.getByLabel('Support portal')).toHaveAttribute('aria-invalid', 'true')
  await form.getByLabel('Support portal').fill('https://portal.nordnet.example')
  await form.getByLabel('Support hours').selectOption({ label: 'Weekdays' })
  await form.getByLabel('Opens').fill('08:00')
  await form.getByLabel('Closes').fill('16:30')
  await form.getByLabel("Vendor's time zone").fill('Europe/Berlin')
  await form.getByLabel('Support lines').fill('Störungsstelle: +49 30 555 0100')
  await form
    .getByLabel('Escalation, first tier first')
    .fill('NOC: +49 30 555 0101 — first call\nAccount manager — after 4 h')
  await form.getByRole('button', { name: 'Add vendor' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nordnet Fibre' })).toBeVisible()
  await expect(page.getByText('Mon–Fri 08:00–16:30 (Europe/Berlin)')).toBeVisible()
  await expect(page.getByText('Tier 2: Account manager')).toBeVisible()

  await page.getByRole('button', { name: 'Add contact' }).click()
  const contact = page.getByRole('dialog', { name: 'Add contact' })
  await contact.getByLabel('Name').fill('Jana Weber')
  await contact.getByLabel('Email').fill('jana@nordnet.example')
  await contact.getByLabel('Preferred contact (call first)').check()
  await contact.getByRole('button', { name: 'Add contact' }).click()
  await expect(page.getByRole('img', { name: 'Preferred contact' })).toBeVisible()

  await page.getByRole('button', { name: 'Add client account' }).click()
  const account = page.getByRole('dialog', { name: 'Add client account' })
  const client = sample.clients[0]
  const clientName = client?.name ?? ''
  await account
    .getByLabel('Client')
    .selectOption({ label: `${clientName} (${client?.shortCode ?? ''})` })
  await account.getByLabel('Account number').fill('NF-77120')
  await account.getByLabel('Circuit ids').fill('DE-BER-000123')
  await account.getByRole('button', { name: 'Add account' }).click()
  const accounts = page.getByRole('table', { name: 'Client accounts' })
  await expect(
    accounts.getByRole('button', { name: 'Copy circuit id DE-BER-000123' }),
  ).toBeVisible()

  await accounts.getByRole('button', { name: `Edit ${clientName}'s account` }).click()
  const edit = page.getByRole('dialog', { name: `Edit ${clientName}'s account` })
  await edit.getByLabel('Account number').fill('NF-77121')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(accounts.getByRole('button', { name: 'Copy account number NF-77121' })).toBeVisible()

  // The search finds it by the new circuit id.
  await nav(page, 'Vendors')
  await page.getByLabel('Search vendors').fill('DE-BER')
  await expect(page.getByRole('table', { name: 'Vendors' }).getByRole('rowheader')).toHaveText([
    'Nordnet Fibre',
  ])
  await page.getByRole('link', { name: 'Nordnet Fibre' }).click()

  await page.getByRole('button', { name: 'Remove Jana Weber' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove contact' }).click()
  await expect(page.getByText('No named contacts.')).toBeVisible()
  await page.getByRole('button', { name: 'Remove Nordnet Fibre' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove vendor' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Nordnet Fibre' })).toHaveCount(0)
})

test('the command palette finds vendors by name and by a circuit number', async ({ app }) => {
  const { page } = app
  await openSampleWorkspace(page)
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  const input = palette.getByPlaceholder('Type a command or search…')
  await input.fill('KXGS')
  const vendors = palette.getByRole('group', { name: 'Vendors' })
  await expect(vendors.getByRole('option')).toHaveCount(3)
  await expect(vendors.getByRole('option').first()).toContainText(
    'Matched a contact, account, contract or circuit number',
  )
  await input.fill('fortinet')
  const best = palette.getByRole('group', { name: 'Best match' }).getByRole('option').first()
  await expect(best).toContainText('Fortinet')
  await expect(best).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Fortinet' })).toBeVisible()
})

test('renewals: contracts and warranties ending in 30, 60 or 90 days, overall or per client', async ({
  app,
}) => {
  const { page } = app
  await openSampleWorkspace(page)
  await nav(page, 'Vendors')
  await page.getByRole('link', { name: 'Renewals' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Renewals' })).toBeVisible()
  const status = page.getByRole('status').filter({ hasText: /contracts and \d+ warranties/ })
  const count = async () => {
    const [contracts = 0, warranties = 0] = ((await status.textContent()) ?? '')
      .match(/\d+/g)
      ?.map(Number) ?? [0, 0]
    return contracts + warranties
  }
  await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await expect(status).toBeVisible()
  const within30 = await count()
  await page.getByRole('button', { name: '90 days' }).click()
  await expect.poll(count).toBeGreaterThan(within30)
  await expectAccessible(page, 'the renewals view')

  const table = page.getByRole('table', { name: 'Renewals' })
  const firstClient = (await table.getByRole('rowheader').first().textContent()) ?? ''
  const name = sample.clients.find((c) => firstClient.startsWith(c.name))
  if (!name) throw new Error(`no sample client in ${firstClient}`)
  await page.getByLabel('Client').selectOption({ label: `${name.name} (${name.shortCode})` })
  await expect
    .poll(async () => [...new Set(await table.getByRole('rowheader').allTextContents())])
    .toEqual([`${name.name}${name.shortCode}`])
})
