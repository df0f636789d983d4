/**
 * Issue 16: an admin assigns a client on the Team page, and the technician's installation
 * (already signed in, started empty) receives that client with its devices. The admin's
 * installation built the client by hand (a client, devices from a CSV file, a ticket) and
 * uploads it at its first sign-in.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, expectSynced, openTicket, signInThroughUi, test } from './team-fixtures'

const CLIENT = 'Northwind Dental'
const SHORT_CODE = 'NWD'
const HOSTNAMES = ['nwd-reception-01', 'nwd-xray-02', 'nwd-fileserver']
const CSV = [
  'Computer Name,IP Address,Serial Number,Customer,OS',
  `${HOSTNAMES[0]},10.20.0.11,NWD-SER-0001,${SHORT_CODE},Microsoft Windows 11 Pro`,
  `${HOSTNAMES[1]},10.20.0.12,NWD-SER-0002,${SHORT_CODE},Microsoft Windows 10 Pro`,
  `${HOSTNAMES[2]},10.20.0.2,NWD-SER-0003,${SHORT_CODE},Ubuntu 22.04`,
].join('\n')
const SUBJECT = 'X-ray workstation cannot reach the file server'
const SCREENSHOTS = '.scratch'

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name })

/** The admin's own client, as a technician would set one up: by hand and from a CSV file. */
async function buildClient(page: Page): Promise<void> {
  await section(page, 'Clients').click()
  await page.getByRole('button', { name: 'Add client' }).first().click()
  const add = page.getByRole('dialog', { name: 'Add client' })
  await add.getByLabel('Name').fill(CLIENT)
  await add.getByLabel('Short code').fill(SHORT_CODE)
  await add.getByRole('button', { name: 'Add client' }).click()
  await expect(add).toBeHidden()

  await section(page, 'Clients').click()
  await page.getByRole('button', { name: 'Import CSV' }).first().click()
  const csv = page.getByRole('dialog', { name: 'Import devices from CSV' })
  await csv.getByLabel('CSV file').setInputFiles({
    name: 'northwind.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  })
  await csv.getByRole('button', { name: `Import ${HOSTNAMES.length} rows` }).click()
  await expect(csv).toContainText(`${HOSTNAMES.length}`)
  await page.keyboard.press('Escape')
  await expect(csv).toBeHidden()

  // One open ticket on one of its devices.
  await section(page, 'Devices').click()
  await page.getByLabel('Search devices', { exact: true }).fill(HOSTNAMES[1] as string)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: HOSTNAMES[1], exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: HOSTNAMES[1] })).toBeVisible()
  await page.getByRole('tab', { name: 'Tickets' }).click()
  await page.getByRole('button', { name: 'New ticket' }).click()
  const create = page.getByRole('dialog', { name: 'New ticket' })
  await expect(create.getByTestId('chosen-client')).toHaveText(new RegExp(CLIENT))
  await create.getByLabel('Subject').fill(SUBJECT)
  await create.getByRole('button', { name: 'Create ticket' }).click()
  await expect(create).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible()
}

/** The client's devices, and only those, in the installation's device list. */
async function expectDevices(page: Page): Promise<void> {
  await section(page, 'Devices').click()
  // An empty inventory shows the first-start offer instead of the list.
  const grid = page.getByRole('grid', { name: 'Devices' })
  await expect(grid).toBeVisible()
  await expect(grid).toHaveAttribute('aria-rowcount', String(HOSTNAMES.length + 1))
  for (const hostname of HOSTNAMES) {
    await expect(grid.getByRole('gridcell', { name: hostname, exact: true })).toBeVisible()
  }
}

test('an admin assigns a client on the Team page and the technician receives its devices', async ({
  team,
}) => {
  test.setTimeout(240_000)
  const { server } = team
  const avery = await server.addTechnician({ name: 'Avery', role: 'admin' })
  const tess = await server.addTechnician({ name: 'Tess', role: 'technician' })

  const [adminApp, tessApp] = await Promise.all([team.installation(), team.installation()])
  const admin = adminApp.page
  const tech = tessApp.page

  // ---- Tess signs in first, with nothing assigned: her installation holds nothing ----
  await signInThroughUi(tech, { url: server.url, email: tess.email })
  await expectSynced(tech)
  await section(tech, 'Devices').click()
  await expect(tech.getByRole('button', { name: 'Open sample workspace' })).toBeVisible()
  // A technician has no Team page.
  await expect(section(tech, 'Team')).toHaveCount(0)

  // ---- the admin's installation: its own client, uploaded at the first sign-in ----
  await buildClient(admin)
  await signInThroughUi(admin, { url: server.url, email: avery.email, firstSync: 'upload' })
  await expectSynced(admin)

  // ---- Team page: give Tess the client ----
  await section(admin, 'Team').click()
  await expect(admin.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible()
  const technicians = admin.getByTestId('team-technicians')
  const tessRow = technicians.getByRole('row').filter({ hasText: tess.email })
  await expect(tessRow.getByRole('cell').nth(5)).toHaveText('0')
  await tessRow.getByRole('button', { name: 'Clients of Tess' }).click()
  const assign = admin.getByRole('dialog', { name: 'Clients of Tess' })
  await assign.getByLabel('Find a client').fill('north')
  await assign.getByRole('checkbox', { name: CLIENT }).check()
  await expect(assign.getByText('1 of 1 chosen')).toBeVisible()
  mkdirSync(SCREENSHOTS, { recursive: true })
  await admin.screenshot({ path: `${SCREENSHOTS}/team-assign-dialog.png` })
  await assign.getByRole('button', { name: 'Save' }).click()
  await expect(assign).toBeHidden()
  await expect(tessRow.getByRole('cell').nth(5)).toHaveText('1')

  // ---- Tess's installation receives the client's ticket, the client and its devices, with
  // nobody pressing Sync (the server pokes her installation) ----
  await openTicket(tech, SUBJECT, 30_000)
  const header = tech.locator('.tk-header')
  await expect(header.getByRole('link', { name: CLIENT })).toBeVisible({ timeout: 30_000 })
  await expect(header.getByRole('link', { name: HOSTNAMES[1] })).toBeVisible()
  await expectDevices(tech)
  await section(tech, 'Clients').click()
  await expect(tech.getByRole('link', { name: CLIENT, exact: true })).toBeVisible()
  await tech.screenshot({ path: `${SCREENSHOTS}/team-assign-technician-ticket.png` })
})
