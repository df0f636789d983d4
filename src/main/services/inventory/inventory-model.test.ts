import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '..'
import { testHostPorts } from '../../testing/host-ports'
import { useTempDirs } from '../../testing/temp-dir'
import { generateSampleWorkspace } from './sample/sample-workspace'
import { writeSampleWorkspace } from './sample/sample-writer'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

const NOW = 1_760_000_000_000
const MINUTE = 60_000
const DAY = 86_400_000

function services(now = NOW): Services {
  const s = createServices(testHostPorts(tempDir(), { clock: { now: () => now } }))
  open.push(s)
  return s
}

function client(s: Services, shortCode = 'ACME', extra = {}) {
  return s.inventory.createClient({
    name: `${shortCode} Corp`,
    shortCode,
    contractTier: 'Standard',
    notes: '',
    onlineMinutes: 15,
    staleMinutes: 60,
    ...extra,
  })
}

const statusOf = (s: Services, id: string) => s.inventory.getDevice(id).status

describe('device status', () => {
  it('is derived from last seen against the client’s thresholds, exactly at the edges', () => {
    const s = services()
    const c = client(s)
    const cases: Array<[number | null, 'online' | 'stale' | 'offline']> = [
      [NOW + 5 * MINUTE, 'online'], // a clock a little ahead
      [NOW, 'online'],
      [NOW - 15 * MINUTE, 'online'],
      [NOW - 15 * MINUTE - 1, 'stale'],
      [NOW - 60 * MINUTE, 'stale'],
      [NOW - 60 * MINUTE - 1, 'offline'],
      [NOW - 400 * DAY, 'offline'],
      [null, 'offline'],
    ]
    const ids = cases.map(
      ([lastSeenAt], i) =>
        s.inventory.createDevice({ clientId: c.id, hostname: `host-${i}`, lastSeenAt }).id,
    )
    cases.forEach(([, expected], i) =>
      expect(statusOf(s, ids[i] as string), `case ${i}`).toBe(expected),
    )
    const count = (status: 'online' | 'stale' | 'offline') =>
      s.inventory.searchDevices({
        status,
        sort: { column: 'status', direction: 'asc' },
        limit: 100,
        offset: 0,
      }).total
    expect([count('online'), count('stale'), count('offline')]).toEqual([3, 2, 3])
    expect(s.inventory.summary()).toMatchObject({ online: 3, stale: 2, offline: 3, devices: 8 })
  })

  it('follows a change of the client’s thresholds and a move to another client', () => {
    const s = services()
    const strict = client(s, 'STRICT')
    const relaxed = client(s, 'RELAX', { onlineMinutes: 120, staleMinutes: 2000 })
    const d = s.inventory.createDevice({
      clientId: strict.id,
      hostname: 'pc',
      lastSeenAt: NOW - 30 * MINUTE,
    })
    expect(statusOf(s, d.id)).toBe('stale')
    s.inventory.updateClient(strict.id, { onlineMinutes: 45 })
    expect(statusOf(s, d.id)).toBe('online')
    s.inventory.updateClient(strict.id, { onlineMinutes: 5, staleMinutes: 10 })
    expect(statusOf(s, d.id)).toBe('offline')
    s.inventory.updateDevice({ id: d.id, clientId: relaxed.id })
    expect(s.inventory.getDevice(d.id)).toMatchObject({
      status: 'online',
      onlineMinutes: 120,
      staleMinutes: 2000,
    })
  })
})

describe('client rollups', () => {
  it('count offline devices, pending patches, failing backups and expiring warranties', () => {
    const s = services()
    const a = client(s, 'A')
    const b = client(s, 'B')
    client(s, 'EMPTY')
    const add = (clientId: string, hostname: string, fields: Record<string, unknown>) =>
      s.inventory.createDevice({ clientId, hostname, lastSeenAt: NOW, ...fields })
    add(a.id, 'a1', { lastSeenAt: null })
    add(a.id, 'a2', { lastSeenAt: NOW - 2 * DAY, patchesPending: 3 })
    add(a.id, 'a3', { patchesPending: 0, backupProduct: 'Veeam', backupLastSuccessAt: NOW - DAY })
    add(a.id, 'a4', { backupProduct: 'Veeam', backupLastSuccessAt: NOW - 49 * 3_600_000 })
    add(a.id, 'a5', { backupProduct: 'Datto', backupLastSuccessAt: null })
    add(a.id, 'a6', { backupLastSuccessAt: null, warrantyEndAt: NOW + 89 * DAY })
    add(a.id, 'a7', { warrantyEndAt: NOW - DAY }) // expired: not "expiring"
    add(a.id, 'a8', { warrantyEndAt: NOW + 91 * DAY })
    add(b.id, 'b1', { patchesPending: 12, warrantyEndAt: NOW })
    s.inventory.createSite(a.id, { name: 'HQ', address: '', timeZone: 'Europe/Berlin' })

    const rollups = Object.fromEntries(
      s.inventory.listClients().map((c) => [c.shortCode, c.rollup]),
    )
    expect(rollups).toEqual({
      A: {
        devices: 8,
        offline: 2,
        patchesPending: 1,
        backupsFailing: 2,
        warrantiesExpiring: 1,
        sites: 1,
      },
      B: {
        devices: 1,
        offline: 0,
        patchesPending: 1,
        backupsFailing: 0,
        warrantiesExpiring: 1,
        sites: 0,
      },
      EMPTY: {
        devices: 0,
        offline: 0,
        patchesPending: 0,
        backupsFailing: 0,
        warrantiesExpiring: 0,
        sites: 0,
      },
    })
    expect(s.inventory.getClient(a.id).rollup).toEqual(rollups.A)
    expect(s.inventory.listClients('empt').map((c) => c.shortCode)).toEqual(['EMPTY'])
  })

  it('agree with the generated data, client by client', () => {
    const s = services()
    const workspace = generateSampleWorkspace({
      seed: 3,
      clients: 25,
      devices: 1500,
      now: NOW,
      local: { user: 'me', platform: 'linux', timeZone: 'UTC' },
    })
    writeSampleWorkspace(s.store, workspace, { replace: false })
    for (const c of s.inventory.listClients()) {
      const devices = workspace.devices.map((d) => d.values).filter((d) => d.clientId === c.id)
      const seenWithin = (d: (typeof devices)[number]) =>
        d.lastSeenAt !== null && d.lastSeenAt + c.staleMinutes * MINUTE >= NOW
      expect(c.rollup, c.name).toEqual({
        devices: devices.length,
        offline: devices.filter((d) => !seenWithin(d)).length,
        patchesPending: devices.filter((d) => (d.patchesPending ?? 0) > 0).length,
        backupsFailing: devices.filter(
          (d) => d.backupProduct !== null && (d.backupLastSuccessAt ?? 0) < NOW - 2 * DAY,
        ).length,
        warrantiesExpiring: devices.filter(
          (d) =>
            d.warrantyEndAt !== null && d.warrantyEndAt >= NOW && d.warrantyEndAt <= NOW + 90 * DAY,
        ).length,
        sites: workspace.sites.filter((site) => site.clientId === c.id).length,
      })
    }
  })
})

describe('clients, sites and devices', () => {
  it('keeps short codes unique regardless of case', () => {
    const s = services()
    client(s, 'ACME')
    expect(() => client(s, 'acme')).toThrow(/already used by ACME Corp/)
  })

  it('refuses to delete a client with devices unless asked, then removes everything', () => {
    const s = services()
    const c = client(s)
    const d = s.inventory.createDevice({ clientId: c.id, hostname: 'gone-1', serial: 'SER1' })
    expect(() => s.inventory.deleteClient(c.id, false)).toThrow(/still has 1 devices/)
    expect(s.inventory.deleteClient(c.id, true)).toEqual({ id: c.id, devicesDeleted: 1 })
    expect(() => s.inventory.getDevice(d.id)).toThrow(/No such device/)
    expect(
      s.inventory.searchDevices({
        query: 'gone',
        sort: { column: 'hostname', direction: 'asc' },
        limit: 10,
        offset: 0,
      }).total,
    ).toBe(0)
  })

  it('checks site ownership, credentials and serial uniqueness with clear errors', () => {
    const s = services()
    const a = client(s, 'A')
    const b = client(s, 'B')
    const siteOfB = s.inventory.createSite(b.id, { name: 'B HQ', address: '', timeZone: 'UTC' })
    expect(() =>
      s.inventory.createDevice({ clientId: a.id, hostname: 'x', siteId: siteOfB.id }),
    ).toThrow(/belongs to another client/)
    expect(() =>
      s.inventory.createDevice({ clientId: a.id, hostname: 'x', credentialId: 'nope' }),
    ).toThrow(/No such credential/)
    s.inventory.createDevice({ clientId: a.id, hostname: 'first', serial: '5CG1234ABC' })
    expect(() =>
      s.inventory.createDevice({ clientId: b.id, hostname: 'second', serial: '5cg1234abc' }),
    ).toThrow(/already belongs to first/)
    expect(() => s.inventory.createDevice({ clientId: 'missing', hostname: 'x' })).toThrow(
      /No such client/,
    )
  })

  it('keeps search in step with edits, renames and deletes', () => {
    const s = services()
    const c = client(s, 'OLD')
    const d = s.inventory.createDevice({
      clientId: c.id,
      hostname: 'reception-pc',
      localIps: ['10.20.30.40'],
    })
    const hits = (query: string) =>
      s.inventory.searchDevices({
        query,
        sort: { column: 'hostname', direction: 'asc' },
        limit: 10,
        offset: 0,
      }).total
    expect([hits('reception'), hits('20.30'), hits('OLD')]).toEqual([1, 1, 1])
    s.inventory.updateDevice({ id: d.id, hostname: 'frontdesk-pc', localIps: ['192.168.7.9'] })
    expect([hits('reception'), hits('frontdesk'), hits('20.30'), hits('168.7')]).toEqual([
      0, 1, 0, 1,
    ])
    s.inventory.updateClient(c.id, { name: 'Brandnew Dental', shortCode: 'NEW' })
    expect([hits('OLD'), hits('brandnew'), hits('NEW')]).toEqual([0, 1, 1])
    s.inventory.deleteDevices([d.id])
    expect(hits('frontdesk')).toBe(0)
  })

  it('stores sites with their time zone and default business hours', () => {
    const s = services()
    const c = client(s)
    const site = s.inventory.createSite(c.id, {
      name: 'Berlin',
      address: 'Torstraße 1',
      timeZone: 'Europe/Berlin',
    })
    expect(site.businessHours).toMatchObject({
      timeZone: 'Europe/Berlin',
      weekly: { mon: [{ open: '08:00', close: '17:00' }] },
    })
    const moved = s.inventory.updateSite(site.id, { timeZone: 'America/New_York' })
    expect(moved.businessHours.timeZone).toBe('America/New_York')
    expect(s.inventory.listSites(c.id).map((x) => x.name)).toEqual(['Berlin'])
  })

  it('writes every change and its audit row together', () => {
    const s = services()
    const c = client(s)
    s.inventory.createDevice({ clientId: c.id, hostname: 'x' })
    expect(s.audit.list({ limit: 10 }).map((e) => e.action)).toEqual([
      'inventory.createDevice',
      'inventory.createClient',
    ])
  })
})
