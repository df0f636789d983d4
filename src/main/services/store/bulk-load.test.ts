import { afterEach, describe, expect, it } from 'vitest'
import type { TicketSnapshot } from '../../../shared/domain/tickets'
import { useTempDirs } from '../../testing/temp-dir'
import { blankDevice } from '../inventory/device-values'
import { DeviceWriter } from '../inventory/device-writes'
import { BULK_SEARCH_FROM } from '../tickets/snapshot-writer'
import { MONDAY_9AM, TicketWorld } from '../../testing/ticket-test-world'
import { hasSetAside, restoreSetAside, restoreSteps, setAsideForBulkLoad } from './bulk-load'

const tempDir = useTempDirs()
const worlds: TicketWorld[] = []
afterEach(() => {
  for (const world of worlds.splice(0)) world.close()
})

function world(): TicketWorld {
  const w = new TicketWorld(tempDir())
  worlds.push(w)
  return w
}

/** Every index and trigger of the store, as SQLite keeps them. */
function schema(w: TicketWorld): string[] {
  return w.store.db
    .prepare<[], string>(
      `SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name`,
    )
    .pluck()
    .all()
}

function pulled(w: TicketWorld, n: number, word: string): TicketSnapshot {
  return {
    id: `pulled-${word}-${n}`,
    number: `T-P${n}-${word}`,
    clientId: w.clientId,
    siteId: w.siteId,
    subject: `${word} printer ${n}`,
    description: 'Reported by phone.',
    contact: { name: null, email: null, phone: null },
    type: 'incident',
    board: 'Service Desk',
    status: 'new',
    impact: 'medium',
    urgency: 'medium',
    priority: 'P3',
    priorityManual: false,
    assignee: null,
    dueAt: null,
    createdBy: 'bob',
    createdAt: MONDAY_9AM,
    updatedAt: MONDAY_9AM,
    firstResponseAt: null,
    resolutionPlanAt: null,
    resolvedAt: null,
    versions: { subject: 1 },
    devices: [],
    events: [{ at: MONDAY_9AM, actor: 'bob', kind: 'created', field: null, from: null, to: 'new' }],
    notes: [
      {
        id: `note-${word}-${n}`,
        visibility: 'internal',
        isPlan: false,
        author: 'bob',
        body: 'Toner ordered from the distributor',
        createdAt: MONDAY_9AM,
      },
    ],
    timeEntries: [],
    timers: [],
  }
}

const DEVICES = 30

/** A page as a pull writes it: many tickets in one batch, a lone one, and devices. */
function load(w: TicketWorld, word: string): void {
  const many = Array.from({ length: BULK_SEARCH_FROM + 5 }, (_, n) => pulled(w, n, word))
  w.tickets.syncTransaction((db, writers, now) => {
    writers.snapshots.writeBatch(many, now)
    writers.snapshots.write(pulled(w, 999, word), now)
    const devices = new DeviceWriter(db)
    for (let n = 0; n < DEVICES; n++) {
      devices.insertUnchecked(
        { ...blankDevice(w.clientId, `${word}-ws-${n}`), serial: `SN${word}${n}` },
        now,
      )
    }
    return { result: undefined, ticketIds: [] }
  })
}

/** Devices whose hostname has `word` (by word) and whose serial has it (by fragment). */
function devicesFound(w: TicketWorld, word: string): [number, number] {
  const count = (sql: string, match: string): number =>
    w.store.db.prepare<[string], number>(sql).pluck().get(match) ?? 0
  return [
    count('SELECT count(*) FROM device_search_words WHERE device_search_words MATCH ?', word),
    count(
      'SELECT count(*) FROM device_search_trigram WHERE device_search_trigram MATCH ?',
      `"SN${word}"`,
    ),
  ]
}

function found(w: TicketWorld, query: string): number {
  return w.tickets.list({
    queue: 'all',
    sort: { column: 'updated', direction: 'desc' },
    limit: 500,
    offset: 0,
    query,
  }).total
}

describe('a bulk load of tickets and devices', () => {
  it('sets the indexes and search triggers aside, then makes them again as they were', () => {
    const w = world()
    const before = schema(w)
    setAsideForBulkLoad(w.store.db)
    const during = schema(w)
    expect(during.filter((s) => /^index (tickets|devices)_/.test(s))).toEqual([])
    expect(during.filter((s) => /^trigger (tickets|ticket_notes|devices)_search_/.test(s))).toEqual(
      [],
    )
    expect(hasSetAside(w.store.db)).toBe(true)
    load(w, 'kyocera')
    restoreSetAside(w.store.db)
    expect(schema(w)).toEqual(before)
    expect(hasSetAside(w.store.db)).toBe(false)
    expect(devicesFound(w, 'kyocera')).toEqual([DEVICES, DEVICES])
    // Subjects and notes written while the triggers were away are found, and nothing twice.
    expect(found(w, 'kyocera')).toBe(BULK_SEARCH_FROM + 6)
    expect(found(w, 'toner distributor')).toBe(BULK_SEARCH_FROM + 6)
    // The triggers work again: an edited subject leaves the index with its old words.
    w.tickets.update({ id: 'pulled-kyocera-0', subject: 'Scanner offline' })
    expect(found(w, 'scanner')).toBe(1)
    expect(found(w, 'kyocera')).toBe(BULK_SEARCH_FROM + 5)
  })

  it('is finished by the next start when the app dies during the load', () => {
    const w = world()
    const before = schema(w)
    setAsideForBulkLoad(w.store.db)
    load(w, 'brother')
    w.reopen()
    expect(schema(w)).toEqual(before)
    expect(hasSetAside(w.store.db)).toBe(false)
    expect(found(w, 'brother')).toBe(BULK_SEARCH_FROM + 6)
    expect(devicesFound(w, 'brother')).toEqual([DEVICES, DEVICES])
  })

  it('is finished by the next start when the app dies halfway through putting them back', () => {
    const w = world()
    const before = schema(w)
    setAsideForBulkLoad(w.store.db)
    load(w, 'lexmark')
    const [ticketSearch, , firstIndex] = restoreSteps(w.store.db)
    ticketSearch?.()
    firstIndex?.()
    expect(schema(w)).not.toEqual(before)
    w.reopen()
    expect(schema(w)).toEqual(before)
    expect(found(w, 'lexmark')).toBe(BULK_SEARCH_FROM + 6)
    expect(devicesFound(w, 'lexmark')).toEqual([DEVICES, DEVICES])
  })

  it('sets nothing aside twice when a load begins while one is still open', () => {
    const w = world()
    const before = schema(w)
    setAsideForBulkLoad(w.store.db)
    setAsideForBulkLoad(w.store.db)
    restoreSetAside(w.store.db)
    expect(schema(w)).toEqual(before)
  })
})
