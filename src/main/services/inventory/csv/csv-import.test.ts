import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { contract, CSV_REJECTED_KEPT_ROWS } from '../../../../shared/contract'
import { createRpcClient } from '../../../../shared/rpc/client'
import { createMemoryChannelPair } from '../../../../shared/rpc/memory'
import { createRpcServer } from '../../../../shared/rpc/server'
import { createHandlers } from '../../../handlers'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { createServices, type Services } from '../..'
import { proposeShortCode } from './csv-new-clients'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

const NOW = 1_760_000_000_000

function setup() {
  const s = createServices(testHostPorts(tempDir(), { clock: { now: () => NOW } }))
  open.push(s)
  const acme = s.inventory.createClient({
    name: 'Acme Dental',
    shortCode: 'ACME',
    contractTier: 'Standard',
    notes: '',
    onlineMinutes: 15,
    staleMinutes: 1440,
  })
  const other = s.inventory.createClient({
    name: 'Other Law LLP',
    shortCode: 'OLL',
    contractTier: 'Premium',
    notes: '',
    onlineMinutes: 15,
    staleMinutes: 1440,
  })
  s.inventory.createSite(acme.id, { name: 'HQ', address: '1 Main St', timeZone: 'UTC' })
  for (let i = 0; i < 20; i++) {
    s.inventory.createDevice({
      clientId: i % 2 ? acme.id : other.id,
      hostname: `existing-${i}`,
      serial: i === 7 ? 'EXIST-7' : `OLD-${i}`,
      localIps: [`172.16.0.${i + 1}`],
      tags: ['before'],
    })
  }
  return { s, acme, other }
}

/** A hash of everything an import must not touch: the rows that existed before it. */
function checksum(s: Services, maxSeq: number): string {
  const hash = createHash('sha256')
  for (const table of [
    `SELECT * FROM devices WHERE seq <= ${maxSeq} ORDER BY seq`,
    'SELECT * FROM clients ORDER BY id',
    "SELECT * FROM sites WHERE name = 'HQ' ORDER BY id",
    'SELECT * FROM device_snapshots ORDER BY id',
    'SELECT * FROM device_changes ORDER BY id',
  ]) {
    hash.update(JSON.stringify(s.store.db.prepare(table).all()))
  }
  return hash.digest('hex')
}

const maxSeq = (s: Services): number =>
  s.store.db.prepare('SELECT max(seq) FROM devices').pluck().get() as number

// Row numbers count the header as row 1; the quoted note on row 9 spans two lines but is one
// row, as a spreadsheet shows it.
const HEADER = 'Computer Name,IP Address,Serial Number,Customer,OS,Site,RAM,Notes'
const GOOD_AND_BAD = [
  HEADER,
  'good-1,10.0.0.1,SER-001,ACME,Microsoft Windows 11 Pro,HQ,16 GB,', // 2 ok
  ',10.0.0.2,SER-002,ACME,Ubuntu 22.04,HQ,8,', // 3 missing hostname
  'bad-ip,10.0.0.999,SER-003,acme,Ubuntu 22.04,HQ,8,', // 4 bad IP
  'dup-in-file,10.0.0.4,ser-001,ACME,,HQ,8,', // 5 duplicate of row 2
  'dup-in-store,10.0.0.5,EXIST-7,Acme Dental,,HQ,8,', // 6 duplicate of a stored device
  'short,10.0.0.6,SER-006', // 7 wrong column count
  'NONUTF8,10.0.0.7,SER-007,ACME,,HQ,8,', // 8 replaced by bytes that are not UTF-8
  '"quoted, name",10.0.0.8,SER-008,OLL,"Ubuntu ""LTS"" 24.04",Branch,32,"two', // 9 ok
  'lines"', //   (row 9 continues)
  'no-client,10.0.0.10,SER-010,Nobody Inc,,HQ,8,', // 10 unknown client
  'good-2,"10.0.0.11; fe80::1%eth0",,ACME,macOS 14,,8192 MB,', // 11 ok
  '', // 12 blank: skipped, not rejected
  'bad-ram,10.0.0.13,SER-013,ACME,,HQ,lots,', // 13 bad RAM
]

function fileBytes(lines: string[]): Buffer {
  const text = `${lines.join('\r\n')}\r\n`
  const [before, after] = text.split('NONUTF8')
  // "Caf\xE9": Latin-1, which is not UTF-8.
  return Buffer.concat([
    Buffer.from(before ?? '', 'utf8'),
    Buffer.from([0x43, 0x61, 0x66, 0xe9]),
    Buffer.from(after ?? '', 'utf8'),
  ])
}

describe('CSV preview', () => {
  it('detects headers, matches synonyms and checks the first rows', async () => {
    const { s } = setup()
    const preview = await s.inventory.csvPreview({
      base64: fileBytes(GOOD_AND_BAD).toString('base64'),
    })
    expect(preview.headers).toEqual(HEADER.split(','))
    expect(preview.delimiter).toBe(',')
    expect(preview.mapping).toEqual([
      'hostname',
      'ip',
      'serial',
      'client',
      'osName',
      'site',
      'ram',
      'notes',
    ])
    expect(preview.problems).toEqual([])
    expect(preview.totalRows).toBe(11)
    const problems = Object.fromEntries(preview.rows.map((r) => [r.row, r.problems.join(' ')]))
    expect(problems[2]).toBe('')
    expect(problems[3]).toMatch(/hostname is missing/)
    expect(problems[4]).toMatch(/10\.0\.0\.999.*not an IP address/)
    expect(problems[9]).toBe('')
    expect(preview.rows.find((r) => r.row === 9)?.cells[0]).toBe('quoted, name')
  })

  it('matches headers regardless of case, spacing and punctuation, and semicolons', async () => {
    const { s } = setup()
    const text =
      'DEVICE_NAME;ip-address;Service Tag;Warranty Expiration;Last Check-in\r\na;10.1.1.1;X;2026-01-31;2025-06-01 12:00\r\n'
    const preview = await s.inventory.csvPreview({ text })
    expect(preview.delimiter).toBe(';')
    expect(preview.mapping).toEqual(['hostname', 'ip', 'serial', 'warrantyEnd', 'lastSeen'])
    expect(preview.problems).toEqual(['Choose a client for the import, or map a column to client'])
  })
})

describe('CSV import', () => {
  it('imports the valid rows, rejects the others with row and reason, and changes nothing else', async () => {
    const { s, acme, other } = setup()
    const before = checksum(s, maxSeq(s))
    const seqBefore = maxSeq(s)
    const result = await s.inventory.csvImport({
      base64: fileBytes(GOOD_AND_BAD).toString('base64'),
      mapping: ['hostname', 'ip', 'serial', 'client', 'osName', 'site', 'ram', 'notes'],
    })
    expect(result.rejected.map((r) => [r.row, r.reason])).toEqual([
      [3, 'hostname is missing'],
      [4, 'ip: "10.0.0.999" is not an IP address'],
      [5, 'serial: ser-001 is also on row 2'],
      [6, 'serial: EXIST-7 already belongs to existing-7'],
      [7, 'The row has 3 columns; the header has 8'],
      [8, 'The row is not valid UTF-8 text; save the file as CSV UTF-8 and import it again'],
      [10, 'client: no client has the id, short code or name "Nobody Inc"'],
      [13, 'ram: "lots" is not a size such as 16 GB'],
    ])
    expect(result.rejected.find((r) => r.row === 8)?.raw).toMatch(/^Caf\uFFFD,10\.0\.0\.7/)
    expect(result.imported).toBe(3)
    expect(result.sitesCreated).toBe(1) // "Branch" for Other Law LLP
    expect(checksum(s, seqBefore)).toBe(before)

    const find = (query: string) =>
      s.inventory.searchDevices({
        query,
        sort: { column: 'hostname', direction: 'asc' },
        limit: 5,
        offset: 0,
      }).rows
    const good = s.inventory.getDevice(find('good-1')[0]?.id ?? '')
    expect(good).toMatchObject({
      clientId: acme.id,
      siteName: 'HQ',
      localIps: ['10.0.0.1'],
      serial: 'SER-001',
      osFamily: 'windows',
      ramBytes: 16 * 1024 ** 3,
    })
    const quoted = s.inventory.getDevice(find('quoted')[0]?.id ?? '')
    expect(quoted).toMatchObject({
      hostname: 'quoted, name',
      clientId: other.id,
      siteName: 'Branch',
      osName: 'Ubuntu "LTS" 24.04',
      osFamily: 'linux',
      notes: 'two\r\nlines',
    })
    expect(s.inventory.getDevice(find('good-2')[0]?.id ?? '')).toMatchObject({
      localIps: ['10.0.0.11', 'fe80::1'],
      serial: null,
      ramBytes: 8192 * 1024 ** 2,
      osFamily: 'macos',
    })
    // The rejected rows come back as a CSV to fix and import again.
    const lines = (result.rejectedCsv ?? '').trimEnd().split('\r\n')
    expect(lines[0]).toBe(`${HEADER},Error,Row`)
    expect(lines).toHaveLength(1 + 8)
    expect(lines[1]).toBe(',10.0.0.2,SER-002,ACME,Ubuntu 22.04,HQ,8,,hostname is missing,3')
    expect(s.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'inventory.csvImport',
      detail: { rejected: 8 },
    })
  })

  it('imports nothing at all when the transaction fails part-way, and keeps the schema', async () => {
    const { s, acme } = setup()
    const before = checksum(s, maxSeq(s))
    const schema = () =>
      s.store.db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()
    const schemaBefore = schema()
    // 6000 rows take the bulk path (indexes dropped and rebuilt); row 4001 fails to insert.
    s.store.db.exec(`CREATE TRIGGER test_fail BEFORE INSERT ON devices WHEN NEW.hostname = 'boom'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`)
    const rows = Array.from(
      { length: 6000 },
      (_, i) => `${i === 4000 ? 'boom' : `bulk-${i}`},10.9.${i >> 8}.${i & 255},BULK-${i}`,
    )
    await expect(
      s.inventory.csvImport({
        text: ['Hostname,IP,Serial', ...rows].join('\n'),
        mapping: ['hostname', 'ip', 'serial'],
        clientId: acme.id,
      }),
    ).rejects.toThrow(/boom/)
    s.store.db.exec('DROP TRIGGER test_fail')
    expect(schema()).toEqual(
      schemaBefore.filter((o) => (o as { name: string }).name !== 'test_fail'),
    )
    expect(checksum(s, Number.MAX_SAFE_INTEGER)).toBe(before)
    expect(s.store.db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(20)
  })

  it('bulk-loads a large file with search and statuses working afterwards', async () => {
    const { s, acme } = setup()
    const rows = Array.from(
      { length: 6000 },
      (_, i) =>
        `bulk-${i},10.9.${i >> 8}.${i & 255},BULK-${i},${i % 3 ? '' : new Date(NOW).toISOString()}`,
    )
    const result = await s.inventory.csvImport({
      text: ['Hostname,IP,Serial,Last Seen', ...rows].join('\n'),
      mapping: ['hostname', 'ip', 'serial', 'lastSeen'],
      clientId: acme.id,
    })
    expect(result).toMatchObject({
      imported: 6000,
      rejected: [],
      rejectedCount: 0,
      rejectedCsv: null,
    })
    const search = (filter: object) =>
      s.inventory.searchDevices({
        sort: { column: 'hostname', direction: 'asc' },
        limit: 5,
        offset: 0,
        ...filter,
      })
    expect(search({ query: '10.9.22.' }).total).toBe(256)
    expect(search({ query: 'BULK-5999' }).rows.map((r) => r.hostname)).toEqual(['bulk-5999'])
    expect(search({ query: 'existing' }).total).toBe(20)
    expect(search({ status: 'online', clientId: acme.id }).total).toBe(2000)
    // The search trigger is back: a device added by hand is found at once.
    s.inventory.createDevice({ clientId: acme.id, hostname: 'after-import' })
    expect(search({ query: 'after-import' }).total).toBe(1)
  })

  it('keeps the first rejected rows for the list and the download, and counts the rest', async () => {
    const { s, acme } = setup()
    const bad = CSV_REJECTED_KEPT_ROWS + 5
    const rows = ['pc-first,10.0.0.1']
    for (let i = 0; i < bad; i++) rows.push(`bad-${i},10.0.0.999`)
    rows.push('pc-last,10.0.0.2')
    const result = await s.inventory.csvImport({
      text: ['Hostname,IP', ...rows].join('\n'),
      mapping: ['hostname', 'ip'],
      clientId: acme.id,
    })
    expect(result.imported).toBe(2)
    expect(result.rejectedCount).toBe(bad)
    expect(result.rejected).toHaveLength(CSV_REJECTED_KEPT_ROWS)
    expect(result.rejected[0]).toMatchObject({ row: 3, raw: 'bad-0,10.0.0.999' })
    expect(result.rejected.at(-1)?.row).toBe(2 + CSV_REJECTED_KEPT_ROWS)
    const lines = (result.rejectedCsv ?? '').trimEnd().split('\r\n')
    expect(lines).toHaveLength(1 + CSV_REJECTED_KEPT_ROWS)
    expect(s.audit.list({ limit: 1 })[0]).toMatchObject({ detail: { rejected: bad } })
  })

  it('rejects a row whose serial was saved elsewhere while the file was being checked', async () => {
    const { s, acme, other } = setup()
    const text = 'Hostname,Serial\nlate-1,LATE-1\nlate-2,LATE-2\n'
    const pending = s.inventory.csvImport({
      text,
      mapping: ['hostname', 'serial'],
      clientId: acme.id,
    })
    // A file this small is checked before csvImport returns; the insert waits for a later turn,
    // so this device is saved between the check and the insert.
    s.inventory.createDevice({ clientId: other.id, hostname: 'meanwhile', serial: 'late-1' })
    const result = await pending
    expect(result.imported).toBe(1)
    expect(result.rejected).toEqual([
      { row: 2, reason: 'serial: LATE-1 already belongs to meanwhile', raw: 'late-1,LATE-1' },
    ])
    expect(result.rejectedCount).toBe(1)
    const serials = s.store.db
      .prepare("SELECT serial FROM devices WHERE serial LIKE 'late-%' ORDER BY lower(serial)")
      .pluck()
      .all()
    expect(serials).toEqual(['late-1', 'LATE-2'])
  })

  it('runs one import at a time per connection', async () => {
    const { s, acme } = setup()
    const input = { text: 'Hostname\npc-1\n', mapping: ['hostname' as const], clientId: acme.id }
    const first = s.inventory.csvImport(input, 'connection-a')
    await expect(s.inventory.csvImport(input, 'connection-a')).rejects.toMatchObject({
      code: 'conflict',
    })
    const elsewhere = s.inventory.csvImport(input, 'connection-b')
    await expect(first).resolves.toMatchObject({ imported: 1 })
    await expect(elsewhere).resolves.toMatchObject({ imported: 1 })
    // Finished: the connection may import again.
    await expect(s.inventory.csvImport(input, 'connection-a')).resolves.toMatchObject({
      imported: 1,
    })
  })

  it('refuses a mapping without a hostname or with a field twice', async () => {
    const { s, acme } = setup()
    const text = 'a,b\r\nx,y\r\n'
    await expect(
      s.inventory.csvImport({ text, mapping: ['ip', null], clientId: acme.id }),
    ).rejects.toThrow(/No column is mapped to hostname/)
    await expect(
      s.inventory.csvImport({ text, mapping: ['hostname', 'hostname'], clientId: acme.id }),
    ).rejects.toThrow(/both map to hostname/)
  })

  it('carries bytes that are not UTF-8 across the RPC boundary as base64', async () => {
    const { s } = setup()
    const server = createRpcServer({ contract, handlers: createHandlers(s), logger: s.host.logger })
    const pair = createMemoryChannelPair()
    server.connect(pair.server, { connectionId: 't', transport: 'memory' })
    const { client } = createRpcClient(contract, pair.client)
    const result = await client.inventory.csvImport({
      base64: fileBytes(GOOD_AND_BAD).toString('base64'),
      mapping: ['hostname', 'ip', 'serial', 'client', 'osName', 'site', 'ram', 'notes'],
    })
    expect(result.imported).toBe(3)
    expect(result.rejected.find((r) => r.row === 8)?.reason).toMatch(/not valid UTF-8/)
    await expect(
      client.inventory.csvImport({ text: 'x', base64: 'eA==', mapping: ['hostname'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('exports a view that imports back with the same values', async () => {
    const { s, acme } = setup()
    s.inventory.createDevice({
      clientId: acme.id,
      hostname: '=cmd|calc',
      serial: 'RT-1',
      localIps: ['10.1.2.3'],
      ramBytes: 16 * 1024 ** 3,
      warrantyEndAt: Date.UTC(2027, 0, 31),
      tags: ['vip', 'finance'],
      role: 'server',
    })
    const { csv } = s.inventory.csvExport({
      query: 'RT-1',
      sort: { column: 'hostname', direction: 'asc' },
    })
    // A hostname that starts like a formula is defused for spreadsheets.
    expect(csv).toContain("'=cmd|calc")
    const preview = await s.inventory.csvPreview({ text: csv })
    expect(preview.mapping.filter((m) => m !== null)).toEqual([
      'hostname',
      'client',
      'site',
      'role',
      'osFamily',
      'osName',
      'osVersion',
      'manufacturer',
      'model',
      'serial',
      'ip',
      'publicIp',
      'mac',
      'fqdn',
      'loggedInUser',
      'cpuCores',
      'ram',
      'lastSeen',
      'rebootRequired',
      'patchesPending',
      'avStatus',
      'backupLastSuccess',
      'warrantyEnd',
      'tags',
    ])
    s.inventory.deleteDevices(
      s.inventory
        .searchDevices({
          query: 'RT-1',
          sort: { column: 'hostname', direction: 'asc' },
          limit: 1,
          offset: 0,
        })
        .rows.map((r) => r.id),
    )
    const again = await s.inventory.csvImport({ text: csv, mapping: preview.mapping })
    expect(again).toMatchObject({ imported: 1, rejected: [] })
    const row = s.inventory.searchDevices({
      query: 'RT-1',
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1,
      offset: 0,
    }).rows[0]
    expect(row).toMatchObject({
      hostname: "'=cmd|calc",
      clientId: acme.id,
      role: 'server',
      ip: '10.1.2.3',
      ramBytes: 16 * 1024 ** 3,
      warrantyEndAt: Date.UTC(2027, 0, 31),
      tags: ['vip', 'finance'],
    })
  })

  it('exports every local address and MAC, which import back whole', async () => {
    const { s, acme } = setup()
    const device = s.inventory.createDevice({
      clientId: acme.id,
      hostname: 'two-nics',
      serial: 'NIC-2',
      localIps: ['10.9.0.1', '10.9.0.2'],
      macs: ['aa:bb:cc:00:00:01', 'aa:bb:cc:00:00:02'],
    })
    const { csv } = s.inventory.csvExport({
      query: 'NIC-2',
      sort: { column: 'hostname', direction: 'asc' },
    })
    const [header, line] = csv.split('\r\n')
    expect(header?.split(',')).toContain('MAC Address')
    expect(line).toContain('"10.9.0.1; 10.9.0.2"')
    expect(line).toContain('"aa:bb:cc:00:00:01; aa:bb:cc:00:00:02"')
    s.inventory.deleteDevices([device.id])
    const preview = await s.inventory.csvPreview({ text: csv })
    const again = await s.inventory.csvImport({ text: csv, mapping: preview.mapping })
    expect(again).toMatchObject({ imported: 1, rejected: [] })
    const id = s.inventory.searchDevices({
      query: 'NIC-2',
      sort: { column: 'hostname', direction: 'asc' },
      limit: 1,
      offset: 0,
    }).rows[0]?.id
    expect(s.inventory.getDevice(id ?? '')).toMatchObject({
      localIps: ['10.9.0.1', '10.9.0.2'],
      macs: ['aa:bb:cc:00:00:01', 'aa:bb:cc:00:00:02'],
    })
  })
})

describe('CSV import in update mode', () => {
  // existing-N belong to Acme when N is odd, to Other Law otherwise; existing-N has serial OLD-N.
  const UPDATE_FILE = [
    'Hostname,Client,Serial Number,RAM,Site,Tags',
    'existing-1,ACME,old-1,16 GB,HQ,', // 2 update by serial: RAM and site
    'EXISTING-3,ACME,,8 GB,,', // 3 update by hostname within the client
    'renamed-5,ACME,OLD-5,,,', // 4 update by serial: renamed
    'brand-new,ACME,NEW-1,4 GB,HQ,', // 5 create
    'existing-2,ACME,OLD-2,,,', // 6 reject: the serial is another client's device
    'again,ACME,OLD-1,,,', // 7 reject: row 2 already updates that device
    'existing-9,ACME,,,,', // 8 update with nothing to change
  ].join('\r\n')
  const MAPPING = ['hostname', 'client', 'serial', 'ram', 'site', 'tags'] as const

  const device = (s: Services, hostname: string) => {
    const id = s.store.db
      .prepare('SELECT id FROM devices WHERE hostname = ?')
      .pluck()
      .get(hostname) as string | undefined
    return id === undefined ? undefined : s.inventory.getDevice(id)
  }

  it('previews which rows create, which update (and what changes) and which are rejected', async () => {
    const { s } = setup()
    const preview = await s.inventory.csvPreview({ text: UPDATE_FILE, mode: 'update' })
    expect(preview.problems).toEqual([])
    expect(preview.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'update'],
      [3, 'update'],
      [4, 'update'],
      [5, 'create'],
      [6, 'reject'],
      [7, 'reject'],
      [8, 'update'],
    ])
    const byRow = new Map(preview.rows.map((r) => [r.row, r]))
    expect(byRow.get(2)?.changes).toEqual([
      { field: 'ramBytes', before: '', after: '16 GB' },
      { field: 'site', before: '', after: 'HQ' },
    ])
    expect(byRow.get(3)?.changes).toEqual([
      { field: 'hostname', before: 'existing-3', after: 'EXISTING-3' },
      { field: 'ramBytes', before: '', after: '8 GB' },
    ])
    expect(byRow.get(4)?.changes).toEqual([
      { field: 'hostname', before: 'existing-5', after: 'renamed-5' },
    ])
    expect(byRow.get(6)?.problems).toEqual([
      'serial: OLD-2 belongs to existing-2, a device of another client',
    ])
    expect(byRow.get(7)?.problems).toEqual(['row 2 already updates existing-1; one row per device'])
    expect(byRow.get(8)?.changes).toEqual([])
  })

  it('creates and updates in one import, leaving blank cells and unmapped fields alone', async () => {
    const { s, acme } = setup()
    const result = await s.inventory.csvImport({
      text: UPDATE_FILE,
      mapping: [...MAPPING],
      mode: 'update',
    })
    expect(result).toMatchObject({ imported: 1, updated: 4, rejectedCount: 2, sitesCreated: 0 })
    expect(result.rejected.map((r) => r.row)).toEqual([6, 7])
    expect(device(s, 'existing-1')).toMatchObject({
      clientId: acme.id,
      serial: 'OLD-1',
      ramBytes: 16 * 1024 ** 3,
      siteName: 'HQ',
      tags: ['before'],
      localIps: ['172.16.0.2'],
    })
    expect(device(s, 'EXISTING-3')).toMatchObject({ ramBytes: 8 * 1024 ** 3, serial: 'OLD-3' })

    expect(device(s, 'existing-5')).toBeUndefined()
    expect(device(s, 'renamed-5')).toMatchObject({ serial: 'OLD-5', tags: ['before'] })
    expect(device(s, 'brand-new')).toMatchObject({ serial: 'NEW-1', siteName: 'HQ' })
    expect(device(s, 'existing-2')).toMatchObject({ clientId: expect.not.stringMatching(acme.id) })
    expect(s.store.db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(21)
  })

  it('adds a file’s custom columns to the custom fields a device has', async () => {
    const { s, acme } = setup()
    s.inventory.createDevice({
      clientId: acme.id,
      hostname: 'racked',
      serial: 'RACK-1',
      customFields: { Rack: 'A1', Owner: 'IT' },
    })
    const result = await s.inventory.csvImport({
      text: 'Hostname,Serial,Rack\nracked,RACK-1,B7',
      mapping: ['hostname', 'serial', 'custom:Rack'],
      clientId: acme.id,
      mode: 'update',
    })
    expect(result).toMatchObject({ imported: 0, updated: 1 })
    expect(device(s, 'racked')?.customFields).toEqual({ Rack: 'B7', Owner: 'IT' })
  })

  it('finds nothing to change when an unchanged export is imported back', async () => {
    const { s, acme } = setup()
    s.inventory.createDevice({
      clientId: acme.id,
      hostname: 'full-row',
      serial: 'FULL-1',
      localIps: ['10.3.0.1', '10.3.0.2'],
      macs: ['aa:bb:cc:00:00:03'],
      // Collected RAM is rarely whole gigabytes; the export rounds it to 15.5.
      ramBytes: 16_663_138_304,
      lastSeenAt: NOW - 61_234,
      warrantyEndAt: Date.UTC(2028, 7, 26, 16, 20, 12, 179),
      rebootRequired: true,
      tags: ['vip'],
    })
    // The preview checks the first 20 rows: full-row is first in this order.
    const { csv } = s.inventory.csvExport({ sort: { column: 'hostname', direction: 'desc' } })
    const preview = await s.inventory.csvPreview({ text: csv, mode: 'update' })
    expect(preview.rows).toHaveLength(20)
    expect(preview.rows[0]?.cells[0]).toBe('full-row')
    expect(preview.rows.filter((r) => r.action !== 'update' || r.changes.length > 0)).toEqual([])
  })

  it('still rejects every existing serial in create mode', async () => {
    const { s } = setup()
    const result = await s.inventory.csvImport({ text: UPDATE_FILE, mapping: [...MAPPING] })
    // Rows 3 and 8 have no serial to clash with: create mode adds them as new devices.
    expect(result).toMatchObject({ imported: 3, updated: 0 })
    expect(result.rejected.map((r) => r.row)).toEqual([2, 4, 6, 7])
  })

  it('rejects an update whose device was deleted while the file was checked', async () => {
    const { s } = setup()
    const checkedBefore = s.store.db.prepare('SELECT id FROM devices WHERE hostname = ?')
    const id = checkedBefore.pluck().get('existing-9') as string
    // The import checks the file in steps; the device goes between the check and the write.
    const pending = s.inventory.csvImport({
      text: UPDATE_FILE,
      mapping: [...MAPPING],
      mode: 'update',
    })
    s.inventory.deleteDevices([id])
    const result = await pending
    expect(result).toMatchObject({ imported: 1, updated: 3, rejectedCount: 3 })
    expect(result.rejected.map((r) => [r.row, r.reason])).toContainEqual([
      8,
      'The device was deleted or moved during the import',
    ])
  })

  it('rolls back the updates when the transaction fails part-way', async () => {
    const { s } = setup()
    const before = checksum(s, maxSeq(s))
    s.store.db
      .exec(`CREATE TRIGGER test_fail BEFORE INSERT ON devices WHEN NEW.hostname = 'brand-new'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`)
    await expect(
      s.inventory.csvImport({ text: UPDATE_FILE, mapping: [...MAPPING], mode: 'update' }),
    ).rejects.toThrow(/boom/)
    s.store.db.exec('DROP TRIGGER test_fail')
    expect(checksum(s, Number.MAX_SAFE_INTEGER)).toBe(before)
  })
})

describe('CSV import of rows whose client is new', () => {
  const FILE = [
    'Hostname,Customer,Serial',
    'nw-1,Northwind Traders,NW-1',
    'nw-2,northwind traders,NW-2',
    'acme-1,ACME,A-1',
  ].join('\n')

  it('lists the unknown clients with a proposed short code, and checks the rows once ticked', async () => {
    const { s } = setup()
    const first = await s.inventory.csvPreview({ text: FILE })
    expect(first.unknownClients).toEqual([{ name: 'Northwind Traders', shortCode: 'NT', rows: 2 }])
    expect(first.rows.map((r) => r.action)).toEqual(['reject', 'reject', 'create'])
    const ticked = await s.inventory.csvPreview({
      text: FILE,
      newClients: [{ name: 'Northwind Traders', shortCode: 'NWT' }],
    })
    expect(ticked.problems).toEqual([])
    expect(ticked.rows.map((r) => [r.action, r.problems])).toEqual([
      ['create', []],
      ['create', []],
      ['create', []],
    ])
    // The offer stays listed, so the technician can untick it.
    expect(ticked.unknownClients.map((c) => c.name)).toEqual(['Northwind Traders'])
  })

  it('creates the client in the import and puts its rows under it', async () => {
    const { s } = setup()
    const result = await s.inventory.csvImport({
      text: FILE,
      mapping: ['hostname', 'client', 'serial'],
      newClients: [{ name: 'Northwind Traders', shortCode: 'NWT' }],
    })
    expect(result).toMatchObject({ imported: 3, clientsCreated: 1, rejectedCount: 0 })
    const created = s.inventory.listClients().find((c) => c.shortCode === 'NWT')
    expect(created).toMatchObject({ name: 'Northwind Traders', onlineMinutes: 15 })
    const owners = s.store.db
      .prepare("SELECT hostname, client_id FROM devices WHERE hostname LIKE 'nw-%' ORDER BY 1")
      .all()
    expect(owners).toEqual([
      { hostname: 'nw-1', client_id: created?.id },
      { hostname: 'nw-2', client_id: created?.id },
    ])
  })

  it('refuses a new client whose short code or name is taken', async () => {
    const { s } = setup()
    const newClients = [{ name: 'Northwind Traders', shortCode: 'acme' }]
    const preview = await s.inventory.csvPreview({ text: FILE, newClients })
    expect(preview.problems).toEqual([
      'The short code acme belongs to Acme Dental; choose another one',
    ])
    await expect(
      s.inventory.csvImport({ text: FILE, mapping: ['hostname', 'client', 'serial'], newClients }),
    ).rejects.toThrow(/short code acme belongs to Acme Dental/)
    expect(s.inventory.listClients()).toHaveLength(2)
  })

  it('proposes initials, numbered when taken', () => {
    expect(proposeShortCode('Other Law LLP', new Set(['oll']))).toBe('OLL2')
    expect(proposeShortCode('Zeta', new Set())).toBe('ZETA')
    expect(proposeShortCode('Café Ünïon', new Set())).toBe('CU')
  })
})

describe('CSV dates in day/month/year order', () => {
  const mapping = ['hostname', 'warrantyEnd', 'lastSeen'] as const

  it('reads a European file day first when one of its dates decides it', async () => {
    const { s, acme } = setup()
    const text = [
      'Hostname,Warranty End,Last Seen',
      'eu-1,03/04/2027,01/02/2026 09:30', // fits both orders alone
      'eu-2,25/12/2027,13/01/2026 17:00', // only day first: decides the file
    ].join('\n')
    const preview = await s.inventory.csvPreview({ text, clientId: acme.id })
    expect(preview.dateOrder).toEqual({ slashDates: true, detected: 'dmy', zonelessTimes: true })
    expect(preview.problems).toEqual([])
    const result = await s.inventory.csvImport({ text, mapping: [...mapping], clientId: acme.id })
    expect(result).toMatchObject({ imported: 2, rejectedCount: 0 })
    const dates = s.store.db
      .prepare(
        "SELECT hostname, warranty_end_at, last_seen_at FROM devices WHERE hostname LIKE 'eu-%' ORDER BY 1",
      )
      .raw()
      .all()
    expect(dates).toEqual([
      ['eu-1', Date.UTC(2027, 3, 3), Date.UTC(2026, 1, 1, 9, 30)],
      ['eu-2', Date.UTC(2027, 11, 25), Date.UTC(2026, 0, 13, 17)],
    ])
  })

  it('asks for the order when the dates fit both, and reads them as chosen', async () => {
    const { s, acme } = setup()
    const text = ['Hostname,Warranty End,Last Seen', 'x-1,03/04/2027,01/02/2026 09:30'].join('\n')
    const preview = await s.inventory.csvPreview({ text, clientId: acme.id })
    expect(preview.dateOrder).toEqual({ slashDates: true, detected: null, zonelessTimes: true })
    expect(preview.problems).toEqual([
      'The dates could be day/month/year or month/day/year (such as 03/04/2025): choose the date order',
    ])
    await expect(
      s.inventory.csvImport({ text, mapping: [...mapping], clientId: acme.id }),
    ).rejects.toThrow(/choose the date order/)
    const chosen = await s.inventory.csvPreview({ text, clientId: acme.id, dateOrder: 'dmy' })
    expect(chosen.problems).toEqual([])
    await s.inventory.csvImport({
      text,
      mapping: [...mapping],
      clientId: acme.id,
      dateOrder: 'dmy',
    })
    expect(
      s.store.db
        .prepare("SELECT warranty_end_at FROM devices WHERE hostname = 'x-1'")
        .pluck()
        .get(),
    ).toBe(Date.UTC(2027, 3, 3))
  })

  it('says so when a file mixes both orders', async () => {
    const { s, acme } = setup()
    const text = ['Hostname,Warranty End', 'a,25/12/2027', 'b,12/25/2027'].join('\n')
    const preview = await s.inventory.csvPreview({ text, clientId: acme.id })
    expect(preview.dateOrder).toEqual({ slashDates: true, detected: null, zonelessTimes: false })
    expect(preview.problems[0]).toMatch(/day first .* and month first/)
  })
})

describe('CSV times without a zone', () => {
  const TEXT = [
    'Hostname,Customer,Site,Last Seen,Warranty End',
    'z-1,ACME,Berlin,2026-01-13 17:00,2027-04-03', // the row's site: Berlin, UTC+1 in January
    'z-2,ACME,,2026-07-13 17:00,', // no site: the client's first site, HQ (UTC)
    'z-3,FE,,13/07/2026 17:00,', // the client's only site: Tokyo, UTC+9
    'z-4,ACME,Berlin,2026-07-13T17:00:00Z,', // a zone of its own
  ].join('\n')
  const MAPPING = ['hostname', 'client', 'site', 'lastSeen', 'warrantyEnd'] as const

  function zones() {
    const { s, acme } = setup()
    s.inventory.createSite(acme.id, { name: 'Berlin', address: '', timeZone: 'Europe/Berlin' })
    const far = s.inventory.createClient({
      name: 'Far East Trading',
      shortCode: 'FE',
      contractTier: '',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 1440,
    })
    s.inventory.createSite(far.id, { name: 'Tokyo', address: '', timeZone: 'Asia/Tokyo' })
    return s
  }

  const stored = (s: Services) =>
    s.store.db
      .prepare(
        "SELECT hostname, last_seen_at, warranty_end_at FROM devices WHERE hostname LIKE 'z-%' ORDER BY 1",
      )
      .raw()
      .all()

  it("reads them in the row's site's zone, else the client's first site's", async () => {
    const s = zones()
    const preview = await s.inventory.csvPreview({ text: TEXT })
    expect(preview.dateOrder.zonelessTimes).toBe(true)
    await s.inventory.csvImport({ text: TEXT, mapping: [...MAPPING] })
    expect(stored(s)).toEqual([
      ['z-1', Date.UTC(2026, 0, 13, 16), Date.UTC(2027, 3, 3)],
      ['z-2', Date.UTC(2026, 6, 13, 17), null],
      ['z-3', Date.UTC(2026, 6, 13, 8), null],
      ['z-4', Date.UTC(2026, 6, 13, 17), null],
    ])
  })

  it('reads them in the zone the technician picks', async () => {
    const s = zones()
    await s.inventory.csvImport({
      text: TEXT,
      mapping: [...MAPPING],
      timeZone: 'America/New_York',
    })
    expect(stored(s)).toEqual([
      ['z-1', Date.UTC(2026, 0, 13, 22), Date.UTC(2027, 3, 3)],
      ['z-2', Date.UTC(2026, 6, 13, 21), null],
      ['z-3', Date.UTC(2026, 6, 13, 21), null],
      ['z-4', Date.UTC(2026, 6, 13, 17), null],
    ])
  })
})
