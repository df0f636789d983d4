import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { mulberry32 } from '../../../../shared/base/seeded-random'
import { generateSampleWorkspace, THIS_MACHINE, type SampleOptions } from './sample-workspace'
import { writeSampleWorkspace } from './sample-writer'
import { keepSampleCurrent } from './sample-clock'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

const NOW = 1_760_000_000_000
const options = (overrides: Partial<SampleOptions> = {}): SampleOptions => ({
  seed: 7,
  clients: 60,
  devices: 4000,
  now: NOW,
  local: { user: 'alice', platform: 'linux', timeZone: 'Europe/Berlin' },
  ...overrides,
})

describe('sample workspace generator', () => {
  it('gives the same workspace, ids included, for the same seed', () => {
    const a = generateSampleWorkspace(options())
    const b = generateSampleWorkspace(options())
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    const other = generateSampleWorkspace(options({ seed: 8 }))
    expect(other.devices[5]?.values.hostname).not.toBe(a.devices[5]?.values.hostname)
    expect(other.clients[1]?.id).not.toBe(a.clients[1]?.id)
  })

  it('makes exactly the clients and devices asked for, with unique serials', () => {
    const w = generateSampleWorkspace(options())
    expect(w.clients).toHaveLength(60)
    expect(w.devices).toHaveLength(4000)
    const serials = w.devices.map((d) => d.values.serial).filter((s) => s !== null)
    expect(new Set(serials).size).toBe(serials.length)
    expect(new Set(w.clients.map((c) => c.shortCode)).size).toBe(60)
    const hostnames = w.devices.map((d) => `${d.values.clientId}/${d.values.hostname}`)
    expect(new Set(hostnames).size).toBe(hostnames.length)
  })

  it('includes this machine, reachable over SSH on 127.0.0.1:22 as the local user', () => {
    const w = generateSampleWorkspace(options())
    const local = w.devices.filter((d) => d.values.hostname === THIS_MACHINE)
    expect(local).toHaveLength(1)
    expect(local[0]?.values).toMatchObject({
      sshHost: '127.0.0.1',
      sshPort: 22,
      sshUser: 'alice',
      osFamily: 'linux',
      lastSeenAt: null,
    })
    expect(w.sites.find((s) => s.id === local[0]?.values.siteId)?.timeZone).toBe('Europe/Berlin')
  })

  it('mixes roles, systems, time zones and health the way a real MSP’s fleet does', () => {
    const w = generateSampleWorkspace(options())
    const devices = w.devices.map((d) => d.values)
    const share = (predicate: (d: (typeof devices)[number]) => boolean) =>
      devices.filter(predicate).length / devices.length
    for (const role of ['workstation', 'server', 'network', 'printer'] as const) {
      expect(
        share((d) => d.role === role),
        role,
      ).toBeGreaterThan(0.03)
    }
    for (const name of [
      'Windows 11',
      'Windows 10',
      'Windows Server',
      'Ubuntu',
      'Debian',
      'Red Hat',
    ]) {
      expect(
        share((d) => (d.osName ?? '').includes(name)),
        name,
      ).toBeGreaterThan(0.002)
    }
    expect(share((d) => d.osFamily === 'macos')).toBeGreaterThan(0.01)
    expect(new Set(w.sites.map((s) => s.timeZone)).size).toBeGreaterThanOrEqual(6)
    expect(share((d) => d.lastSeenAt === null || d.lastSeenAt < NOW - 86_400_000)).toBeGreaterThan(
      0.08,
    )
    expect(share((d) => (d.patchesPending ?? 0) > 0)).toBeGreaterThan(0.15)
    expect(share((d) => d.avStatus === 'disabled')).toBeGreaterThan(0.01)
    expect(
      share((d) => d.backupProduct !== null && (d.backupLastSuccessAt ?? 0) < NOW - 2 * 86_400_000),
    ).toBeGreaterThan(0.005)
    expect(
      share(
        (d) =>
          d.warrantyEndAt !== null &&
          d.warrantyEndAt > NOW &&
          d.warrantyEndAt < NOW + 90 * 86_400_000,
      ),
    ).toBeGreaterThan(0.01)
    const industries = w.clients.map((c) => c.name).join(' | ')
    expect(industries).toMatch(/Dental|Orthodontics/)
    expect(industries).toMatch(/LLP|Law|Legal/)
    expect(industries).toMatch(/Manufacturing|Tool & Die|Metalworks|Plastics|Industrial/)
    // Addresses are private or from the documentation ranges, never someone's real network.
    for (const d of devices) {
      for (const ip of d.localIps) expect(ip).toMatch(/^10\./)
      if (d.publicIp) expect(d.publicIp).toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\./)
    }
  })

  it('generates 30k devices well under ten seconds', () => {
    const started = performance.now()
    generateSampleWorkspace(options({ clients: 300, devices: 30_000 }))
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('uses mulberry32 exactly (the published reference function gives these for seed 1)', () => {
    const next = mulberry32(1)
    expect([next(), next(), next()].map((x) => x.toFixed(10))).toEqual([
      '0.6270739406',
      '0.0027357212',
      '0.5274470400',
    ])
  })
})

describe('sample workspace in the store', () => {
  it('is offered on an empty store only, and then searchable', () => {
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => NOW } }))
    open.push(s)
    expect(s.inventory.summary()).toMatchObject({
      empty: true,
      clients: 0,
      devices: 0,
      sample: null,
    })
    const counts = s.inventory.openSample(1)
    expect(counts).toMatchObject({ clients: 120, devices: 6000 })
    expect(s.inventory.summary()).toMatchObject({
      empty: false,
      clients: 120,
      devices: 6000,
      sample: { seed: 1, generatedAt: NOW },
    })
    expect(() => s.inventory.openSample(1)).toThrow(/already has 120 clients/)
    const local = s.inventory.searchDevices({
      query: THIS_MACHINE,
      sort: { column: 'hostname', direction: 'asc' },
      limit: 5,
      offset: 0,
    })
    expect(local.rows.map((r) => r.hostname)).toEqual([THIS_MACHINE])
  })

  it('replaces an existing inventory only when asked', () => {
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => NOW } }))
    open.push(s)
    writeSampleWorkspace(s.store, generateSampleWorkspace(options({ clients: 5, devices: 50 })), {
      replace: false,
    })
    const next = generateSampleWorkspace(options({ seed: 9, clients: 8, devices: 80 }))
    expect(() => writeSampleWorkspace(s.store, next, { replace: false })).toThrow(/already has 5/)
    writeSampleWorkspace(s.store, next, { replace: true })
    expect(s.inventory.summary()).toMatchObject({ clients: 8, devices: 80, sample: { seed: 9 } })
    expect(
      s.store.db
        .prepare("SELECT count(*) FROM device_search_words WHERE device_search_words MATCH 'lab'")
        .pluck()
        .get(),
    ).toBe(1)
  })
})

describe('sample workspace over time', () => {
  const HOUR = 3_600_000
  const statusMix = (s: Services) => {
    const { online, stale, offline } = s.inventory.summary()
    return { online, stale, offline }
  }

  it('keeps its online, stale and offline mix while the app stays open and when it reopens', () => {
    let now = NOW
    const dir = tempDir()
    const s = createServices(testHostPorts(dir, { clock: { now: () => now } }))
    open.push(s)
    s.inventory.openSample(1)
    const atLoad = statusMix(s)
    expect(atLoad.online).toBeGreaterThan(atLoad.stale)
    expect(atLoad.stale).toBeGreaterThan(0)
    expect(atLoad.offline).toBeGreaterThan(0)

    // 15 minutes is the shortest online threshold a sample client has; hours go by.
    for (const later of [16 * 60_000, 3 * HOUR, 9 * HOUR]) {
      now = NOW + later
      expect(statusMix(s)).toEqual(atLoad)
    }
    const onlinePage = s.inventory.searchDevices({
      status: 'online',
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1,
      offset: 0,
    })
    expect(onlinePage.total).toBe(atLoad.online)
    const seen = onlinePage.rows[0]?.lastSeenAt ?? 0
    expect(now - seen).toBeLessThan(15 * 60_000)
    s.dispose()
    open.splice(open.indexOf(s), 1)

    // Opened again two days later: still the same mix.
    now = NOW + 2 * 24 * HOUR
    const reopened = createServices(testHostPorts(dir, { clock: { now: () => now } }))
    open.push(reopened)
    expect(statusMix(reopened)).toEqual(atLoad)
  })

  it('leaves the times of a device the technician changed after loading it', () => {
    let now = NOW
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => now } }))
    open.push(s)
    s.inventory.openSample(1)
    const [row] = s.inventory.searchDevices({
      status: 'online',
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1,
      offset: 0,
    }).rows
    if (!row) throw new Error('the sample has online devices')
    now = NOW + 60_000
    s.inventory.updateDevice({ id: row.id, lastSeenAt: NOW - 60_000 })
    now = NOW + 60 * 24 * HOUR
    const after = s.inventory.getDevice(row.id)
    expect(after.lastSeenAt).toBe(NOW - 60_000)
    expect(after.status).toBe('offline')
  })
  it('leaves the times alone once the inventory syncs with a team', () => {
    let now = NOW
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => now } }))
    open.push(s)
    s.inventory.openSample(1)
    s.store.db.prepare('INSERT INTO inventory_capture (singleton) VALUES (1)').run()
    now = NOW + HOUR
    expect(keepSampleCurrent(s.store, now)).toBe(0)
    expect(s.store.db.prepare('SELECT count(*) FROM inventory_outbox').pluck().get()).toBe(0)
    s.store.db.prepare('DELETE FROM inventory_capture').run()
    expect(keepSampleCurrent(s.store, now)).toBeGreaterThan(5000)
  })
})
