/**
 * Issue 15 §4: a device list exported, edited in a spreadsheet and imported again in update
 * mode updates the devices it came from instead of rejecting them as duplicate serials.
 */
import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'
import { openSampleWorkspace } from './sample'
import { openCsv } from '../src/main/services/inventory/csv/csv-reader'
import { csvLine } from '../src/main/services/inventory/csv/csv-writer'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import { formatBytes } from '../src/renderer/src/features/inventory/device-detail/format'
import { expect, test } from './fixtures'

/* The workspace "Open sample workspace" writes: seed 1 and the default size. */
const sample = generateSampleWorkspace({
  seed: 1,
  ...DEFAULT_SAMPLE,
  now: Date.now(),
  local: { user: 'e2e', platform: 'linux', timeZone: 'UTC' },
})
/** A device found by its serial alone, with a RAM size in whole gigabytes. */
const device = sample.devices.find(
  (d) =>
    /^[A-Z0-9]{7,}$/.test(d.values.serial ?? '') &&
    d.values.ramBytes !== null &&
    d.values.ramBytes % 1024 ** 3 === 0,
)

/** Opens the importer from an empty Devices page with `lines` as the chosen file. */
async function importFile(page: Page, name: string, lines: string[]): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await page.getByRole('button', { name: 'Import CSV' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Import devices from CSV' })
  await dialog.getByLabel('CSV file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  })
  return dialog
}

test('an exported device list imports back in update mode: one updated, one created, one rejected', async ({
  app,
}) => {
  const { page } = app
  if (!device) throw new Error('the sample has no suitable device')
  const serial = device.values.serial ?? ''
  const ramGb = (device.values.ramBytes ?? 0) / 1024 ** 3
  await openSampleWorkspace(page)
  await page.getByLabel('Search devices', { exact: true }).fill(serial)
  await expect(
    page.getByRole('grid', { name: 'Devices' }).getByRole('gridcell', {
      name: device.values.hostname,
      exact: true,
    }),
  ).toBeVisible()

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const exported = readFileSync(await (await downloading).path())

  // The spreadsheet edit: the device gets more RAM, a new device and a broken row are added.
  const file = openCsv(exported)
  const records = [...file.records()]
  expect(records).toHaveLength(1)
  const column = (name: string): number => file.headers.indexOf(name)
  const edited = [...(records[0]?.fields ?? [])]
  expect(edited[column('RAM (GB)')]).toBe(String(ramGb))
  edited[column('RAM (GB)')] = String(ramGb * 2)
  const extra = (hostname: string, serialNumber: string, ip: string): string[] =>
    file.headers.map((header, i) =>
      header === 'Hostname'
        ? hostname
        : header === 'Serial Number'
          ? serialNumber
          : header === 'IP Address'
            ? ip
            : header === 'Client'
              ? (edited[i] ?? '')
              : '',
    )
  const text = [
    csvLine(file.headers),
    csvLine(edited),
    csvLine(extra('e2e-new-01', 'E2ENEW0001', '10.77.0.1')),
    csvLine(extra('e2e-broken', 'E2ENEW0002', '10.77.0.999')),
  ].join('')

  await page.getByRole('button', { name: 'Import CSV' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Import devices from CSV' })
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'devices.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  })
  const table = dialog.getByRole('table', { name: 'Column mapping and preview' })
  // In create mode the exported device is a duplicate serial.
  await expect(table.getByRole('row').nth(1)).toContainText(`serial: ${serial} already belongs to`)

  await dialog.getByLabel('Update devices that already exist').check()
  await expect(dialog.getByRole('status', { name: 'What the rows would do' })).toHaveText(
    'Of the first 3 rows: 1 create, 1 update, 1 rejected.',
  )
  const rows = table.getByRole('row')
  await expect(rows.nth(1)).toContainText(`RAM: ${ramGb} GB → ${ramGb * 2} GB`)
  await expect(rows.nth(2)).toContainText('Create')
  await expect(rows.nth(3)).toContainText('ip: "10.77.0.999" is not an IP address')
  await page.screenshot({ path: '/tmp/import-results/update-preview.png' })

  await dialog.getByRole('button', { name: 'Import 3 rows' }).click()
  await expect(dialog.getByRole('status')).toHaveText(
    '1 device imported, 1 device updated, 1 row rejected.',
  )
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()

  // The device has the new RAM size; the new one is there.
  await page.getByLabel('Search devices', { exact: true }).fill('e2e-new-01')
  await expect(
    page
      .getByRole('grid', { name: 'Devices' })
      .getByRole('gridcell', { name: 'e2e-new-01', exact: true }),
  ).toBeVisible()
  await page.getByLabel('Search devices', { exact: true }).fill(serial)
  await page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('gridcell', { name: device.values.hostname, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: device.values.hostname })).toBeVisible()
  await expect(page.getByText(formatBytes(ramGb * 2 * 1024 ** 3)).first()).toBeVisible()
})

test('a client the file names but the inventory lacks is created from the preview', async ({
  app,
}) => {
  const { page } = app
  const dialog = await importFile(page, 'harbor.csv', [
    'Computer Name,Customer,Serial Number',
    'hpc-front-01,Harbor Point Clinic,HPC-0001',
    'hpc-lab-02,harbor point clinic,HPC-0002',
  ])
  const rows = dialog.getByRole('table', { name: 'Column mapping and preview' }).getByRole('row')
  await expect(rows.nth(1)).toContainText('client: no client has the id, short code or name')
  const offers = dialog.getByRole('group', { name: 'Clients not found' })
  await expect(offers).toContainText('2 rows')
  const code = offers.getByLabel('Short code for Harbor Point Clinic')
  await expect(code).toHaveValue('HPC')
  await code.fill('HARBOR')
  await offers.getByLabel('Create client “Harbor Point Clinic”').check()
  await expect(rows.nth(1)).toContainText('OK')
  await expect(rows.nth(2)).toContainText('OK')
  await page.screenshot({ path: '/tmp/import-results/new-client-preview.png' })

  await dialog.getByRole('button', { name: 'Import 2 rows' }).click()
  await expect(dialog.getByRole('status')).toHaveText('2 devices imported, 1 client created.')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Clients' })
    .click()
  await expect(page.getByText('Harbor Point Clinic').first()).toBeVisible()
  await expect(page.getByText('HARBOR').first()).toBeVisible()
})

test('a day/month/year file is read day first, as its dates decide, and its times in the zone picked', async ({
  app,
}) => {
  const { page } = app
  const dialog = await importFile(page, 'europe.csv', [
    'Hostname,Customer,Warranty End,Last Seen',
    // 03/04 alone could be 4 March; 25/12 and 13/01 can only be day first.
    'eu-01,Harbor Point Clinic,03/04/2027,01/02/2026 09:30',
    'eu-02,Harbor Point Clinic,25/12/2027,13/01/2026 17:00',
  ])
  await dialog.getByLabel('Create client “Harbor Point Clinic”').check()
  const order = dialog.getByLabel('Date order')
  await expect(order).toHaveValue('dmy')
  await expect(dialog).toContainText('Found from the file’s dates.')
  // The new client has no site to take a zone from; the technician says the times are Berlin's.
  const zone = dialog.getByLabel('Times without a zone are in')
  await expect(zone).toHaveValue('')
  await zone.selectOption('Europe/Berlin')
  await expect(zone).toHaveValue('Europe/Berlin')
  await page.screenshot({ path: '/tmp/import-results/date-order.png' })
  await dialog.getByRole('button', { name: 'Import 2 rows' }).click()
  await expect(dialog.getByRole('status')).toHaveText('2 devices imported, 1 client created.')
  await dialog.getByRole('button', { name: 'Done' }).click()

  // The stored dates, as the export writes them back.
  await page.getByLabel('Search devices', { exact: true }).fill('eu-0')
  await expect(
    page
      .getByRole('grid', { name: 'Devices' })
      .getByRole('gridcell', { name: 'eu-02', exact: true }),
  ).toBeVisible()
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = openCsv(readFileSync(await (await downloading).path()))
  const at = (name: string): number => file.headers.indexOf(name)
  expect(
    [...file.records()].map((r) => [
      r.fields[at('Hostname')],
      r.fields[at('Warranty End')],
      r.fields[at('Last Seen')],
    ]),
  ).toEqual([
    ['eu-01', '2027-04-03', '2026-02-01T08:30:00.000Z'],
    ['eu-02', '2027-12-25', '2026-01-13T16:00:00.000Z'],
  ])
})
