/**
 * Rebase: what a pull from the team server will do. The server's confirmed tickets replace
 * the base, the working copy of those tickets is reset to it, and the mutations still pending
 * in the outbox are replayed on top, in order, through the same writer live intents use. No
 * server calls it yet; it exists so the local model is ready for one, and is tested.
 */
import type Database from 'better-sqlite3'
import { parseMutation, type TicketSnapshot } from '../../../shared/domain/tickets'
import type { TicketWriter } from './ticket-writer'
import type { TicketSnapshotWriter } from './snapshot-writer'

/** What a pull brings: confirmed tickets, and how far the server has applied our outbox. */
export interface PulledBase {
  /** Parsed with TicketSnapshot already (the sync engine parses each pulled document). */
  tickets: readonly TicketSnapshot[]
  /** The server applied every mutation of ours up to this id; they leave the outbox. */
  confirmedThrough?: number
}

/** A pending mutation that no longer applies on the new base (it stays in the outbox). */
export interface RejectedMutation {
  mutationId: number
  intent: string
  reason: string
}

/** What a rebase did. */
export interface RebaseResult {
  tickets: number
  confirmed: number
  replayed: number
  rejected: RejectedMutation[]
}

interface PendingRow {
  mutation_id: number
  intent: string
  ticket_id: string
  payload: string
}

/**
 * Replaces the base with `base` and rebuilds the working copy of its tickets: base, then every
 * pending mutation of those tickets replayed in mutation order. Runs in the caller's
 * transaction; a mutation that fails on the new base is rolled back alone (a savepoint) and
 * reported, so the server can decide. Returns the ids of the tickets it touched.
 */
export function rebase(
  db: Database.Database,
  writers: { snapshots: TicketSnapshotWriter; tickets: TicketWriter },
  base: PulledBase,
  now: number,
): RebaseResult & { ticketIds: string[] } {
  const snapshots = base.tickets
  const confirmed =
    base.confirmedThrough === undefined
      ? 0
      : db.prepare('DELETE FROM ticket_outbox WHERE mutation_id <= ?').run(base.confirmedThrough)
          .changes
  const ids = snapshots.map((s) => s.id)
  const pending =
    ids.length === 0
      ? []
      : (db
          .prepare(
            `SELECT mutation_id, intent, ticket_id, payload FROM ticket_outbox
             WHERE ticket_id IN (SELECT value FROM json_each(?)) ORDER BY mutation_id`,
          )
          .all(JSON.stringify(ids)) as PendingRow[])
  // Only a ticket with changes still pending keeps its base apart from its working copy: for
  // the others (nearly all of a first sync) the working copy is the base, and a NULL base
  // says so (keepBaseBeforeChange copies it out before the first local change).
  const changed = new Set(pending.map((p) => p.ticket_id))
  const saveBase = db.prepare(
    `INSERT INTO ticket_base (id, snapshot, pulled_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, pulled_at = excluded.pulled_at`,
  )
  for (const snapshot of snapshots) {
    saveBase.run(snapshot.id, changed.has(snapshot.id) ? JSON.stringify(snapshot) : null, now)
  }
  writers.snapshots.writeBatch(snapshots, now)
  const rejected: RejectedMutation[] = []
  let replayed = 0
  for (const row of pending) {
    try {
      db.transaction(() => {
        const mutation = parseMutation(row.intent, JSON.parse(row.payload))
        writers.tickets.apply(mutation, row.mutation_id)
      })()
      replayed += 1
    } catch (error) {
      rejected.push({
        mutationId: row.mutation_id,
        intent: row.intent,
        reason: error instanceof Error ? error.message : String(error),
      })
    }
  }
  return { tickets: snapshots.length, confirmed, replayed, rejected, ticketIds: ids }
}
