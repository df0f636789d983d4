import { afterEach, describe, expect, it } from 'vitest'
import type { TicketSnapshot } from '../../../shared/domain/tickets'
import { useTempDirs } from '../../testing/temp-dir'
import { readTicketSnapshot } from './snapshot-reader'
import { MINUTE, MONDAY_9AM, TicketWorld } from '../../testing/ticket-test-world'

const tempDir = useTempDirs()
const worlds: TicketWorld[] = []
afterEach(() => {
  for (const world of worlds.splice(0)) world.close()
})

/** A ticket with one of everything, devices already in the store's order (by id). */
const full: TicketSnapshot = {
  id: 'ticket-full',
  number: 'T-SNAP-0001',
  clientId: 'client-1',
  siteId: 'site-berlin',
  subject: 'Reception printer jams on tray 2',
  description: 'Reported by phone.',
  contact: { name: 'Dana', email: 'dana@example.com', phone: null },
  type: 'incident',
  board: 'Service Desk',
  status: 'in-progress',
  impact: 'high',
  urgency: 'medium',
  priority: 'P1',
  priorityManual: true,
  assignee: 'bob',
  dueAt: MONDAY_9AM + 60 * MINUTE,
  createdBy: 'alice',
  createdAt: MONDAY_9AM,
  updatedAt: MONDAY_9AM + 9 * MINUTE,
  firstResponseAt: MONDAY_9AM + 5 * MINUTE,
  resolutionPlanAt: null,
  resolvedAt: null,
  versions: { status: 3, priority: 1, devices: 2 },
  devices: [
    { id: 'device-db', hostname: 'db-01' },
    { id: 'device-web', hostname: 'web-01' },
  ],
  events: [
    { at: MONDAY_9AM, actor: 'alice', kind: 'created', field: null, from: null, to: 'new' },
    {
      at: MONDAY_9AM + 5 * MINUTE,
      actor: 'bob',
      kind: 'status',
      field: 'status',
      from: 'new',
      to: 'in-progress',
    },
  ],
  notes: [
    {
      id: 'note-b',
      visibility: 'customer',
      isPlan: false,
      author: 'bob',
      body: 'On my way',
      createdAt: MONDAY_9AM + 5 * MINUTE,
    },
    {
      id: 'note-a',
      visibility: 'internal',
      isPlan: true,
      author: 'bob',
      body: 'Swap the tray',
      createdAt: MONDAY_9AM + 6 * MINUTE,
    },
  ],
  timeEntries: [
    {
      id: 'entry-1',
      technician: 'bob',
      startedAt: MONDAY_9AM,
      endedAt: MONDAY_9AM + 5 * MINUTE,
      durationMinutes: 5,
      billable: true,
      workType: 'remote',
      note: 'diagnosis',
      sessionId: 'session-1',
      recordingId: null,
      createdAt: MONDAY_9AM + 5 * MINUTE,
    },
  ],
  timers: [
    {
      id: 'timer-z',
      technician: 'bob',
      startedAt: MONDAY_9AM + 7 * MINUTE,
      workType: 'onsite',
      billable: true,
      note: '',
    },
    {
      id: 'timer-a',
      technician: 'alice',
      startedAt: MONDAY_9AM + 8 * MINUTE,
      workType: 'remote',
      billable: false,
      note: 'watching',
    },
  ],
}

describe('readTicketSnapshot', () => {
  it('reads back what the snapshot writer wrote, in the order it was written', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    w.store.transaction(() => w.tickets.snapshots.write(full, MONDAY_9AM + 10 * MINUTE))
    expect(readTicketSnapshot(w.store.db, full.id)).toEqual(full)
    expect(readTicketSnapshot(w.store.db, 'no-such-ticket')).toBeNull()
  })

  it('keeps only the versions of versioned fields', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    w.store.transaction(() => w.tickets.snapshots.write(full, MONDAY_9AM))
    w.store.db
      .prepare('UPDATE tickets SET versions = ? WHERE id = ?')
      .run(JSON.stringify({ status: 4, unknown: 9, subject: 'x' }), full.id)
    expect(readTicketSnapshot(w.store.db, full.id)?.versions).toEqual({ status: 4 })
  })
})
