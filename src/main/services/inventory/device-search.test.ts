import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  DeviceCreate,
  DeviceFilter,
  DeviceRow,
  DeviceSearch,
  DeviceSortColumn,
} from '../../../shared/contract'
import { createServices, type Services } from '..'
import { testHostPorts } from '../../testing/host-ports'
import { generateSampleWorkspace, type SampleWorkspace } from './sample/sample-workspace'
import { writeSampleWorkspace } from './sample/sample-writer'
import type { DeviceValues } from './device-values'
import { macDigits } from './fts-query'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// One generated workspace for the whole file: every expectation below is computed from the
// generator's own values, so the SQL is checked against an answer known independently of it.
const NOW = 1_760_000_000_000
const DAY = 86_400_000
let dir: string
let services: Services
let workspace: SampleWorkspace
let byId: Map<string, DeviceValues>
const clientOf = new Map<
  string,
  { name: string; shortCode: string; online: number; stale: number }
>()

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-search-'))
  services = createServices(testHostPorts(dir, { clock: { now: () => NOW } }))
  workspace = generateSampleWorkspace({
    seed: 11,
    clients: 40,
    devices: 3000,
    now: NOW,
    local: { user: 'tester', platform: 'linux', timeZone: 'UTC' },
  })
  writeSampleWorkspace(services.store, workspace, { replace: false })
  byId = new Map(workspace.devices.map((d) => [d.id, d.values]))
  for (const c of workspace.clients) {
    clientOf.set(c.id, {
      name: c.name,
      shortCode: c.shortCode,
      online: c.onlineMinutes,
      stale: c.staleMinutes,
    })
  }
})
afterAll(() => {
  services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const ipKey = (ip: string): string =>
  ip
    .split('.')
    .map((o) => o.padStart(3, '0'))
    .join('.')

const words = (text: string | null | undefined): string[] =>
  (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)

/** The documented meaning of one typed term (see fts-query.ts), as a plain-JS oracle. */
function matchesTerm(d: DeviceValues, term: string): boolean {
  const t = term.toLowerCase()
  const client = clientOf.get(d.clientId)
  const addresses = [...d.localIps, d.publicIp ?? '', ...d.macs.map((m) => m.replace(/:/g, ''))]
  const identifiers = [d.hostname, addresses.join(' '), [d.serial, d.assetTag].join(' ')]
  const contains = (piece: string): boolean =>
    identifiers.some((f) => f.toLowerCase().includes(piece))
  const mac = macDigits(term)
  const substring = ([...t].length >= 3 && contains(t)) || (mac !== null && contains(mac))
  if (mac !== null) return substring
  const parts = words(t)
  const plainWord = parts.length === 1 && parts[0] === t
  const allWords = [
    d.hostname,
    d.fqdn,
    d.localIps.join(' '),
    d.publicIp,
    d.serial,
    d.assetTag,
    d.loggedInUser,
    d.lastUser,
    d.tags.join(' '),
    d.osName,
    d.osVersion,
    d.manufacturer,
    d.model,
    client?.name,
    client?.shortCode,
  ].flatMap(words)
  const prefix = (p: string): boolean => allWords.some((w) => w.startsWith(p))
  if ([...t].length >= 3) return substring || (plainWord && prefix(t))
  return parts.length > 0 && parts.every(prefix)
}

function statusOf(d: DeviceValues): 'online' | 'stale' | 'offline' {
  const c = clientOf.get(d.clientId)
  if (!c || d.lastSeenAt === null) return 'offline'
  if (d.lastSeenAt + c.online * 60_000 >= NOW) return 'online'
  if (d.lastSeenAt + c.stale * 60_000 >= NOW) return 'stale'
  return 'offline'
}

function expectedIds(predicate: (d: DeviceValues) => boolean): string[] {
  return workspace.devices
    .filter((d) => predicate(d.values))
    .map((d) => d.id)
    .sort()
}

function searchAll(filter: Partial<DeviceSearch>): { total: number; rows: DeviceRow[] } {
  return services.inventory.searchDevices({
    sort: { column: 'hostname', direction: 'asc' },
    limit: 1000,
    offset: 0,
    ...filter,
  })
}

function foundIds(filter: Partial<DeviceFilter>): string[] {
  const ids: string[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = services.inventory.searchDevices({
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1000,
      offset,
      ...filter,
    })
    ids.push(...page.rows.map((r) => r.id))
    if (page.rows.length < 1000) {
      expect(ids).toHaveLength(page.total)
      break
    }
  }
  return ids.sort()
}

describe('device search on generated data', () => {
  it('finds a device by a fragment from the middle of its serial', () => {
    const device = workspace.devices.find((d) => (d.values.serial ?? '').length >= 8)
    const fragment = device?.values.serial?.slice(2, 6) ?? ''
    const expected = expectedIds((d) => matchesTerm(d, fragment))
    expect(expected).toContain(device?.id)
    expect(foundIds({ query: fragment })).toEqual(expected)
    // Case does not matter.
    expect(foundIds({ query: fragment.toLowerCase() })).toEqual(expected)
  })

  it('finds devices by an IP fragment, and only by address fields', () => {
    const ip = workspace.devices[100]?.values.localIps[0] ?? ''
    const fragment = ip.split('.').slice(0, 3).join('.')
    const expected = expectedIds((d) => matchesTerm(d, fragment))
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.every((id) => byId.get(id)?.localIps.some((a) => a.includes(fragment)))).toBe(
      true,
    )
    expect(foundIds({ query: fragment })).toEqual(expected)
    // A fragment from the middle of an address ("1.160.2" inside "10.1.160.21").
    const middle = ip.slice(1, -1)
    expect(foundIds({ query: middle })).toEqual(expectedIds((d) => matchesTerm(d, middle)))
  })

  it('finds a device by its MAC in any notation, or by any piece of it', () => {
    const device = workspace.devices.find((d) => d.values.macs.length > 0)
    const mac = device?.values.macs[0] ?? ''
    const hex = mac.replace(/:/g, '')
    for (const query of [
      mac,
      mac.toUpperCase().replace(/:/g, '-'),
      `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`,
      hex,
      mac.slice(0, 8), // the vendor's prefix
      mac.slice(-5), // the last two bytes, as printed on a label
      hex.slice(5, 9),
    ]) {
      const expected = expectedIds((d) => matchesTerm(d, query))
      expect(expected, query).toContain(device?.id)
      expect(foundIds({ query }), query).toEqual(expected)
    }
  })

  it('finds a device by a fragment of its public address', () => {
    const device = workspace.devices.find((d) => d.values.publicIp !== null)
    const fragment = device?.values.publicIp?.split('.').slice(1).join('.') ?? ''
    const expected = expectedIds((d) => matchesTerm(d, fragment))
    expect(expected).toContain(device?.id)
    expect(foundIds({ query: fragment })).toEqual(expected)
  })

  it('finds devices by a word of their OS name, and by the start of one', () => {
    for (const query of ['Ubuntu', 'debian', 'Serv', 'macOS']) {
      const expected = expectedIds((d) => matchesTerm(d, query))
      expect(expected.length, query).toBeGreaterThan(0)
      expect(foundIds({ query }), query).toEqual(expected)
    }
  })

  it('treats 1-2 character words as word prefixes and needs every word to match', () => {
    for (const query of ['db', 'w', 'ws 1', 'Dental lt']) {
      const terms = query.split(' ')
      const expected = expectedIds((d) => terms.every((t) => matchesTerm(d, t)))
      expect(foundIds({ query }), query).toEqual(expected)
    }
  })

  it('finds devices by client name, user and tag', () => {
    const withUser = workspace.devices.find((d) => d.values.loggedInUser !== null)
    for (const query of [
      workspace.clients[3]?.name.split(' ')[0] ?? '',
      withUser?.values.loggedInUser ?? '',
      'finance',
    ]) {
      expect(foundIds({ query }), query).toEqual(expectedIds((d) => matchesTerm(d, query)))
    }
  })

  it('returns nothing (not everything) for text that matches no device', () => {
    expect(searchAll({ query: 'zzqqxx' })).toEqual({ total: 0, rows: [] })
  })

  it('applies each filter exactly', () => {
    const client = workspace.clients[5]
    const site = workspace.sites.find((s) => s.clientId === client?.id)
    const cutoffBackup = NOW - 48 * 3_600_000
    const cases: Array<[Partial<DeviceFilter>, (d: DeviceValues) => boolean]> = [
      [{ clientId: client?.id }, (d) => d.clientId === client?.id],
      [{ siteId: site?.id }, (d) => d.siteId === site?.id],
      [{ role: 'server' }, (d) => d.role === 'server'],
      [{ role: 'printer' }, (d) => d.role === 'printer'],
      [{ osFamily: 'linux' }, (d) => d.osFamily === 'linux'],
      [{ osFamily: 'macos' }, (d) => d.osFamily === 'macos'],
      [{ status: 'online' }, (d) => statusOf(d) === 'online'],
      [{ status: 'stale' }, (d) => statusOf(d) === 'stale'],
      [{ status: 'offline' }, (d) => statusOf(d) === 'offline'],
      [{ patchesPending: true }, (d) => (d.patchesPending ?? 0) > 0],
      [{ patchesPending: false }, (d) => d.patchesPending === 0],
      [
        { avUnhealthy: true },
        (d) => d.avStatus !== null && ['disabled', 'outdated', 'missing'].includes(d.avStatus),
      ],
      [{ avUnhealthy: false }, (d) => d.avStatus === 'healthy'],
      [
        { backupFailing: true },
        (d) => d.backupProduct !== null && (d.backupLastSuccessAt ?? 0) < cutoffBackup,
      ],
      [{ backupFailing: false }, (d) => (d.backupLastSuccessAt ?? -1) >= cutoffBackup],
      [
        { warrantyExpiringWithinDays: 90 },
        (d) =>
          d.warrantyEndAt !== null && d.warrantyEndAt >= NOW && d.warrantyEndAt <= NOW + 90 * DAY,
      ],
      [
        { clientId: client?.id, patchesPending: true, status: 'online' },
        (d) => d.clientId === client?.id && (d.patchesPending ?? 0) > 0 && statusOf(d) === 'online',
      ],
      [
        { query: 'ubuntu', role: 'server', status: 'online' },
        (d) => matchesTerm(d, 'ubuntu') && d.role === 'server' && statusOf(d) === 'online',
      ],
    ]
    for (const [filter, predicate] of cases) {
      const expected = expectedIds(predicate)
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0)
      expect(foundIds(filter), JSON.stringify(filter)).toEqual(expected)
    }
  })

  it('sorts on several columns, both ways, with stable pages', () => {
    const nullsFirst = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number): number =>
      a === null ? (b === null ? 0 : -1) : b === null ? 1 : cmp(a, b)
    const text = (x: string, y: string): number => {
      const [a, b] = [x.toLowerCase(), y.toLowerCase()]
      return a < b ? -1 : a > b ? 1 : 0
    }
    const num = (x: number, y: number): number => x - y
    const columns: Array<
      [DeviceSortColumn, (r: DeviceRow) => string | number | null, typeof num | typeof text]
    > = [
      ['hostname', (r) => r.hostname, text],
      ['serial', (r) => r.serial, text],
      ['lastSeen', (r) => r.lastSeenAt, num],
      ['warrantyEnd', (r) => r.warrantyEndAt, num],
      ['ramBytes', (r) => r.ramBytes, num],
      ['client', (r) => r.clientName, text],
      ['osName', (r) => r.osName, text],
      ['patchesPending', (r) => r.patchesPending, num],
      ['role', (r) => r.role, text],
      [
        'ip',
        (r) => r.ip,
        (x: string, y: string) => (ipKey(x) < ipKey(y) ? -1 : ipKey(x) > ipKey(y) ? 1 : 0),
      ],
    ]
    for (const [column, key, cmp] of columns) {
      for (const direction of ['asc', 'desc'] as const) {
        const all: DeviceRow[] = []
        for (let offset = 0; offset < 3000; offset += 700) {
          all.push(
            ...services.inventory.searchDevices({
              sort: { column, direction },
              limit: 700,
              offset,
            }).rows,
          )
        }
        expect(new Set(all.map((r) => r.id)).size, column).toBe(3000)
        for (let i = 1; i < all.length; i++) {
          const a = all[i - 1] as DeviceRow
          const b = all[i] as DeviceRow
          const order = nullsFirst(key(a) as never, key(b) as never, cmp as never)
          expect(
            direction === 'asc' ? order <= 0 : order >= 0,
            `${column} ${direction} at ${i}`,
          ).toBe(true)
        }
      }
    }
  })

  it('sorts by IP numerically and by status online → stale → offline', () => {
    const byIp = searchAll({ sort: { column: 'ip', direction: 'asc' }, role: 'server' }).rows
    const numeric = (ip: string | null): number =>
      ip === null ? -1 : ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0)
    for (let i = 1; i < byIp.length; i++) {
      expect(numeric(byIp[i - 1]?.ip ?? null)).toBeLessThanOrEqual(numeric(byIp[i]?.ip ?? null))
    }
    const rank = { online: 0, stale: 1, offline: 2 }
    const byStatus = searchAll({ sort: { column: 'status', direction: 'asc' } }).rows
    for (let i = 1; i < byStatus.length; i++) {
      expect(rank[byStatus[i - 1]?.status ?? 'online']).toBeLessThanOrEqual(
        rank[byStatus[i]?.status ?? 'online'],
      )
    }
  })

  it('pages deep into a large match with the same rows as one big page', () => {
    const filter = {
      status: 'online' as const,
      sort: { column: 'lastSeen' as const, direction: 'desc' as const },
    }
    const big = services.inventory.searchDevices({ ...filter, limit: 1000, offset: 0 }).rows
    const paged = [0, 250, 500, 750].flatMap(
      (offset) => services.inventory.searchDevices({ ...filter, limit: 250, offset }).rows,
    )
    expect(paged.map((r) => r.id)).toEqual(big.map((r) => r.id))
  })

  it('pages a broad search walked from a sort index with the same rows as one big page', () => {
    // Small pages of a word most devices match walk the sort index (checked against the hits
    // in JS); one page of 1000 sorts the hits instead. Both must give the same rows in order.
    const queries = ['windows', 'w', 'ser']
    const matching = workspace.devices.filter((d) => matchesTerm(d.values, 'windows'))
    expect(matching.length).toBeGreaterThan(1000)
    // "windows" ranks nothing (no hostname, address or serial starts with it): the view's order.
    for (const direction of ['asc', 'desc'] as const) {
      const hostnames = matching.map((d) => d.values.hostname.toLowerCase()).sort()
      if (direction === 'desc') hostnames.reverse()
      const found = searchAll({
        query: 'windows',
        sort: { column: 'hostname', direction },
        limit: 30,
        offset: 60,
      })
      expect(found.total).toBe(matching.length)
      expect(found.rows.map((r) => r.hostname.toLowerCase())).toEqual(hostnames.slice(60, 90))
    }
    for (const query of queries) {
      for (const column of ['hostname', 'serial', 'ip', 'lastSeen'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const filter = { query, sort: { column, direction } }
          const big = searchAll({ ...filter, limit: 1000 })
          const paged = [0, 25, 50, 75].flatMap(
            (offset) => searchAll({ ...filter, limit: 25, offset }).rows,
          )
          const label = `${query} by ${column} ${direction}`
          expect(
            paged.map((r) => r.id),
            label,
          ).toEqual(big.rows.slice(0, 100).map((r) => r.id))
          expect(searchAll({ ...filter, limit: 25, offset: 50 }).total, label).toBe(big.total)
        }
      }
    }
  })

  it('exports the whole view, not one page, in the view’s order', () => {
    const filter: DeviceFilter = {
      role: 'workstation',
      sort: { column: 'hostname', direction: 'desc' },
    }
    const { csv, rows } = services.inventory.csvExport(filter)
    const expected = expectedIds((d) => d.role === 'workstation')
    expect(rows).toBe(expected.length)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^Hostname,Client,Site,Role,/)
    const first = searchAll({ ...filter, limit: 1 }).rows[0]
    expect(lines[1]?.startsWith(`${first?.hostname},`)).toBe(true)
  })
})

describe('ranked device search', () => {
  let rankDir: string
  let s: Services
  let clientId: string
  let otherClientId: string

  beforeAll(() => {
    rankDir = mkdtempSync(join(tmpdir(), 'switchboard-rank-'))
    s = createServices(testHostPorts(rankDir, { clock: { now: () => NOW } }))
    const client = (shortCode: string) =>
      s.inventory.createClient({
        name: `${shortCode} Corp`,
        shortCode,
        contractTier: 'Standard',
        notes: '',
        onlineMinutes: 15,
        staleMinutes: 60,
      }).id
    clientId = client('ACME')
    otherClientId = client('OTHR')
    const device = (hostname: string, values: Partial<DeviceCreate> = {}) =>
      s.inventory.createDevice({ clientId, hostname, ...values })
    // VMware guests named before "vm" in hostname order: the old order put them first.
    for (let i = 1; i <= 12; i++) {
      device(`app-${String(i).padStart(2, '0')}`, {
        manufacturer: 'VMware, Inc.',
        model: 'VMware Virtual Platform',
        localIps: [`10.9.0.${i}`],
        serial: `SN-${1000 + i}`,
      })
    }
    device('vm', { localIps: ['10.0.0.2'] })
    device('vmhost-02', { model: 'PowerEdge R650' })
    device('VM-01')
    s.inventory.createDevice({ clientId: otherClientId, hostname: 'vm-other' })
    // Addresses: 192.0.2.2 as a second local address, as a whole site's public address, and
    // as the start of longer ones.
    device('zz-second-nic', { localIps: ['10.0.0.5', '192.0.2.2'] })
    for (let i = 1; i <= 5; i++) device(`nat-${i}`, { publicIp: '192.0.2.2' })
    device('aa-longer', { localIps: ['192.0.2.25'] })
    device('ab-public-longer', { publicIp: '192.0.2.200' })
    // Serials: exact, prefix, and the same text inside a hostname.
    device('srv-x', { serial: 'ABC1234' })
    device('srv-a', { serial: 'ABC12345' })
    device('a-abc1234-b')
  })
  afterAll(() => {
    s.dispose()
    rmSync(rankDir, { recursive: true, force: true })
  })

  const page = (query: string, extra: Partial<DeviceSearch> = {}) =>
    s.inventory.searchDevices({
      query,
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1000,
      offset: 0,
      ...extra,
    })
  const hostnames = (query: string, extra: Partial<DeviceSearch> = {}) =>
    page(query, extra).rows.map((r) => r.hostname)

  it('puts the exact hostname first, then hostname prefixes, then model matches', () => {
    const result = page('vm')
    expect(result.rows.map((r) => r.hostname)).toEqual([
      'vm',
      'VM-01',
      'vm-other',
      'vmhost-02',
      ...Array.from({ length: 12 }, (_, i) => `app-${String(i + 1).padStart(2, '0')}`),
    ])
    expect(result.total).toBe(16)
    expect(result.rows[0]?.matched).toEqual({ field: 'hostname', value: 'vm', how: 'exact' })
    expect(result.rows[1]?.matched).toEqual({ field: 'hostname', value: 'VM-01', how: 'prefix' })
    expect(result.rows[4]?.matched).toEqual({
      field: 'manufacturer',
      value: 'VMware, Inc.',
      how: 'word',
    })
    // Ranked rows lead whichever way the view sorts; within a tier the view's order holds.
    expect(
      hostnames('vm', { sort: { column: 'hostname', direction: 'desc' } }).slice(0, 4),
    ).toEqual(['vm', 'vmhost-02', 'vm-other', 'VM-01'])
    // Filters still apply to the ranked rows.
    expect(hostnames('vm', { clientId: otherClientId })).toEqual(['vm-other'])
  })

  it('pages through ranked and unranked rows without repeating or skipping one', () => {
    const all = hostnames('vm')
    for (const limit of [1, 3, 5]) {
      const paged: string[] = []
      for (let offset = 0; offset < all.length; offset += limit) {
        const got = page('vm', { limit, offset })
        expect(got.total).toBe(all.length)
        paged.push(...got.rows.map((r) => r.hostname))
      }
      expect(paged, `pages of ${limit}`).toEqual(all)
    }
  })

  it('ranks an exact IP first (any local address), then the public one, then prefixes', () => {
    const result = page('192.0.2.2')
    expect(result.rows.map((r) => r.hostname)).toEqual([
      'zz-second-nic',
      'nat-1',
      'nat-2',
      'nat-3',
      'nat-4',
      'nat-5',
      'aa-longer',
      'ab-public-longer',
    ])
    expect(result.rows[0]?.matched).toEqual({ field: 'ip', value: '192.0.2.2', how: 'exact' })
    // The table shows the first address only; the match names the one that matched.
    expect(result.rows[0]?.ip).toBe('10.0.0.5')
    expect(result.rows[1]?.matched).toEqual({
      field: 'publicIp',
      value: '192.0.2.2',
      how: 'exact',
    })
    expect(result.rows[6]?.matched).toEqual({ field: 'ip', value: '192.0.2.25', how: 'prefix' })
    expect(result.rows[7]?.matched).toEqual({
      field: 'publicIp',
      value: '192.0.2.200',
      how: 'prefix',
    })
  })

  it('ranks an exact serial before a serial prefix and a hostname containing it', () => {
    const result = page('abc1234')
    expect(result.rows.map((r) => r.hostname)).toEqual(['srv-x', 'srv-a', 'a-abc1234-b'])
    expect(result.rows.map((r) => r.matched)).toEqual([
      { field: 'serial', value: 'ABC1234', how: 'exact' },
      { field: 'serial', value: 'ABC12345', how: 'prefix' },
      { field: 'hostname', value: 'a-abc1234-b', how: 'contains' },
    ])
  })

  it('says which field matched when it is not a ranked one', () => {
    expect(page('10.9.0').rows[0]?.matched).toEqual({
      field: 'ip',
      value: '10.9.0.1',
      how: 'prefix',
    })
    expect(page('OTHR').rows[0]?.matched).toEqual({
      field: 'client',
      value: 'OTHR Corp',
      how: 'word',
    })
    expect(page('poweredge').rows[0]?.matched).toEqual({
      field: 'model',
      value: 'PowerEdge R650',
      how: 'word',
    })
    // Without text, rows carry no match.
    expect(page('').rows[0]?.matched).toBeUndefined()
  })
})
