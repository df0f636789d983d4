import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '..'
import { testHostPorts } from '../../testing/host-ports'
import { useTempDirs } from '../../testing/temp-dir'
import {
  blankDevice,
  deviceColumnValues,
  deviceColumns,
  ipSortKey,
  type DeviceValues,
} from './device-values'
import { BULK_SEARCH_INSERTS, DeviceWriter } from './device-writes'
import { generateSampleWorkspace } from './sample/sample-workspace'
import { writeSampleWorkspace } from './sample/sample-writer'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

const NOW = 1_760_000_000_000
const local = { user: 'tech', platform: 'linux', timeZone: 'UTC' }
const sample = generateSampleWorkspace({ seed: 3, clients: 5, devices: 300, now: NOW, local })

describe('device column values', () => {
  it('match the named columns, in order, for blank and fully filled devices', () => {
    const devices: DeviceValues[] = [
      blankDevice('c', 'h'),
      ...sample.devices.map((d) => d.values),
      { ...blankDevice('c', 'h'), customFields: { Rack: '4' }, rebootRequired: false },
    ]
    for (const values of devices) {
      expect(deviceColumnValues(values)).toEqual(Object.values(deviceColumns(values)))
    }
  })

  it('sorts IPv4 addresses by number and IPv6 after them', () => {
    expect(ipSortKey('10.2.30.4')).toBe('010.002.030.004')
    expect(ipSortKey('255.0.0.1')).toBe('255.000.000.001')
    expect(ipSortKey('FE80::1')).toBe('~fe80::1')
    expect(ipSortKey(undefined)).toBeNull()
  })
})

describe('bulk device inserts', () => {
  function setup() {
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => NOW } }))
    open.push(s)
    const client = s.inventory.createClient({
      name: 'Acme',
      shortCode: 'ACME',
      contractTier: 'Standard',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 60,
    })
    return { s, clientId: client.id, writer: new DeviceWriter(s.store.db) }
  }

  const stored = (s: Services, id: string) => {
    const row = s.store.db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as Record<
      string,
      unknown
    >
    delete row.seq
    delete row.id
    return row
  }

  it('leave unfilled columns to DEFAULTs that equal what a full insert writes', () => {
    const { s, clientId, writer } = setup()
    // Only hostnames and IPs filled: the bulk INSERT names just those columns.
    const sparse = [0, 1, 2].map((i) => ({
      ...blankDevice(clientId, `sparse-${i}`),
      localIps: [`10.0.0.${i}`],
    }))
    const bulkIds = s.store.transaction(() =>
      writer.insertMany(sparse.map((values) => ({ values, createdAt: NOW }))),
    )
    const fullIds = s.store.transaction(() =>
      sparse.map((values) => writer.insertUnchecked(values, NOW)),
    )
    bulkIds.forEach((id, i) => expect(stored(s, id)).toEqual(stored(s, fullIds[i] as string)))
  })

  it('write every filled column, whichever rows fill it', () => {
    const { s, clientId, writer } = setup()
    const rows = sample.devices.slice(0, 50).map((d, i) => ({
      // Every other row blank, so each column is filled by some rows and not others.
      values: i % 2 ? blankDevice(clientId, `blank-${i}`) : { ...d.values, clientId, siteId: null },
      createdAt: NOW,
    }))
    const ids = s.store.transaction(() => writer.insertMany(rows))
    ids.forEach((id, i) => expect(writer.current(id)).toEqual(rows[i]?.values))
  })
  it('refuse a value the table would refuse, and leave the table checking afterwards', () => {
    const { s, clientId, writer } = setup()
    const bad = { ...blankDevice(clientId, 'bad'), role: 'toaster' } as unknown as DeviceValues
    const good = blankDevice(clientId, 'good')
    expect(() =>
      s.store.transaction(() =>
        writer.insertMany([good, bad].map((values) => ({ values, createdAt: NOW }))),
      ),
    ).toThrow(/role, OS family or antivirus status/)
    expect(s.store.db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(0)
    expect(() => s.store.transaction(() => writer.insertUnchecked(bad, NOW))).toThrow(
      /CHECK constraint failed/,
    )
  })
})

describe('bulk search indexing', () => {
  it('restores the statistics of rebuilt indexes and reads new devices in rowid order', () => {
    // FTS5 writes out its buffer at every rowid that is not above the last one. A rebuild drops
    // the statistics of the dropped indexes, and the planner then walks the words source's
    // clients join client by client: rows grouped by client, ~50k flushes at 100k devices.
    const s = createServices(testHostPorts(tempDir(), { clock: { now: () => NOW } }))
    open.push(s)
    const workspace = generateSampleWorkspace({ seed: 4, clients: 20, devices: 1, now: NOW, local })
    writeSampleWorkspace(s.store, workspace, { replace: false })
    const clientIds = workspace.clients.map((c) => c.id)
    const more = generateSampleWorkspace({ seed: 5, clients: 20, devices: 5000, now: NOW, local })
    s.store.transaction((db) =>
      new DeviceWriter(db).insertMany(
        more.devices.map((d, i) => ({
          values: {
            ...d.values,
            clientId: clientIds[i % clientIds.length] as string,
            siteId: null,
          },
          createdAt: NOW,
        })),
      ),
    )
    // Every rebuilt index has its statistics back (dropping an index drops them)...
    const withStatistics = s.store.db
      .prepare<[], string>("SELECT DISTINCT idx FROM sqlite_stat1 WHERE tbl = 'devices'")
      .pluck()
      .all()
    const indexes = s.store.db
      .prepare<[], string>(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'devices' AND sql IS NOT NULL",
      )
      .pluck()
      .all()
    expect(withStatistics).toEqual(expect.arrayContaining(indexes))
    // ...and with them missing, as they were, the search indexing still reads in rowid order.
    s.store.db
      .prepare('DELETE FROM sqlite_stat1 WHERE idx IN (SELECT value FROM json_each(?))')
      .run(JSON.stringify(indexes))
    s.store.db.exec('ANALYZE sqlite_schema')
    for (const sql of BULK_SEARCH_INSERTS) {
      const plan = s.store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(2)
        .map((row) => (row as { detail: string }).detail)
      const inRowidOrder =
        plan.some((step) => step.includes('ORDER BY')) ||
        /^(SCAN d|SEARCH d USING INTEGER PRIMARY KEY)\b/.test(plan[0] ?? '')
      expect(inRowidOrder, plan.join('; ')).toBe(true)
    }
  })
})
