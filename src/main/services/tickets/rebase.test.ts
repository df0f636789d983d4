import { afterEach, describe, expect, it } from 'vitest'
import type { TicketSnapshot } from '../../../shared/domain/tickets'
import { useTempDirs } from '../../testing/temp-dir'
import { BULK_SEARCH_FROM } from './snapshot-writer'
import { revertRefusedMutation } from './sync-apply'
import { MINUTE, MONDAY_9AM, TicketWorld } from '../../testing/ticket-test-world'

const tempDir = useTempDirs()
const worlds: TicketWorld[] = []
afterEach(() => {
  for (const world of worlds.splice(0)) world.close()
})

/** The server's copy of a ticket this installation created: bob edited it meanwhile. */
function serverCopy(w: TicketWorld, id: string, number: string): TicketSnapshot {
  return {
    id,
    number,
    clientId: w.clientId,
    siteId: w.siteId,
    subject: 'Reception printer jams on tray 2',
    description: 'Reported by phone.',
    contact: { name: 'Dana', email: null, phone: null },
    type: 'incident',
    board: 'Service Desk',
    status: 'new',
    impact: 'medium',
    urgency: 'medium',
    priority: 'P3',
    priorityManual: false,
    assignee: 'bob',
    dueAt: null,
    createdBy: 'alice',
    createdAt: MONDAY_9AM,
    updatedAt: MONDAY_9AM + 5 * MINUTE,
    firstResponseAt: null,
    resolutionPlanAt: null,
    resolvedAt: null,
    versions: { subject: 1, assignee: 1 },
    devices: [],
    events: [
      { at: MONDAY_9AM, actor: 'alice', kind: 'created', field: null, from: null, to: 'new' },
      {
        at: MONDAY_9AM + 5 * MINUTE,
        actor: 'bob',
        kind: 'assigned',
        field: 'assignee',
        from: null,
        to: 'bob',
      },
    ],
    notes: [
      {
        id: 'server-note-1',
        visibility: 'internal',
        isPlan: false,
        author: 'bob',
        body: 'Toner cartridge ordered from the distributor',
        createdAt: MONDAY_9AM + 4 * MINUTE,
      },
    ],
    timeEntries: [],
    timers: [],
  }
}

/** The ids of the tickets a search finds, sorted. */
function searchIds(w: TicketWorld, query: string): string[] {
  return w.tickets
    .list({
      queue: 'all',
      query,
      sort: { column: 'updated', direction: 'desc' },
      limit: 100,
      offset: 0,
    })
    .rows.map((r) => r.id)
    .sort()
}

describe('rebase', () => {
  it('gives each pending change the PULLED version of its fields as its base, never the local counter', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    const created = w.tickets.create({
      clientId: w.clientId,
      siteId: w.siteId,
      deviceIds: [],
      subject: 'Printer offline',
      description: 'The LaserJet is offline.',
      type: 'incident',
      board: 'Service Desk',
      impact: 'medium',
      urgency: 'medium',
    })
    const id = created.ticket.id
    // Never pulled: every field's base is 0, however often it is edited locally.
    const unpulled = [
      w.tickets.update({ id, subject: 'Printer offline (1)' }),
      w.tickets.update({ id, subject: 'Printer offline (2)' }),
    ].map((ack) => ack.mutationId)
    w.tickets.rebase({
      tickets: [{ ...serverCopy(w, id, created.ticket.number), versions: { subject: 3 } }],
      confirmedThrough: Math.max(...unpulled),
    })
    // Two offline edits of one field on top of the pulled base (subject at version 3): the
    // working copy counts 4, 5, but both changes were made against the team's version 3. A
    // base of 4 for the second would tell the server it had seen a version 4 that another
    // installation may have written meanwhile, and that change would be overwritten silently.
    const first = w.tickets.update({ id, subject: 'Mine, first try' })
    const second = w.tickets.update({ id, subject: 'Mine, second try' })
    expect(w.tickets.get(id).versions.subject).toBe(5)
    const bases = w.tickets
      .outboxPage({ afterMutationId: 0, limit: 10 })
      .entries.map((e) => [e.mutationId, e.baseVersions])
    expect(bases).toEqual([
      [first.mutationId, { subject: 3 }],
      [second.mutationId, { subject: 3 }],
    ])
    // A caller's older view (it saw version 2 before the pull) is kept: that edit is stale.
    const stale = w.tickets.update({
      id,
      subject: 'From an old screen',
      baseVersions: { subject: 2 },
    })
    expect(w.tickets.outboxPage({ afterMutationId: second.mutationId, limit: 1 }).entries).toEqual([
      expect.objectContaining({ mutationId: stale.mutationId, baseVersions: { subject: 2 } }),
    ])
  })

  it('keeps no second copy of a ticket pulled with nothing pending, until its first local change', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    const pulled = serverCopy(w, 'pulled-1', 'T-0100')
    w.tickets.rebase({ tickets: [pulled] })
    const base = () =>
      w.store.db.prepare('SELECT snapshot FROM ticket_base WHERE id = ?').pluck().get(pulled.id)
    expect(base()).toBeNull()
    // The first change copies the working copy out as the base before it applies...
    const edit = w.tickets.update({ id: pulled.id, subject: 'Tray 2 and tray 3 jam' })
    expect(JSON.parse(base() as string)).toMatchObject({
      subject: pulled.subject,
      versions: pulled.versions,
      notes: pulled.notes,
    })
    expect(
      w.tickets.outboxPage({ afterMutationId: 0, limit: 10 }).entries.map((e) => e.baseVersions),
    ).toEqual([{ subject: 1 }])
    // ...so the server's refusal of it puts the pulled ticket back.
    w.tickets.syncTransaction((db, writers, now) => ({
      result: revertRefusedMutation(db, writers, edit.mutationId, now),
      ticketIds: [pulled.id],
    }))
    expect(w.tickets.get(pulled.id).subject).toBe(pulled.subject)
    expect(w.tickets.outboxPage({ afterMutationId: 0, limit: 10 }).entries).toEqual([])
  })

  it('replaces the base and replays pending mutations on top of it', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    const created = w.tickets.create({
      clientId: w.clientId,
      siteId: w.siteId,
      deviceIds: [],
      subject: 'Printer offline',
      description: 'The LaserJet is offline.',
      type: 'incident',
      board: 'Service Desk',
      impact: 'medium',
      urgency: 'medium',
    })
    const id = created.ticket.id
    w.now += 2 * MINUTE
    const note = w.tickets.addNote({
      ticketId: id,
      body: 'Rebooted the spooler',
      visibility: 'internal',
      isPlan: false,
    })
    w.now += 8 * MINUTE
    const status = w.tickets.setStatus({ id, status: 'in-progress' })

    // The server applied our create; bob renamed the ticket, assigned himself and added a note.
    const result = w.tickets.rebase({
      tickets: [serverCopy(w, id, created.ticket.number)],
      confirmedThrough: created.mutationId,
    })
    expect(result).toEqual({ tickets: 1, confirmed: 1, replayed: 2, rejected: [] })

    const ticket = w.tickets.get(id)
    expect(ticket).toMatchObject({
      subject: 'Reception printer jams on tray 2',
      assignee: 'bob',
      status: 'in-progress',
      contact: { name: 'Dana' },
      pendingSync: true,
      // The server's versions, plus one for the replayed status change.
      versions: { subject: 1, assignee: 1, status: 1 },
      statusHistory: [
        { status: 'new', at: MONDAY_9AM },
        { status: 'in-progress', at: MONDAY_9AM + 10 * MINUTE },
      ],
    })
    expect(ticket.notes.map((n) => [n.id, n.pendingSync])).toEqual([
      ['server-note-1', false],
      [note.note.id, true],
    ])
    expect(ticket.sla.milestones.firstResponse.metAt).toBe(MONDAY_9AM + 10 * MINUTE)
    expect(
      w.tickets.outboxPage({ afterMutationId: 0, limit: 10 }).entries.map((e) => e.mutationId),
    ).toEqual([note.mutationId, status.mutationId])
    const base = w.store.db.prepare('SELECT snapshot FROM ticket_base WHERE id = ?').pluck().get(id)
    expect(JSON.parse(base as string)).toMatchObject({
      subject: 'Reception printer jams on tray 2',
    })

    // Search follows the rebuilt working copy: old words gone, the server's and ours found.
    const search = (query: string) => searchIds(w, query)
    expect(search('laserjet')).toEqual([])
    expect(search('tray')).toEqual([id])
    expect(search('toner distributor')).toEqual([id])
    expect(search('spooler')).toEqual([id])
    expect(w.count('ticket_notes')).toBe(2)
    // Nothing stale left in the index: one row for the ticket's text and one per note.
    expect(w.count('ticket_search')).toBe(1 + 2)
  })

  it('reports a pending mutation that no longer applies, and keeps it in the outbox', () => {
    const w = new TicketWorld(tempDir())
    worlds.push(w)
    const created = w.tickets.create({
      clientId: w.clientId,
      deviceIds: [],
      subject: 'Printer offline',
      description: '',
      type: 'incident',
      board: 'Service Desk',
      impact: 'medium',
      urgency: 'medium',
    })
    const id = created.ticket.id
    w.now += MINUTE
    const status = w.tickets.setStatus({ id, status: 'scheduled' })
    const note = w.tickets.addNote({
      ticketId: id,
      body: 'Visit on Friday',
      visibility: 'customer',
      isPlan: false,
    })
    const closed: TicketSnapshot = {
      ...serverCopy(w, id, created.ticket.number),
      status: 'closed',
      resolvedAt: MONDAY_9AM + 30_000,
      events: [
        { at: MONDAY_9AM, actor: 'alice', kind: 'created', field: null, from: null, to: 'new' },
        {
          at: MONDAY_9AM + 30_000,
          actor: 'bob',
          kind: 'status',
          field: 'status',
          from: 'new',
          to: 'closed',
        },
      ],
    }
    const result = w.tickets.rebase({ tickets: [closed], confirmedThrough: created.mutationId })
    expect(result.replayed).toBe(1)
    expect(result.rejected).toEqual([
      {
        mutationId: status.mutationId,
        intent: 'tickets.setStatus',
        reason: 'A closed ticket cannot change status',
      },
    ])
    const ticket = w.tickets.get(id)
    expect(ticket.status).toBe('closed')
    expect(ticket.notes.map((n) => n.id)).toEqual(['server-note-1', note.note.id])
    expect(w.tickets.pendingCount().pending).toBe(2)
  })

  it('indexes a page of many tickets in bulk exactly as ticket by ticket, and live writes after it are indexed again', () => {
    const bulk = new TicketWorld(tempDir())
    const single = new TicketWorld(tempDir())
    worlds.push(bulk, single)
    const page = Array.from({ length: BULK_SEARCH_FROM + 5 }, (_, i) => {
      const ticket = serverCopy(bulk, `ticket-${i}`, `T-${100 + i}`)
      return {
        ...ticket,
        // Half on a site, half on the client's first site: both ways of finding the hours.
        siteId: i % 2 === 0 ? bulk.siteId : null,
        priority: i % 3 === 0 ? ('P1' as const) : ('P3' as const),
        subject: `Switch ${i} loops`,
        notes: ticket.notes.map((n) => ({ ...n, id: `note-${i}`, body: `Patched port ${i}` })),
      }
    })
    // Some of the page replaces tickets pulled before, whose words must leave the index.
    const older = page.slice(0, 3).map((t) => ({ ...t, subject: 'Obsolete wording', notes: [] }))
    for (const w of [bulk, single]) w.tickets.rebase({ tickets: older })
    bulk.tickets.rebase({ tickets: page })
    for (let i = 0; i < page.length; i += BULK_SEARCH_FROM - 1) {
      single.tickets.rebase({ tickets: page.slice(i, i + BULK_SEARCH_FROM - 1) })
    }
    const search = searchIds
    const columns = (w: TicketWorld) =>
      w.store.db
        .prepare('SELECT id, sla_due_at, sla_risk_at FROM tickets ORDER BY id')
        .all() as Array<{ id: string; sla_due_at: number | null; sla_risk_at: number | null }>
    for (const query of ['obsolete', 'switch', 'loops', 'patched port', 'switch 7']) {
      expect(search(bulk, query), query).toEqual(search(single, query))
    }
    expect(search(bulk, 'obsolete')).toEqual([])
    expect(search(bulk, 'patched')).toHaveLength(page.length)
    expect(bulk.count('ticket_search')).toBe(2 * page.length)
    expect(single.count('ticket_search')).toBe(2 * page.length)
    expect(columns(bulk)).toEqual(columns(single))
    expect(columns(bulk).some((c) => c.sla_due_at !== null)).toBe(true)

    bulk.now += MINUTE
    bulk.tickets.addNote({
      ticketId: 'ticket-0',
      body: 'Rolled the firmware back',
      visibility: 'internal',
      isPlan: false,
    })
    bulk.tickets.create({
      clientId: bulk.clientId,
      deviceIds: [],
      subject: 'Firmware update failed',
      description: '',
      type: 'incident',
      board: 'Service Desk',
      impact: 'low',
      urgency: 'low',
    })
    expect(search(bulk, 'firmware')).toHaveLength(2)
  })
})
