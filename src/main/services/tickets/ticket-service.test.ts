import { afterEach, describe, expect, it } from 'vitest'
import {
  TicketListInput as TicketListSchema,
  type TicketListInput,
} from '../../../shared/contract/tickets'
import type { TicketSnapshot } from '../../../shared/domain/tickets'
import { defaultBusinessHours } from '../../../shared/domain/sla/business-hours'
import { useTempDirs } from '../../testing/temp-dir'
import { SEARCH_WINDOW } from './ticket-queries'
import { MINUTE, MONDAY_9AM, sessionSummary, TicketWorld } from '../../testing/ticket-test-world'

const tempDir = useTempDirs()
const worlds: TicketWorld[] = []
afterEach(() => {
  for (const world of worlds.splice(0)) world.close()
})

function world(technician?: string): TicketWorld {
  const w = new TicketWorld(tempDir(), technician)
  worlds.push(w)
  return w
}

function create(
  w: TicketWorld,
  overrides: Partial<Parameters<TicketWorld['tickets']['create']>[0]> = {},
) {
  return w.tickets.create({
    clientId: w.clientId,
    siteId: w.siteId,
    deviceIds: [],
    subject: 'Printer offline in reception',
    description: 'The HP LaserJet shows a paper jam but there is no paper in it.',
    type: 'incident',
    board: 'Service Desk',
    impact: 'medium',
    urgency: 'medium',
    ...overrides,
  })
}

/** The ticket an intent changed, as it reads after the intent (acks carry only its id). */
const after = (w: TicketWorld, ack: { ticket: { id: string } }) => w.tickets.get(ack.ticket.id)

interface OutboxRow {
  mutation_id: number
  intent: string
  entity_id: string
  ticket_id: string
  payload: string
  base_versions: string
}

const outboxRows = (w: TicketWorld): OutboxRow[] =>
  w.store.db.prepare('SELECT * FROM ticket_outbox ORDER BY mutation_id').all() as OutboxRow[]

describe('ticket intents', () => {
  it('creates a ticket with an offline-safe number, matrix priority and one outbox row', () => {
    const w = world()
    const ack = create(w, { impact: 'high', urgency: 'medium' })
    const { mutationId } = ack
    const ticket = after(w, ack)
    expect(ack.ticket).toEqual({ id: ticket.id, number: ticket.number })
    expect(ticket).toMatchObject({
      subject: 'Printer offline in reception',
      clientName: 'Dental Partners',
      siteName: 'Berlin',
      status: 'new',
      priority: 'P2',
      prioritySource: 'matrix',
      pendingSync: true,
      allowedStatuses: expect.arrayContaining(['in-progress', 'closed']),
    })
    const prefix = w.tickets.installation.current.prefix
    expect(ticket.number).toBe(`T-${prefix}-0001`)
    expect(ticket.number).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{4}-0001$/)
    expect(create(w).ticket.number).toBe(`T-${prefix}-0002`)
    const [row] = outboxRows(w)
    expect(row).toMatchObject({
      mutation_id: mutationId,
      intent: 'tickets.create',
      entity_id: ticket.id,
      ticket_id: ticket.id,
    })
    expect(JSON.parse(row?.payload ?? '{}')).toMatchObject({
      id: ticket.id,
      number: ticket.number,
      at: MONDAY_9AM,
      actor: 'alice',
    })
    expect(ticket.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
  })

  it('appends exactly one outbox row per intent, in order, each with its entity', () => {
    const w = world()
    const steps: Array<[string, () => { mutationId: number }]> = []
    const { ticket } = create(w)
    const id = ticket.id
    let timerId = ''
    steps.push(
      ['tickets.update', () => w.tickets.update({ id, subject: 'Printer jammed' })],
      ['tickets.setStatus', () => w.tickets.setStatus({ id, status: 'in-progress' })],
      ['tickets.setPriority', () => w.tickets.setPriority({ id, urgency: 'high' })],
      ['tickets.assign', () => w.tickets.assign({ id, assignee: 'bob' })],
      ['tickets.linkDevice', () => w.tickets.linkDevice({ id, deviceId: w.deviceId })],
      ['tickets.unlinkDevice', () => w.tickets.unlinkDevice({ id, deviceId: w.deviceId })],
      [
        'tickets.addNote',
        () =>
          w.tickets.addNote({
            ticketId: id,
            body: 'Called',
            visibility: 'internal',
            isPlan: false,
          }),
      ],
      [
        'tickets.addTimeEntry',
        () =>
          w.tickets.addTimeEntry({
            ticketId: id,
            durationMinutes: 25,
            billable: true,
            workType: 'remote',
            note: '',
          }),
      ],
      [
        'tickets.startTimer',
        () => {
          const ack = w.tickets.startTimer({
            ticketId: id,
            workType: 'onsite',
            billable: true,
            note: '',
          })
          timerId = ack.timer.id
          return ack
        },
      ],
      ['tickets.stopTimer', () => w.tickets.stopTimer({ timerId })],
      [
        'tickets.startTimer',
        () => {
          const ack = w.tickets.startTimer({
            ticketId: id,
            workType: 'remote',
            billable: false,
            note: '',
          })
          timerId = ack.timer.id
          return ack
        },
      ],
      ['tickets.cancelTimer', () => w.tickets.cancelTimer({ timerId })],
    )
    for (const [intent, run] of steps) {
      const before = outboxRows(w)
      w.now += MINUTE
      const { mutationId } = run()
      const after = outboxRows(w)
      expect(after).toHaveLength(before.length + 1)
      const added = after.at(-1)
      expect(added).toMatchObject({ intent, mutation_id: mutationId, ticket_id: id })
      expect(mutationId).toBeGreaterThan(before.at(-1)?.mutation_id ?? 0)
    }
    const detail = w.tickets.get(id)
    expect(detail.notes.map((n) => n.id)).toEqual(
      outboxRows(w)
        .filter((r) => r.intent === 'tickets.addNote')
        .map((r) => r.entity_id),
    )
    expect(detail.timeEntries.map((e) => e.id)).toEqual(
      outboxRows(w)
        .filter((r) => r.intent === 'tickets.addTimeEntry' || r.intent === 'tickets.stopTimer')
        .map((r) => r.entity_id),
    )
    expect(detail).toMatchObject({
      subject: 'Printer jammed',
      status: 'in-progress',
      priority: 'P2',
      assignee: 'bob',
      devices: [],
      timers: [],
      totalMinutes: 25 + 1,
    })
  })

  it('writes neither the change nor its outbox row when the transaction fails midway', () => {
    const w = world()
    const { ticket } = create(w)
    const notes = w.count('ticket_notes')
    const outbox = w.count('ticket_outbox')
    // The outbox row is appended before the note: a failing note insert must take it back.
    w.store.db.exec(`CREATE TEMP TRIGGER fail_note BEFORE INSERT ON ticket_notes
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    w.now += MINUTE
    expect(() =>
      w.tickets.addNote({
        ticketId: ticket.id,
        body: 'lost',
        visibility: 'customer',
        isPlan: false,
      }),
    ).toThrow(/injected failure/)
    expect(w.count('ticket_notes')).toBe(notes)
    expect(w.count('ticket_outbox')).toBe(outbox)
    expect(w.tickets.get(ticket.id)).toMatchObject({ updatedAt: MONDAY_9AM, notes: [] })
    expect(w.tickets.get(ticket.id).sla.milestones.firstResponse.metAt).toBeUndefined()
    w.store.db.exec('DROP TRIGGER fail_note')

    // And the other way round: a failing outbox append leaves the ticket unchanged.
    w.store.db.exec(`CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON ticket_outbox
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    expect(() => w.tickets.setStatus({ id: ticket.id, status: 'in-progress' })).toThrow(
      /injected failure/,
    )
    expect(w.tickets.get(ticket.id)).toMatchObject({
      status: 'new',
      statusHistory: [{ status: 'new' }],
    })
    expect(w.count('ticket_outbox')).toBe(outbox)
    expect(w.tickets.pendingCount().pending).toBe(outbox)
  })

  it('never reuses a mutation id: ids keep increasing across restarts and confirmations', () => {
    const w = world()
    const first = create(w).mutationId
    const second = create(w).mutationId
    expect(second).toBeGreaterThan(first)
    const number = w.tickets.get(create(w).ticket.id).number
    w.reopen()
    const afterRestart = create(w)
    expect(afterRestart.mutationId).toBeGreaterThan(second + 1)
    // The same installation keeps its prefix and counter.
    expect(afterRestart.ticket.number.slice(0, 7)).toBe(number.slice(0, 7))
    expect(afterRestart.ticket.number.endsWith('0004')).toBe(true)
    // A server confirming everything empties the outbox; new ids still go up.
    w.tickets.outbox.confirmThrough(afterRestart.mutationId)
    w.reopen()
    expect(w.tickets.pendingCount()).toEqual({ pending: 0, tickets: 0 })
    expect(create(w).mutationId).toBeGreaterThan(afterRestart.mutationId)
  })

  it('refuses an illegal status move with BAD_REQUEST on status and writes nothing', () => {
    const w = world()
    const { ticket } = create(w)
    w.tickets.setStatus({ id: ticket.id, status: 'resolved' })
    w.tickets.setStatus({ id: ticket.id, status: 'closed' })
    const outbox = w.count('ticket_outbox')
    const events = w.count('ticket_events')
    let caught: unknown
    try {
      w.tickets.setStatus({ id: ticket.id, status: 'in-progress' })
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({
      code: 'invalid',
      message: 'A closed ticket cannot change status',
      issues: [{ path: ['status'] }],
    })
    expect(
      () => create(w).ticket && w.tickets.setStatus({ id: ticket.id, status: 'closed' }),
    ).toThrow(/already closed/)
    expect(w.count('ticket_outbox')).toBe(outbox + 1) // only the create in between
    expect(w.count('ticket_events')).toBe(events + 1)
    expect(w.tickets.get(ticket.id).status).toBe('closed')
  })

  it('checks what an intent points at, naming the field', () => {
    const w = world()
    expect(() => create(w, { clientId: 'nope' })).toThrow(
      expect.objectContaining({
        code: 'not-found',
        issues: [expect.objectContaining({ path: ['clientId'] })],
      }),
    )
    expect(() => create(w, { siteId: w.otherSiteId })).toThrow(
      expect.objectContaining({
        code: 'invalid',
        issues: [expect.objectContaining({ path: ['siteId'] })],
      }),
    )
    expect(() => create(w, { deviceIds: [w.otherDeviceId] })).toThrow(
      /elsewhere-01 belongs to another client/,
    )
    const ticket = after(w, create(w, { deviceIds: [w.deviceId, w.deviceId] }))
    expect(ticket.devices).toEqual([{ id: w.deviceId, hostname: 'web-01', missing: false }])
    expect(() => w.tickets.linkDevice({ id: ticket.id, deviceId: w.deviceId })).toThrow(
      /linked to this ticket already/,
    )
    expect(() => w.tickets.setStatus({ id: 'missing', status: 'closed' })).toThrow(/No such ticket/)
    expect(w.count('ticket_outbox')).toBe(1)
  })

  it('records base versions: what the technician saw, else the version at apply time', () => {
    const w = world()
    const ticket = after(w, create(w))
    expect(ticket.versions).toMatchObject({ subject: 0, status: 0 })
    const first = after(w, w.tickets.update({ id: ticket.id, subject: 'One' }))
    expect(first.versions.subject).toBe(1)
    w.tickets.update({ id: ticket.id, subject: 'Two', baseVersions: { subject: 0 } })
    w.tickets.setPriority({ id: ticket.id, impact: 'high' })
    const bases = outboxRows(w).map((r) => JSON.parse(r.base_versions) as Record<string, number>)
    expect(bases).toEqual([{}, { subject: 0 }, { subject: 0 }, { priority: 0, impact: 0 }])
    expect(w.tickets.get(ticket.id).versions).toMatchObject({ subject: 2, impact: 1, priority: 1 })
  })

  it('derives priority from impact × urgency until one is set by hand', () => {
    const w = world()
    const ticket = after(w, create(w, { impact: 'low', urgency: 'low' }))
    expect(ticket.priority).toBe('P4')
    expect(
      after(w, w.tickets.setPriority({ id: ticket.id, impact: 'high', urgency: 'high' })).priority,
    ).toBe('P1')
    const manual = after(w, w.tickets.setPriority({ id: ticket.id, priority: 'P3' }))
    expect(manual).toMatchObject({ priority: 'P3', prioritySource: 'manual' })
    expect(after(w, w.tickets.setPriority({ id: ticket.id, urgency: 'low' })).priority).toBe('P3')
    const back = after(w, w.tickets.setPriority({ id: ticket.id, priority: null }))
    expect(back).toMatchObject({ priority: 'P3', prioritySource: 'matrix' }) // high × low
  })
})

describe('ticket search', () => {
  it('finds words from subject, description and notes, and follows edits', () => {
    const w = world()
    const printer = create(w).ticket
    const vpn = create(w, {
      subject: 'VPN drops every hour',
      description: 'FortiClient on laptops',
    }).ticket
    w.tickets.addNote({
      ticketId: vpn.id,
      body: 'Firmware update on the Fortigate scheduled for Friday',
      visibility: 'internal',
      isPlan: false,
    })
    const search = (query: string) =>
      w.tickets.list(listInput({ queue: 'all', query })).rows.map((r) => r.id)
    expect(search('printer')).toEqual([printer.id])
    expect(search('laserjet jam')).toEqual([printer.id])
    expect(search('forticlient')).toEqual([vpn.id])
    expect(search('fortig firmw')).toEqual([vpn.id])
    expect(search('firmware printer')).toEqual([])
    expect(search(printer.number.toLowerCase())).toEqual([printer.id])

    // Accents and case fold like the index; a long prefix starting many words still works.
    w.tickets.addNote({
      ticketId: printer.id,
      body: `Spoke to Jürgen Müller. ${Array.from({ length: 40 }, (_, i) => `server${i + 10}`).join(' ')}`,
      visibility: 'internal',
      isPlan: false,
    })
    expect(search('MULLER jurg')).toEqual([printer.id])
    expect(search('server1')).toEqual([printer.id])
    expect(search('server49')).toEqual([printer.id])
    expect(search('server50')).toEqual([])
    w.tickets.update({ id: printer.id, subject: 'Scanner offline', description: 'Feeder broken' })
    expect(search('printer')).toEqual([])
    expect(search('laserjet')).toEqual([])
    expect(search('scanner feeder')).toEqual([printer.id])
  })
})

describe('search within a queue', () => {
  it('pages and counts only the matches the queue keeps, in its order', () => {
    const w = world()
    const printers = Array.from({ length: 5 }, (_, i) => {
      w.now += MINUTE
      return create(w, { subject: `Printer ${i} offline` }).ticket
    })
    w.now += MINUTE
    create(w, { subject: 'Scanner offline' })
    for (const closed of [printers[1], printers[3]]) {
      w.now += MINUTE
      w.tickets.setStatus({ id: closed?.id ?? '', status: 'closed' })
    }
    const page = w.tickets.list(listInput({ queue: 'open', query: 'printer', limit: 2, offset: 1 }))
    expect(page.total).toBe(3)
    // Open printers, newest change first: 4, 2, 0; the page skips one and takes two.
    expect(page.rows.map((r) => r.id)).toEqual([printers[2]?.id, printers[0]?.id])
    const byNumber = w.tickets.list(
      listInput({ queue: 'all', query: 'printer', sort: { column: 'number', direction: 'asc' } }),
    )
    expect(byNumber.total).toBe(5)
    expect(byNumber.rows.map((r) => r.id)).toEqual(printers.map((t) => t.id))
  })
})

describe('search over many notes', () => {
  it('looks at the most recent matches only, and says when it left older ones out', () => {
    const w = world()
    const older = create(w, { subject: 'Old router' }).ticket
    w.tickets.addNote({
      ticketId: older.id,
      body: 'modem swapped',
      visibility: 'internal',
      isPlan: false,
    })
    const newer = create(w, { subject: 'New router' }).ticket
    const snapshot = (n: number) => ({
      id: `note-${n}`,
      visibility: 'internal' as const,
      isPlan: false,
      author: 'bob',
      body: `modem reset number ${n}`,
      createdAt: MONDAY_9AM,
    })
    // Give the newer ticket 2000 matching notes through the bulk path (a fresh ticket).
    w.store.transaction(() =>
      w.tickets.snapshots.writeMany(
        [
          {
            ...baseSnapshot(w),
            id: 'bulk-ticket',
            number: 'T-BULK-0001',
            notes: Array.from({ length: SEARCH_WINDOW }, (_, n) => snapshot(n)),
          },
        ],
        w.now,
      ),
    )
    const search = (query: string) => w.tickets.list(listInput({ queue: 'all', query }))
    const modem = search('modem')
    expect(modem).toMatchObject({ total: 1, truncated: true, rows: [{ id: 'bulk-ticket' }] })
    // A narrower search reaches the older ticket again.
    expect(search('modem swapped')).toMatchObject({
      total: 1,
      truncated: false,
      rows: [{ id: older.id }],
    })
    expect(search('router')).toMatchObject({ total: 2, truncated: false })
    expect(newer.id).not.toBe(older.id)
  })
})

function baseSnapshot(w: TicketWorld): TicketSnapshot {
  return {
    id: 'x',
    number: 'T-XXXX-0001',
    clientId: w.clientId,
    siteId: null,
    subject: 'Bulk',
    description: '',
    contact: { name: null, email: null, phone: null },
    type: 'incident',
    board: 'Service Desk',
    status: 'new',
    impact: 'low',
    urgency: 'low',
    priority: 'P4',
    priorityManual: false,
    assignee: null,
    dueAt: null,
    createdBy: 'bob',
    createdAt: w.now,
    updatedAt: w.now,
    firstResponseAt: null,
    resolutionPlanAt: null,
    resolvedAt: null,
    versions: {},
    devices: [],
    events: [{ at: w.now, actor: 'bob', kind: 'created', field: null, from: null, to: 'new' }],
    notes: [],
    timeEntries: [],
    timers: [],
  }
}

/** A tickets.list input with the contract's defaults. */
function listInput(overrides: Partial<Parameters<TicketWorld['tickets']['list']>[0]> = {}) {
  return {
    queue: 'open' as const,
    sort: { column: 'updated' as const, direction: 'desc' as const },
    limit: 100,
    offset: 0,
    ...overrides,
  }
}

describe('ticket queues', () => {
  it('lists and counts mine, unassigned, client, waiting, open and all', () => {
    const w = world('alice')
    const mine = create(w, { assignee: 'alice' }).ticket
    w.now += MINUTE
    const bobs = create(w, { assignee: 'bob' }).ticket
    w.now += MINUTE
    const nobody = create(w).ticket
    w.now += MINUTE
    const waiting = create(w, { assignee: 'alice' }).ticket
    w.tickets.setStatus({ id: waiting.id, status: 'waiting-customer' })
    w.now += MINUTE
    const done = create(w, { assignee: 'alice' }).ticket
    w.tickets.setStatus({ id: done.id, status: 'resolved' })
    w.now += MINUTE
    const other = create(w, { clientId: w.otherClientId, siteId: null }).ticket

    const ids = (input: Parameters<typeof listInput>[0]) =>
      w.tickets.list(listInput(input)).rows.map((r) => r.id)
    expect(ids({ queue: 'mine' })).toEqual([waiting.id, mine.id])
    expect(ids({ queue: 'unassigned' })).toEqual([other.id, nobody.id])
    expect(ids({ queue: 'client', clientId: w.otherClientId })).toEqual([other.id])
    expect(ids({ queue: 'waiting' })).toEqual([waiting.id])
    expect(ids({ queue: 'open' })).toEqual([other.id, waiting.id, nobody.id, bobs.id, mine.id])
    expect(ids({ queue: 'all' })).toHaveLength(6)
    expect(ids({ queue: 'all', status: ['resolved'] })).toEqual([done.id])
    expect(ids({ queue: 'open', assignee: 'bob' })).toEqual([bobs.id])
    expect(ids({ queue: 'all', sort: { column: 'number', direction: 'asc' } })).toEqual([
      mine.id,
      bobs.id,
      nobody.id,
      waiting.id,
      done.id,
      other.id,
    ])
    const page = w.tickets.list(listInput({ queue: 'open', limit: 2, offset: 1 }))
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => r.id)).toEqual([waiting.id, nobody.id])

    w.tickets.linkDevice({ id: bobs.id, deviceId: w.deviceId })
    expect(ids({ queue: 'all', deviceId: w.deviceId })).toEqual([bobs.id])

    expect(w.tickets.queueCounts()).toMatchObject({
      me: 'alice',
      mine: 2,
      unassigned: 2,
      waiting: 1,
      open: 5,
      all: 6,
      pending: w.count('ticket_outbox'),
      clients: [
        { clientId: w.clientId, clientName: 'Dental Partners', open: 4 },
        { clientId: w.otherClientId, clientName: 'Other Co', open: 1 },
      ],
    })
  })

  it("sorts by client name, a client's newest first, keeping tickets of unknown clients", () => {
    const w = world()
    const db = w.store.db
    db.prepare(
      `INSERT INTO clients (id, name, short_code, created_at, updated_at)
       VALUES ('client-3', 'Acme Dental', 'ACME', 0, 0), ('client-4', 'Zephyr Labs', 'ZEPH', 0, 0)`,
    ).run()
    const make = (clientId: string) => {
      w.now += MINUTE
      return create(w, { clientId, siteId: null }).ticket.id
    }
    const dental = [make(w.clientId), make(w.clientId)]
    const acme = [make('client-3'), make('client-3')]
    const other = make(w.otherClientId)
    const gone = make('client-4')
    const ids = (direction: 'asc' | 'desc', queue: 'all' | 'open' = 'all') =>
      w.tickets
        .list(listInput({ queue, sort: { column: 'client', direction } }))
        .rows.map((r) => r.id)
    const byName = [acme[1], acme[0], dental[1], dental[0], other, gone]
    expect(ids('asc')).toEqual(byName)
    expect(ids('desc')).toEqual([gone, other, dental[1], dental[0], acme[1], acme[0]])
    expect(ids('asc', 'open')).toEqual(byName)

    // A ticket whose client this store no longer (or not yet) has is still listed: first A→Z.
    db.prepare("DELETE FROM clients WHERE id = 'client-4'").run()
    expect(ids('asc')).toEqual([gone, ...byName.slice(0, 5)])
    expect(ids('desc')).toEqual([other, dental[1], dental[0], acme[1], acme[0], gone])
    expect(
      w.tickets.list(listInput({ queue: 'all', sort: { column: 'client', direction: 'asc' } }))
        .total,
    ).toBe(6)
  })

  it('puts a ticket in "SLA at risk" once 75% of a target is used, and out when paused', () => {
    const w = world()
    // P1 runs 24x7: first response in 15 minutes, at risk after 11¼.
    const urgent = create(w, { impact: 'high', urgency: 'high' }).ticket
    const calm = create(w, { impact: 'low', urgency: 'low' }).ticket
    const atRisk = () => w.tickets.list(listInput({ queue: 'sla-at-risk' })).rows.map((r) => r.id)
    w.now = MONDAY_9AM + 11 * MINUTE
    expect(atRisk()).toEqual([])
    expect(w.tickets.queueCounts().slaAtRisk).toBe(0)
    w.now = MONDAY_9AM + 12 * MINUTE
    expect(atRisk()).toEqual([urgent.id])
    expect(w.tickets.queueCounts().slaAtRisk).toBe(1)
    const row = w.tickets.list(listInput({ queue: 'sla-at-risk' })).rows[0]
    expect(row?.sla.headline).toMatchObject({ state: 'at-risk', milestone: 'firstResponse' })
    expect(w.tickets.get(calm.id).sla.headline.state).toBe('running')

    // Waiting on the customer pauses the clocks (leaving 'new' also meets first response).
    w.tickets.setStatus({ id: urgent.id, status: 'waiting-customer' })
    expect(atRisk()).toEqual([])
    const paused = w.tickets.get(urgent.id).sla
    expect(paused.paused).toBe(true)
    expect(paused.milestones.firstResponse).toMatchObject({ state: 'met', metAt: w.now })
    expect(paused.milestones.resolutionPlan.state).toBe('paused')
    // Hours later it is still not at risk: waiting time does not count.
    w.now += 5 * 60 * MINUTE
    expect(atRisk()).toEqual([])
    expect(w.tickets.get(urgent.id).sla.milestones.resolutionPlan.usedMs).toBe(12 * MINUTE)
    // Back to work: 48 of 60 minutes are left; at risk once 45 are used, 33 minutes from now.
    w.tickets.setStatus({ id: urgent.id, status: 'in-progress' })
    w.now += 32 * MINUTE
    expect(atRisk()).toEqual([])
    w.now += 1 * MINUTE
    expect(atRisk()).toEqual([urgent.id])
    w.now += 60 * MINUTE
    expect(w.tickets.get(urgent.id).sla.milestones.resolutionPlan.state).toBe('breached')
    // By now (16:46) the P4 ticket has used 7¾ of its 9 business hours for a first response.
    expect(w.tickets.get(calm.id).sla.headline.state).toBe('at-risk')
    expect(atRisk()).toEqual([urgent.id, calm.id])
  })

  it('orders "SLA at risk" by time left, breached first, unless a sort is asked for', () => {
    const w = world()
    // P1 runs 24x7: first response in 15 minutes, at risk after 11¼.
    const p1 = { impact: 'high', urgency: 'high' } as const
    const breached = create(w, p1).ticket
    w.now += 3 * MINUTE
    const sooner = create(w, p1).ticket
    w.now += 3 * MINUTE
    const later = create(w, p1).ticket
    // Touching a ticket makes it the latest change without moving its deadline.
    w.now += 11 * MINUTE
    w.tickets.addNote({
      ticketId: sooner.id,
      body: 'looking',
      visibility: 'internal',
      isPlan: false,
    })
    w.now += 30_000
    const ids = (input: TicketListInput) =>
      w.tickets.list(TicketListSchema.parse(input)).rows.map((r) => r.id)
    expect(ids({ queue: 'sla-at-risk' })).toEqual([breached.id, sooner.id, later.id])
    expect(w.tickets.get(breached.id).sla.headline.state).toBe('breached')
    // A sort the technician picks still wins; other queues keep opening newest change first.
    expect(ids({ queue: 'sla-at-risk', sort: { column: 'updated', direction: 'desc' } })).toEqual([
      sooner.id,
      later.id,
      breached.id,
    ])
    expect(ids({ queue: 'open' })).toEqual([sooner.id, later.id, breached.id])
  })

  it('meets milestones by customer note, plan note and resolving', () => {
    const w = world()
    const { ticket } = create(w)
    w.now += 10 * MINUTE
    w.tickets.addNote({
      ticketId: ticket.id,
      body: 'internal only',
      visibility: 'internal',
      isPlan: false,
    })
    expect(w.tickets.get(ticket.id).sla.milestones.firstResponse.state).toBe('running')
    w.tickets.addNote({
      ticketId: ticket.id,
      body: 'We are on it',
      visibility: 'customer',
      isPlan: false,
    })
    w.now += 10 * MINUTE
    w.tickets.addNote({
      ticketId: ticket.id,
      body: 'Replace the fuser',
      visibility: 'internal',
      isPlan: true,
    })
    w.now += 10 * MINUTE
    w.tickets.setStatus({ id: ticket.id, status: 'resolved' })
    const sla = w.tickets.get(ticket.id).sla
    expect(sla.milestones.firstResponse.metAt).toBe(MONDAY_9AM + 10 * MINUTE)
    expect(sla.milestones.resolutionPlan.metAt).toBe(MONDAY_9AM + 20 * MINUTE)
    expect(sla.milestones.resolved.metAt).toBe(MONDAY_9AM + 30 * MINUTE)
    expect(sla.headline).toMatchObject({ state: 'met', milestone: null })
    // Reopening clears "resolved" only.
    w.now += MINUTE
    const reopened = after(w, w.tickets.setStatus({ id: ticket.id, status: 'in-progress' })).sla
    expect(reopened.milestones.resolved.metAt).toBeUndefined()
    expect(reopened.milestones.firstResponse.metAt).toBe(MONDAY_9AM + 10 * MINUTE)
  })

  it('follows a client SLA plan set later, for its open tickets', () => {
    const w = world()
    const { ticket } = create(w, { impact: 'low', urgency: 'low' })
    expect(w.tickets.slaPlan(w.clientId)).toMatchObject({
      isDefault: true,
      plan: { name: 'Standard' },
    })
    const fast = {
      clock: '24x7' as const,
      targetMinutes: { firstResponse: 4, resolutionPlan: 8, resolved: 16 },
    }
    w.tickets.setSlaPlan(w.clientId, {
      name: 'Gold',
      priorities: { P1: fast, P2: fast, P3: fast, P4: fast },
    })
    w.now += 3 * MINUTE
    expect(w.tickets.list(listInput({ queue: 'sla-at-risk' })).rows.map((r) => r.id)).toEqual([
      ticket.id,
    ])
    expect(w.tickets.get(ticket.id).sla).toMatchObject({ planName: 'Gold', clock: '24x7' })
    w.tickets.setSlaPlan(w.clientId, null)
    expect(w.tickets.list(listInput({ queue: 'sla-at-risk' })).rows).toEqual([])
  })
})

describe('SLA hours', () => {
  it('count with the default hours when a site is never open', () => {
    const w = world()
    w.store.db
      .prepare('UPDATE sites SET business_hours = ? WHERE id = ?')
      .run(JSON.stringify({ timeZone: 'UTC', weekly: {} }), w.siteId)
    const ticket = after(w, create(w))
    expect(ticket.sla).toMatchObject({ timeZone: 'UTC', clock: 'business-hours' })
    expect(ticket.sla.milestones.firstResponse.dueAt).toBe(MONDAY_9AM + 240 * MINUTE)
  })

  it("count a ticket without a site in its client's first site's hours, in a list as in the ticket", () => {
    const w = world()
    // Before Berlin by name, so the client's first site; a zone whose hours differ from UTC's.
    w.store.db
      .prepare(
        `INSERT INTO sites (id, client_id, name, time_zone, business_hours, created_at, updated_at)
         VALUES ('site-auckland', ?, 'Auckland', 'Pacific/Auckland', ?, 0, 0)`,
      )
      .run(w.clientId, JSON.stringify(defaultBusinessHours('Pacific/Auckland')))
    const { ticket } = create(w, { siteId: null })
    const listed = () =>
      w.tickets.list(listInput()).rows.find((row) => row.id === ticket.id)?.sla ?? null
    expect(listed()).toMatchObject({ timeZone: 'Pacific/Auckland' })
    expect(listed()).toEqual(w.tickets.get(ticket.id).sla)
    w.store.db.prepare("DELETE FROM sites WHERE id = 'site-auckland'").run()
    expect(listed()).toMatchObject({ timeZone: 'UTC' })
    expect(listed()).toEqual(w.tickets.get(ticket.id).sla)
  })
})

describe('work timers', () => {
  it('survive a restart and become a time entry when stopped', () => {
    const w = world()
    const { ticket } = create(w)
    const { timer } = w.tickets.startTimer({
      ticketId: ticket.id,
      workType: 'onsite',
      billable: true,
      note: 'Visit',
    })
    expect(() =>
      w.tickets.startTimer({ ticketId: ticket.id, workType: 'onsite', billable: true, note: '' }),
    ).toThrow(/already running/)
    w.reopen()
    expect(w.tickets.timers()).toEqual([
      expect.objectContaining({
        id: timer.id,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        note: 'Visit',
      }),
    ])
    w.now += 47 * MINUTE
    const stopped = w.tickets.stopTimer({ timerId: timer.id })
    const { timeEntry } = stopped
    expect(timeEntry).toMatchObject({
      startedAt: MONDAY_9AM,
      endedAt: MONDAY_9AM + 47 * MINUTE,
      durationMinutes: 47,
      workType: 'onsite',
      note: 'Visit',
      technician: 'alice',
      pendingSync: true,
    })
    expect(after(w, stopped).updatedAt).toBe(w.now)
    expect(w.tickets.timers()).toEqual([])
    expect(() => w.tickets.stopTimer({ timerId: timer.id })).toThrow(/not running/)
  })
})

describe('ticket-bound sessions', () => {
  it('remembers sessions opened for a ticket and drafts a time entry with the commands typed', async () => {
    const w = world()
    const { ticket } = create(w, { deviceIds: [w.deviceId] })
    const header = JSON.stringify({ version: 2, width: 80, height: 24 })
    const keys = ['ls -la\r', 'sudo systemctl restart ngix', '\u007f\u007finx\r', 'exit\r']
    w.casts.set('rec-1', {
      inputRecorded: true,
      asciicast: [
        header,
        ...keys.map((k, i) => JSON.stringify([i, 'i', k])),
        JSON.stringify([9, 'o', 'bye']),
      ].join('\n'),
    })
    const open = sessionSummary({ ticketId: ticket.id, deviceId: w.deviceId, recordingId: 'rec-1' })
    w.emitSession(open)
    expect(w.tickets.sessions(ticket.id)).toEqual([
      expect.objectContaining({ sessionId: 'session-1', state: 'open', host: 'admin@10.0.0.5:22' }),
    ])
    await expect(w.tickets.sessionDraft('session-1')).rejects.toMatchObject({ code: 'conflict' })
    w.emitSession({ ...open, state: 'closed', endedAt: MONDAY_9AM + 25 * MINUTE })
    // Unrelated sessions are not recorded.
    w.emitSession(sessionSummary({ id: 'session-2' }))

    w.reopen()
    const draft = await w.tickets.sessionDraft('session-1')
    expect(draft).toMatchObject({
      ticketId: ticket.id,
      deviceId: w.deviceId,
      recordingId: 'rec-1',
      durationMinutes: 25,
      workType: 'remote',
      commands: ['ls -la', 'sudo systemctl restart nginx', 'exit'],
      loggedTimeEntryId: null,
    })
    expect(draft.note).toBe(
      'Remote session on web-01 (admin@10.0.0.5:22), 25 min.\n\nCommands:\n  ls -la\n  sudo systemctl restart nginx\n  exit',
    )
    const { timeEntry } = w.tickets.addTimeEntry({
      ticketId: draft.ticketId,
      startedAt: draft.startedAt,
      endedAt: draft.endedAt,
      billable: true,
      workType: draft.workType,
      note: draft.note,
      sessionId: draft.sessionId,
      recordingId: draft.recordingId,
    })
    expect(timeEntry).toMatchObject({
      durationMinutes: 25,
      sessionId: 'session-1',
      recordingId: 'rec-1',
    })
    expect((await w.tickets.sessionDraft('session-1')).loggedTimeEntryId).toBe(timeEntry.id)
    expect(w.tickets.get(ticket.id).sessions).toEqual([
      expect.objectContaining({ state: 'closed', timeEntryId: timeEntry.id, recordingId: 'rec-1' }),
    ])
    await expect(w.tickets.sessionDraft('session-2')).rejects.toMatchObject({ code: 'invalid' })
    await expect(w.tickets.sessionDraft('nope')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('lists no commands when keystrokes were not recorded', async () => {
    const w = world()
    const { ticket } = create(w)
    w.casts.set('rec-2', { inputRecorded: false, asciicast: '{"version":2}\n[0.1,"o","$ "]' })
    w.emitSession(
      sessionSummary({
        ticketId: ticket.id,
        recordingId: 'rec-2',
        state: 'closed',
        endedAt: MONDAY_9AM + 20_000,
      }),
    )
    const draft = await w.tickets.sessionDraft('session-1')
    expect(draft).toMatchObject({ commands: [], durationMinutes: 1 })
    expect(draft.note).toBe('Remote session on admin@10.0.0.5:22 (admin@10.0.0.5:22), 1 min.')
  })
})
