import { cpus, hostname } from 'node:os'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Locator, Page } from '@playwright/test'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'
import { openSampleWorkspace } from './sample'
import {
  generateSampleWorkspace,
  THIS_MACHINE,
  type SampleDevice,
} from '../src/main/services/inventory/sample/sample-workspace'
import {
  canRunSshd,
  startSshd,
  TEST_PASSWORD,
  TEST_USER,
  type TestSshd,
} from '../src/main/testing/sshd'
import { formatBytes } from '../src/renderer/src/features/inventory/device-detail/format'
import { expect, test } from './fixtures'

const cannotRunSshd = canRunSshd()
const MASTER = 'correct horse battery staple'

/*
 * The workspace "Open sample workspace" writes: seed 1 and the default size. Serials, IPs,
 * names and health depend on the seed alone, so the test can pick real values from it.
 */
const sample = generateSampleWorkspace({
  seed: 1,
  ...DEFAULT_SAMPLE,
  now: Date.now(),
  local: { user: 'e2e', platform: 'linux', timeZone: 'UTC' },
})

/** A device whose serial is one plain token, searched whole. */
const bySerial = sample.devices.find((d) => /^[A-Z0-9]{7,}$/.test(d.values.serial ?? ''))
/** The sample devices with an address containing `fragment`. */
const withAddress = (fragment: string): SampleDevice[] =>
  sample.devices.filter((d) =>
    [...d.values.localIps, d.values.publicIp ?? ''].some((ip) => ip.includes(fragment)),
  )
/** A device whose IP, without its first octet, matches only a handful of devices. */
const byIp = sample.devices.find((d) => {
  const fragment = ipFragment(d)
  return fragment !== null && withAddress(fragment).length <= 8
})
/** A client with a few devices that have patches pending: every one fits on the screen. */
const patchyClient = sample.clients.find((client) => {
  const pending = sample.devices.filter(
    (d) => d.values.clientId === client.id && (d.values.patchesPending ?? 0) > 0,
  ).length
  return pending >= 2 && pending <= 10
})

function ipFragment(device: SampleDevice): string | null {
  const ip = device.values.localIps[0]
  return ip ? ip.split('.').slice(1).join('.') : null
}

/** What the machine under test really has, as the probe reads it. */
function thisMachine() {
  const osRelease = readFileSync('/etc/os-release', 'utf8')
  const prettyName = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'missing'
  const memTotalKb = Number(
    /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1],
  )
  return { prettyName, ramBytes: memTotalKb * 1024, cpuModel: cpus()[0]?.model.trim() ?? '' }
}

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The data rows of the device table (the header row holds column headers). */
const dataRows = (page: Page): Locator =>
  page
    .getByRole('grid', { name: 'Devices' })
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') })

const rowOf = (page: Page, name: string): Locator =>
  dataRows(page).filter({
    has: page.getByRole('gridcell', { name: new RegExp(`^${escapeRe(name)}$`) }),
  })

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search devices', { exact: true }).fill(text)
}

/** Waits for a shell prompt in the newest terminal. */
async function expectPrompt(page: Page): Promise<void> {
  const terminal = page.locator('[data-testid^="terminal-"]').last()
  await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 15_000 })
  await expect
    .poll(async () => (await terminal.locator('.xterm-rows > div').allTextContents()).join('\n'), {
      timeout: 15_000,
    })
    .toMatch(new RegExp(`${TEST_USER}@[^:\\s]+:~\\$`))
}

test.describe('Inventory', () => {
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')
  let sshd: TestSshd

  test.beforeEach(async () => {
    sshd = await startSshd()
  })
  test.afterEach(async () => {
    await sshd?.stop()
  })

  test('sample workspace, search, filters, a device refreshed over SSH with its history, and a session', async ({
    app,
  }) => {
    test.setTimeout(240_000)
    const { page } = app
    if (!bySerial || !byIp || !patchyClient) throw new Error('the sample has no suitable devices')
    const machine = thisMachine()

    // ---- first start: the offer opens the sample workspace ----
    await openSampleWorkspace(page)

    // ---- search a serial, then an IP fragment ----
    await search(page, bySerial.values.serial ?? '')
    await expect(rowOf(page, bySerial.values.hostname)).toBeVisible()
    await expect(dataRows(page)).toHaveCount(1)
    const fragment = ipFragment(byIp) ?? ''
    await search(page, fragment)
    await expect(rowOf(page, byIp.values.hostname)).toBeVisible()
    await expect(dataRows(page)).toHaveCount(withAddress(fragment).length)

    // ---- filter by client and "patches pending": every row is that client's, with patches ----
    await search(page, '')
    const filters = page.getByRole('group', { name: 'Device filters' })
    await filters.getByLabel('Client', { exact: true }).selectOption({ label: patchyClient.name })
    await filters
      .getByLabel('Patches pending', { exact: true })
      .selectOption({ label: 'Patches pending' })
    const expected = sample.devices.filter(
      (d) => d.values.clientId === patchyClient.id && (d.values.patchesPending ?? 0) > 0,
    )
    await expect(dataRows(page)).toHaveCount(expected.length)
    for (const row of await dataRows(page).all()) {
      await expect(
        row.getByRole('gridcell', { name: patchyClient.name, exact: true }),
      ).toBeVisible()
      await expect(row.getByRole('gridcell', { name: /^[\d,]+ pending$/ })).toBeVisible()
    }
    await filters.getByRole('button', { name: 'Clear filters' }).click()

    // ---- open "this-machine" and point it at the test sshd, its password in the vault ----
    await search(page, THIS_MACHINE)
    await rowOf(page, THIS_MACHINE).click()
    await expect(page.getByRole('heading', { level: 1, name: THIS_MACHINE })).toBeVisible()
    // Beside it, the context panel: its client, its site's clock and the client's open tickets.
    const panel = page.getByRole('complementary', { name: 'Context panel' })
    const lab = sample.devices.find((d) => d.values.hostname === THIS_MACHINE)
    const labClient = sample.clients.find((c) => c.id === lab?.values.clientId)
    await expect(panel.getByRole('region', { name: 'Client' })).toContainText(
      labClient?.name ?? '?',
    )
    await expect(panel.getByTestId('site-clock')).toHaveText(/^Local time \S+ \d/)
    await expect(panel.getByTestId('site-open-state')).toHaveText(
      /^(Open · closes |Closed · opens |Open around the clock)/,
    )
    await expect(panel.getByRole('region', { name: /^Open tickets \(\d+\)$/ })).toBeVisible()
    await page.getByRole('button', { name: 'Edit', exact: true }).click()
    const edit = page.getByRole('dialog', { name: `Edit ${THIS_MACHINE}` })
    await edit.getByLabel('SSH host').fill('127.0.0.1')
    await edit.getByLabel('SSH port').fill(String(sshd.port))
    await edit.getByLabel('SSH user').fill(TEST_USER)
    await edit.getByRole('button', { name: 'Set up vault' }).click()
    await page.getByLabel('Master passphrase').fill(MASTER)
    await page.getByLabel('Confirm passphrase').fill(MASTER)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await edit.getByRole('button', { name: 'New credential' }).click()
    // Made for this device, it is scoped to the device's client: main sends it nowhere else.
    await expect(page.getByLabel('Scope', { exact: true })).toHaveValue('client')
    await expect(page.getByLabel('Client', { exact: true }).locator('option:checked')).toHaveText(
      labClient?.name ?? '?',
    )
    await page.getByLabel('Credential name').fill('Lab sshd')
    await page.getByLabel('Username').fill(TEST_USER)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Save credential' }).click()
    // A credential made from the dialog is chosen for the device.
    await expect(
      edit.getByLabel('Credential', { exact: true }).locator('option:checked'),
    ).toHaveText(`Lab sshd (${TEST_USER})`)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    const network = page.getByRole('tab', { name: 'Network' })
    await network.click()
    await expect(page.getByRole('region', { name: 'Management endpoints' })).toContainText(
      `${TEST_USER}@127.0.0.1:${sshd.port}`,
    )
    await page.getByRole('tab', { name: 'Overview' }).click()

    // ---- refresh: the unknown host key stops it, with the way out ----
    const status = page.getByTestId('refresh-status')
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await expect(status).toContainText('Refresh failed: Host key not trusted yet', {
      timeout: 30_000,
    })

    // ---- the way out is an SSH session from the device page: check the key, trust it ----
    await status.getByRole('button', { name: 'Open SSH session' }).click()
    const hostKey = page.getByRole('dialog', { name: `Trust 127.0.0.1:${sshd.port}?` })
    await expect(hostKey.getByTestId('host-key-fingerprint')).toHaveText(
      sshd.fingerprints()['ssh-ed25519'] ?? 'missing',
      { timeout: 15_000 },
    )
    await hostKey.getByRole('button', { name: 'Trust and remember' }).click()
    await expectPrompt(page)
    await expect(
      page.getByRole('tab', { name: new RegExp(`${TEST_USER}@${THIS_MACHINE}`) }),
    ).toBeVisible()

    // ---- back on the device: the refresh collects what this machine really has ----
    await page.goBack()
    await expect(page.getByRole('heading', { level: 1, name: THIS_MACHINE })).toBeVisible()
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await expect(status).toContainText('Inventory collected for the first time', {
      timeout: 120_000,
    })
    // The name the technician sees stays; the collected hostname is shown beside it.
    await expect(page.getByRole('heading', { level: 1, name: THIS_MACHINE })).toBeVisible()
    await expect(page.getByTestId('collected-hostname')).toHaveText(
      `collected hostname: ${hostname()}`,
    )
    await expect(page.getByRole('region', { name: 'Summary' })).toContainText(machine.prettyName)
    const hardware = page.getByRole('region', { name: 'Hardware' })
    await expect(hardware).toContainText(machine.cpuModel)
    await expect(hardware).toContainText(formatBytes(machine.ramBytes))
    await page.getByRole('tab', { name: 'History' }).click()
    const collections = page
      .getByRole('list', { name: 'Collections, newest first' })
      .getByRole('listitem')
      .filter({
        has: page.getByRole('heading'),
      })
    await expect(collections).toHaveCount(1)
    await expect(collections.first()).toContainText('First collection')

    // ---- as if it had half the RAM last time: the next refresh records the change ----
    const db = new Database(join(app.dataDir, 'switchboard.db'))
    try {
      db.prepare(
        `UPDATE device_snapshots SET facts = json_set(facts, '$.memoryBytes',
         json_extract(facts, '$.memoryBytes') / 2)`,
      ).run()
    } finally {
      db.close()
    }
    // Shown with the unit once when both sides share it: "RAM 11.8 → 23.5 GB".
    const [before, after] = [formatBytes(machine.ramBytes / 2), formatBytes(machine.ramBytes)]
    const [beforeNumber, beforeUnit] = before.split(' ')
    const ramChange =
      beforeUnit === after.split(' ')[1]
        ? `RAM ${beforeNumber} → ${after}`
        : `RAM ${before} → ${after}`
    await page.getByRole('button', { name: 'Refresh inventory' }).click()
    await expect(status).toContainText(/Inventory refreshed: \d+ changes?/, { timeout: 120_000 })
    await expect(status).toContainText(ramChange)
    await expect(collections).toHaveCount(2)
    await expect(collections.first()).toContainText(ramChange)
    await expect(collections.last()).toContainText('First collection')

    // ---- Ctrl+K finds the device and opens another session to it ----
    await page.keyboard.press('Control+k')
    await page.getByPlaceholder('Type a command or search…').fill('Switchboard Lab')
    await page.getByRole('option', { name: `SSH to ${THIS_MACHINE}` }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible()
    // A second tab, still named after the name the technician gave, next to the first one.
    await expect(
      page.getByRole('tab', { name: new RegExp(`${TEST_USER}@${THIS_MACHINE} \\(2\\)$`) }),
    ).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('tab', { name: new RegExp(`${TEST_USER}@`) })).toHaveCount(2)
    await expectPrompt(page)

    // ---- the device list shows the collected hostname under the name, too ----
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Devices' })
      .click()
    await search(page, THIS_MACHINE)
    await expect(rowOf(page, THIS_MACHINE)).toContainText(`collected hostname: ${hostname()}`)
  })
})

/** A device whose exact hostname sits inside longer hostnames that sort before it. */
const byExactHost = sample.devices.find((d) => {
  const host = d.values.hostname.toLowerCase()
  return sample.devices.some((other) => {
    const name = other.values.hostname.toLowerCase()
    return name !== host && name.includes(host) && name < host
  })
})
/** A public address several devices share, that is no device's local address. */
const sharedPublicIp = [
  ...new Set(sample.devices.map((d) => d.values.publicIp).filter((ip) => ip !== null)),
].find(
  (ip) =>
    sample.devices.filter((d) => d.values.publicIp === ip).length >= 2 &&
    withAddress(ip).length <= 12 &&
    !sample.devices.some((d) => d.values.localIps.some((local) => local.includes(ip))),
)

test('search ranks the exact hostname first and says what matched when it is not in sight', async ({
  app,
}) => {
  const { page } = app
  if (!byExactHost || !sharedPublicIp) throw new Error('the sample has no suitable devices')
  await openSampleWorkspace(page)

  // ---- a hostname: that host first, marked as the match, before names that contain it ----
  const host = byExactHost.values.hostname
  await search(page, host)
  const first = dataRows(page).first()
  await expect(first.getByRole('gridcell', { name: host, exact: true })).toBeVisible()
  await expect(first.locator('mark')).toHaveText(host)
  await expect(dataRows(page)).toHaveCount(
    sample.devices.filter((d) => d.values.hostname.toLowerCase().includes(host.toLowerCase()))
      .length,
  )

  // ---- a public address (a hidden column): each row says it matched there ----
  await search(page, sharedPublicIp)
  const exact = sample.devices.filter((d) => d.values.publicIp === sharedPublicIp)
  await expect(dataRows(page)).toHaveCount(withAddress(sharedPublicIp).length)
  for (const row of (await dataRows(page).all()).slice(0, exact.length)) {
    await expect(
      row.getByText(`matched: public IP ${sharedPublicIp}`, { exact: true }),
    ).toBeVisible()
  }
  await page.screenshot({ path: '/tmp/search-results-public-ip.png' })
})

/** A site with a few devices, one of them with a hostname no other device has. */
const smallSite = sample.sites.find((site) => {
  const here = sample.devices.filter((d) => d.values.siteId === site.id)
  return here.length >= 2 && here.length <= 6 && here.some((d) => uniqueHost(d.values.hostname))
})
const siteDevice = sample.devices.find(
  (d) => d.values.siteId === smallSite?.id && uniqueHost(d.values.hostname),
)
function uniqueHost(hostname: string): boolean {
  const lower = hostname.toLowerCase()
  return sample.devices.filter((d) => d.values.hostname.toLowerCase() === lower).length === 1
}

/** Opens a device from the Devices section by its hostname. */
async function openDevice(page: Page, hostname: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await search(page, hostname)
  await rowOf(page, hostname).click()
  await expect(page.getByRole('heading', { level: 1, name: hostname })).toBeVisible()
}

test('a device is created, and a site renamed and removed, from the UI', async ({ app }) => {
  const { page } = app
  const client = sample.clients.find((c) => c.id === smallSite?.clientId)
  if (!smallSite || !siteDevice || !client || !bySerial?.values.serial) {
    throw new Error('the sample has no suitable site or serial')
  }
  const atSite = sample.devices.filter((d) => d.values.siteId === smallSite.id).length
  await openSampleWorkspace(page)

  // ---- New device from the devices list: bad input is refused beside its field ----
  await page.getByRole('button', { name: 'New device' }).click()
  const form = page.getByRole('dialog', { name: 'New device' })
  const hostnameField = form.getByLabel('Hostname', { exact: true })
  await expect(hostnameField).toBeFocused()
  await form.getByRole('button', { name: 'Add device' }).click()
  await expect(form.getByText('Hostname is required', { exact: true })).toBeVisible()
  await expect(form.getByText('Choose a client', { exact: true })).toBeVisible()
  await expect(hostnameField).toHaveAttribute('aria-invalid', 'true')
  await expect(hostnameField).toBeFocused()
  await hostnameField.fill('a'.repeat(10_000))
  await form.getByRole('button', { name: 'Add device' }).click()
  await expect(
    form.getByText('Use at most 253 characters (this has 10,000)', { exact: true }),
  ).toBeVisible()
  await form.getByLabel('IP addresses', { exact: true }).fill('10.99.0.7, 10.99.0.300')
  await form.getByRole('button', { name: 'Add device' }).click()
  await expect(
    form.getByText('“10.99.0.300” is not an IPv4 or IPv6 address', { exact: true }),
  ).toBeVisible()
  await page.screenshot({ path: '/tmp/new-device-errors.png' })

  // ---- filled in properly, it is created and opens ----
  const newHost = 'e2e-new-host'
  await hostnameField.fill(newHost)
  await form.getByLabel('Client', { exact: true }).selectOption({ label: client.name })
  await form.getByLabel('Site', { exact: true }).selectOption({ label: smallSite.name })
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Server' })
  await form.getByLabel('OS family', { exact: true }).selectOption({ label: 'Linux' })
  await form.getByLabel('IP addresses', { exact: true }).fill('10.99.0.7')
  // A serial another device has is refused by the service; the form says whose it is.
  await form.getByLabel('Serial number', { exact: true }).fill(bySerial.values.serial)
  await form.getByRole('button', { name: 'Add device' }).click()
  await expect(form.getByRole('alert')).toHaveText(
    `Serial ${bySerial.values.serial} already belongs to ${bySerial.values.hostname}; serials are unique`,
  )
  await form.getByLabel('Serial number', { exact: true }).fill('E2E-SERIAL-7')
  await form.getByLabel('Tags', { exact: true }).fill('e2e, manual')
  await form.getByRole('button', { name: 'Add device' }).click()
  await expect(form).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: newHost })).toBeVisible()
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
  await expect(crumbs.getByRole('link', { name: smallSite.name, exact: true })).toBeVisible()

  // ---- it is in the devices list, found by its serial, and opens from there ----
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await search(page, 'E2E-SERIAL-7')
  await expect(dataRows(page)).toHaveCount(1)
  await rowOf(page, newHost).click()
  await expect(page.getByRole('heading', { level: 1, name: newHost })).toBeVisible()

  // ---- on the client's page, New device starts with the client chosen ----
  await crumbs.getByRole('link', { name: client.name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: client.name })).toBeVisible()
  await page.getByRole('button', { name: 'New device' }).click()
  const clientForm = page.getByRole('dialog', { name: 'New device' })
  await expect(
    clientForm.getByLabel('Client', { exact: true }).locator('option:checked'),
  ).toHaveText(client.name)
  await clientForm.getByRole('button', { name: 'Cancel' }).click()
  await expect(clientForm).toBeHidden()

  // ---- a site renamed: refused when empty or too long, then shown everywhere ----
  const sites = page.getByRole('region', { name: /^Sites/ })
  await sites.getByRole('button', { name: `Edit site ${smallSite.name}`, exact: true }).click()
  const siteForm = page.getByRole('dialog', { name: `Edit ${smallSite.name}` })
  const siteName = siteForm.getByLabel('Site name', { exact: true })
  await page.screenshot({ path: '/tmp/edit-site.png' })
  await siteName.fill('')
  await siteForm.getByRole('button', { name: 'Save changes' }).click()
  await expect(siteForm.getByText('Name is required', { exact: true })).toBeVisible()
  await expect(siteName).toBeFocused()
  await siteName.fill('x'.repeat(10_000))
  await siteForm.getByRole('button', { name: 'Save changes' }).click()
  await expect(
    siteForm.getByText('Use at most 200 characters (this has 10,000)', { exact: true }),
  ).toBeVisible()
  const renamed = 'Renamed office (e2e)'
  await siteName.fill(renamed)
  await siteForm.getByRole('button', { name: 'Save changes' }).click()
  await expect(siteForm).toBeHidden()
  await expect(
    sites.getByRole('button', { name: new RegExp(`^${escapeRe(renamed)}`) }),
  ).toBeVisible()
  await expect(sites.getByText(smallSite.name, { exact: true })).toHaveCount(0)

  // ---- its business hours: unreadable ones refused beside the day, good ones kept ----
  await sites.getByRole('button', { name: `Edit site ${renamed}`, exact: true }).click()
  const hoursForm = page.getByRole('dialog', { name: `Edit ${renamed}` })
  const monday = hoursForm.getByLabel('Monday', { exact: true })
  await monday.fill('mornings')
  await hoursForm.getByRole('button', { name: 'Save changes' }).click()
  await expect(
    hoursForm.getByText('“mornings” is not hours like 08:00-17:00', { exact: true }),
  ).toBeVisible()
  await monday.fill('07:30-12:00, 13:00-16:00')
  await hoursForm.getByLabel('Saturday', { exact: true }).fill('9:00-12:00')
  await hoursForm.getByRole('button', { name: 'Save changes' }).click()
  await expect(hoursForm).toBeHidden()
  await sites.getByRole('button', { name: `Edit site ${renamed}`, exact: true }).click()
  await expect(monday).toHaveValue('07:30-12:00, 13:00-16:00')
  await expect(hoursForm.getByLabel('Saturday', { exact: true })).toHaveValue('09:00-12:00')
  await hoursForm.getByRole('button', { name: 'Cancel' }).click()

  await openDevice(page, siteDevice.values.hostname)
  await expect(crumbs.getByRole('link', { name: renamed, exact: true })).toBeVisible()

  // ---- a site removed: the dialog says what happens, the site goes, its devices stay ----
  await crumbs.getByRole('link', { name: client.name, exact: true }).click()
  await sites.getByRole('button', { name: `Remove site ${renamed}`, exact: true }).click()
  const confirm = page.getByRole('alertdialog', { name: `Remove ${renamed}?` })
  await expect(confirm).toContainText(
    `Its ${atSite + 1} devices stay with ${client.name}, without a site.`,
  )
  await expect(confirm).toContainText('Tickets filed at')
  await page.screenshot({ path: '/tmp/remove-site-confirm.png' })
  await confirm.getByRole('button', { name: 'Remove site' }).click()
  await expect(confirm).toBeHidden()
  await expect(sites.getByText(renamed, { exact: true })).toHaveCount(0)

  await openDevice(page, siteDevice.values.hostname)
  await expect(crumbs.getByRole('link')).toHaveText(['Clients', client.name])
  await openDevice(page, newHost)
  await expect(crumbs.getByRole('link')).toHaveText(['Clients', client.name])
})
