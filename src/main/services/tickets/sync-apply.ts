/**
 * The ticket side of team sync: what a pulled page, a refused mutation and "start from the
 * team's data" do to the local tables. Each function runs in the caller's transaction, so a
 * page and the cursor that follows it are saved together or not at all.
 */
import type Database from 'better-sqlite3'
import { parseMutation, TicketSnapshot } from '../../../shared/domain/tickets'
import { rebase, type RejectedMutation } from './rebase'
import { statement } from '../store/statements'
import { readTicketSnapshot } from './snapshot-reader'
import type { TicketSnapshotWriter } from './snapshot-writer'
import type { TicketWriter } from './ticket-writer'

export interface SyncWriters {
  snapshots: TicketSnapshotWriter
  tickets: TicketWriter
}

/** A pending local change that can never reach the server, and why. */
export interface DroppedMutation {
  mutationId: number
  intent: string
  ticketId: string
  reason: string
}

/** One pull page, as far as tickets go. */
export interface PulledTicketPage {
  tickets: readonly TicketSnapshot[]
  /** Tombstones: tickets deleted on the team. */
  deletedTicketIds: readonly string[]
  /** Clients no longer in this technician's scope: their tickets leave this installation. */
  droppedClientIds: readonly string[]
  /** The server applied our outbox up to here. */
  confirmedThrough: number
}

export interface PulledPageResult {
  ticketIds: string[]
  /** Pending changes of tickets that left the installation. */
  dropped: DroppedMutation[]
  /** Pending changes that no longer apply locally on the new base (they stay queued). */
  replayFailed: RejectedMutation[]
}

interface PendingRow {
  mutation_id: number
  intent: string
  ticket_id: string
  payload: string
}

const UNASSIGNED = 'The client of this ticket is no longer assigned to you on the team'
const DELETED = 'This ticket was deleted on the team'

/** Applies one pulled page: confirmations, dropped clients, tombstones, then the new base. */
export function applyPulledTickets(
  db: Database.Database,
  writers: SyncWriters,
  page: PulledTicketPage,
  now: number,
): PulledPageResult {
  db.prepare('DELETE FROM ticket_outbox WHERE mutation_id <= ?').run(page.confirmedThrough)
  const dropped: DroppedMutation[] = []
  const droppedClients = new Set(page.droppedClientIds)
  if (droppedClients.size > 0) {
    const clients = JSON.stringify([...droppedClients])
    const ids = db
      .prepare(
        `SELECT id FROM tickets WHERE client_id IN (SELECT value FROM json_each(?))
         UNION SELECT id FROM ticket_base
           WHERE json_extract(snapshot, '$.clientId') IN (SELECT value FROM json_each(?))
         UNION SELECT o.ticket_id FROM ticket_outbox o
           WHERE o.intent = 'tickets.create'
             AND json_extract(o.payload, '$.clientId') IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(clients, clients, clients) as string[]
    for (const id of ids) dropped.push(...removeTicket(db, id, UNASSIGNED))
  }
  for (const id of page.deletedTicketIds) dropped.push(...removeTicket(db, id, DELETED))
  const kept = page.tickets.filter((t) => !droppedClients.has(t.clientId))
  const { ticketIds, rejected } = rebase(db, writers, { tickets: kept }, now)
  return {
    ticketIds: [...ticketIds, ...dropped.map((d) => d.ticketId)],
    dropped,
    replayFailed: rejected,
  }
}

/**
 * Undoes a mutation the server refused for good: it leaves the outbox and its ticket is
 * rebuilt from the pulled base with the changes still pending replayed on top.
 */
export function revertRefusedMutation(
  db: Database.Database,
  writers: SyncWriters,
  mutationId: number,
  now: number,
): { ticketId: string; intent: string } | null {
  const row = db
    .prepare(
      'SELECT mutation_id, intent, ticket_id, payload FROM ticket_outbox WHERE mutation_id = ?',
    )
    .get(mutationId) as PendingRow | undefined
  if (!row) return null
  db.prepare('DELETE FROM ticket_outbox WHERE mutation_id = ?').run(mutationId)
  rebuildTicket(db, writers, row.ticket_id, now)
  return { ticketId: row.ticket_id, intent: row.intent }
}

/** The working copy of one ticket made again: its pulled base (if any), then what is pending. */
export function rebuildTicket(
  db: Database.Database,
  writers: SyncWriters,
  ticketId: string,
  now: number,
): void {
  const base = db.prepare('SELECT snapshot FROM ticket_base WHERE id = ?').pluck().get(ticketId) as
    string | null | undefined
  // NULL: nothing was pending when it was pulled and no change copied it out since, so the
  // working copy is the base already.
  if (base === null) return
  db.prepare('DELETE FROM tickets WHERE id = ?').run(ticketId)
  if (base !== undefined) writers.snapshots.write(TicketSnapshot.parse(JSON.parse(base)), now)
  const pending = db
    .prepare(
      'SELECT mutation_id, intent, ticket_id, payload FROM ticket_outbox WHERE ticket_id = ? ORDER BY mutation_id',
    )
    .all(ticketId) as PendingRow[]
  for (const row of pending) {
    try {
      db.transaction(() => {
        writers.tickets.apply(parseMutation(row.intent, JSON.parse(row.payload)), row.mutation_id)
      })()
    } catch {
      // It stays queued: the server decides, and its refusal comes back as a rejection.
    }
  }
}

/**
 * Closes the gap left by dropped rows: the server accepts only its last id + 1, so the
 * pending rows are renumbered to follow `lastApplied` (their order is kept).
 */
export function renumberOutbox(db: Database.Database, lastApplied: number): number {
  const first = db.prepare('SELECT min(mutation_id) FROM ticket_outbox').pluck().get() as
    number | null
  if (first === null || first <= lastApplied + 1) return 0
  const shift = first - (lastApplied + 1)
  shiftOutbox(db, shift)
  return shift
}

/** Moves every outbox id (and its events') down by `shift`. */
export function shiftOutbox(db: Database.Database, shift: number): void {
  // Ascending order: every new id is below every id not yet moved, so none collides.
  const rows = db
    .prepare('SELECT mutation_id FROM ticket_outbox ORDER BY mutation_id')
    .pluck()
    .all() as number[]
  const move = db.prepare('UPDATE ticket_outbox SET mutation_id = ? WHERE mutation_id = ?')
  const moveEvents = db.prepare('UPDATE ticket_events SET mutation_id = ? WHERE mutation_id = ?')
  for (const id of rows) {
    move.run(id - shift, id)
    moveEvents.run(id - shift, id)
  }
}

/** "Start from the team's data": local tickets, their base and the outbox go (after a backup). */
export function dropLocalTickets(db: Database.Database): void {
  db.exec('DELETE FROM ticket_outbox; DELETE FROM ticket_base; DELETE FROM tickets;')
}

/**
 * The pulled base versions of a ticket's fields; empty when it was never pulled. A NULL base
 * is the working copy, whose versions are the pulled ones while nothing is pending.
 */
export function pulledVersions(db: Database.Database, ticketId: string): Record<string, number> {
  const raw = db
    .prepare(
      `SELECT coalesce(json_extract(b.snapshot, '$.versions'), t.versions)
       FROM ticket_base b LEFT JOIN tickets t ON t.id = b.id WHERE b.id = ?`,
    )
    .pluck()
    .get(ticketId) as string | null | undefined
  return raw ? (JSON.parse(raw) as Record<string, number>) : {}
}

/**
 * Before the first local change to a ticket pulled with nothing pending (its base NULL: the
 * working copy is the base), the working copy is kept as its base, so a refused change can
 * be undone and a later pull replays what is pending on the right document. Call it in the
 * change's transaction, before the change is applied.
 */
export function keepBaseBeforeChange(db: Database.Database, ticketId: string): void {
  // Runs before every local change: prepared once per connection, not per intent.
  const unkept = statement(db, 'SELECT 1 FROM ticket_base WHERE id = ? AND snapshot IS NULL').get(
    ticketId,
  )
  if (unkept === undefined) return
  const snapshot = readTicketSnapshot(db, ticketId)
  if (snapshot === null) return
  db.prepare('UPDATE ticket_base SET snapshot = ? WHERE id = ?').run(
    JSON.stringify(snapshot),
    ticketId,
  )
}

function removeTicket(db: Database.Database, ticketId: string, reason: string): DroppedMutation[] {
  const pending = db
    .prepare(
      'SELECT mutation_id, intent, ticket_id, payload FROM ticket_outbox WHERE ticket_id = ? ORDER BY mutation_id',
    )
    .all(ticketId) as PendingRow[]
  db.prepare('DELETE FROM ticket_outbox WHERE ticket_id = ?').run(ticketId)
  db.prepare('DELETE FROM ticket_base WHERE id = ?').run(ticketId)
  db.prepare('DELETE FROM tickets WHERE id = ?').run(ticketId)
  return pending.map((p) => ({
    mutationId: p.mutation_id,
    intent: p.intent,
    ticketId: p.ticket_id,
    reason,
  }))
}
