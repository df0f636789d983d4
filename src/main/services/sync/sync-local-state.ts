/**
 * What the sync engine keeps in the local store: where it stands with the team server (server
 * address, who signed in, pull cursor, work-offline), the conflicts the server sent back to
 * this technician and the changes it refused for good. Never a token: the refresh token lives
 * in the vault, the access token in memory only.
 */
import type Database from 'better-sqlite3'
import { z } from 'zod'
import type { SyncConflict, SyncRejection } from '../../../shared/contract/sync'
import { TechnicianRole } from '../../../shared/sync/auth'
import { ConflictDoc } from '../../../shared/sync/protocol'
import { statement } from '../store/statements'

export const SignedInTechnician = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: TechnicianRole,
})
export type SignedInTechnician = z.infer<typeof SignedInTechnician>

const STATE = {
  serverUrl: z.string(),
  technician: SignedInTechnician,
  cursor: z.string(),
  workOffline: z.boolean(),
  lastSyncedAt: z.number(),
  /** The server whose first sync (upload or start from the team) is settled. */
  firstSyncDoneFor: z.string(),
} as const
type StateKey = keyof typeof STATE
type StateValue<K extends StateKey> = z.infer<(typeof STATE)[K]>

/** A conflict as the server sends it. */
export const PulledConflict = ConflictDoc
export type PulledConflict = ConflictDoc

export interface LocalCounts {
  clients: number
  devices: number
  tickets: number
  outbox: number
}

export class SyncLocalState {
  constructor(private readonly db: Database.Database) {}

  get<K extends StateKey>(key: K): StateValue<K> | null {
    const raw = statement(this.db, 'SELECT value FROM sync_state WHERE key = ?')
      .pluck()
      .get(key) as string | undefined
    if (raw === undefined) return null
    const parsed = STATE[key].safeParse(JSON.parse(raw))
    return parsed.success ? (parsed.data as StateValue<K>) : null
  }

  set<K extends StateKey>(key: K, value: StateValue<K> | null, db = this.db): void {
    if (value === null) {
      statement(db, 'DELETE FROM sync_state WHERE key = ?').run(key)
      return
    }
    statement(
      db,
      `INSERT INTO sync_state (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(key, JSON.stringify(value))
  }

  localCounts(): LocalCounts {
    const count = (sql: string): number => statement(this.db, sql).pluck().get() as number
    return {
      clients: count('SELECT count(*) FROM clients'),
      devices: count('SELECT count(*) FROM devices'),
      tickets: count('SELECT count(*) FROM tickets'),
      outbox: count('SELECT count(*) FROM ticket_outbox'),
    }
  }

  /** Every local client, for "upload local data" (tickets follow their client). */
  localClients(): Array<{ id: string; name: string }> {
    return statement(this.db, 'SELECT id, name FROM clients ORDER BY name').all() as Array<{
      id: string
      name: string
    }>
  }

  saveConflict(db: Database.Database, conflict: PulledConflict): void {
    statement(
      db,
      `INSERT INTO sync_conflicts (id, ticket_id, doc, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    ).run(conflict.id, conflict.ticketId, JSON.stringify(conflict), conflict.createdAt)
  }

  deleteConflict(id: string, db = this.db): void {
    statement(db, 'DELETE FROM sync_conflicts WHERE id = ?').run(id)
  }

  conflict(id: string): PulledConflict | null {
    const raw = statement(this.db, 'SELECT doc FROM sync_conflicts WHERE id = ?')
      .pluck()
      .get(id) as string | undefined
    return raw === undefined ? null : PulledConflict.parse(JSON.parse(raw))
  }

  conflicts(): SyncConflict[] {
    const docs = statement(this.db, 'SELECT doc FROM sync_conflicts ORDER BY created_at DESC, id')
      .pluck()
      .all() as string[]
    return docs.map((raw) => {
      const c = PulledConflict.parse(JSON.parse(raw))
      return {
        id: c.id,
        entity: c.entity,
        ticketId: c.ticketId,
        ticketNumber: c.ticketNumber,
        subject: c.subject,
        field: c.field,
        theirs: c.theirs,
        mine: c.mine,
        theirActor: c.theirActor,
        theirAt: c.theirAt,
        createdAt: c.createdAt,
      }
    })
  }

  conflictCount(): number {
    return statement(this.db, 'SELECT count(*) FROM sync_conflicts').pluck().get() as number
  }

  addRejection(db: Database.Database, rejection: SyncRejection): void {
    statement(
      db,
      'INSERT INTO sync_rejections (mutation_id, intent, ticket_id, reason, at) VALUES (?, ?, ?, ?, ?)',
    ).run(
      rejection.mutationId,
      rejection.intent,
      rejection.ticketId,
      rejection.reason,
      rejection.at,
    )
  }

  rejections(): SyncRejection[] {
    const rows = statement(
      this.db,
      `SELECT mutation_id, intent, ticket_id, reason, at FROM sync_rejections
         ORDER BY at DESC, id DESC`,
    ).all() as Array<{
      mutation_id: number
      intent: string
      ticket_id: string | null
      reason: string
      at: number
    }>
    return rows.map((r) => ({
      mutationId: r.mutation_id,
      intent: r.intent,
      ticketId: r.ticket_id,
      reason: r.reason,
      at: r.at,
    }))
  }

  dismissRejection(mutationId: number): number {
    return statement(this.db, 'DELETE FROM sync_rejections WHERE mutation_id = ?').run(mutationId)
      .changes
  }

  rejectionCount(): number {
    return statement(this.db, 'SELECT count(*) FROM sync_rejections').pluck().get() as number
  }
}
