import { randomUUID } from 'node:crypto'
import {
  applyTicketMutation,
  parseMutation,
  TicketRuleError,
  TicketSnapshot,
  type FieldConflict,
} from '../../shared/domain/tickets'
import type {
  ConflictDoc,
  EntityChange,
  MutationOutcome,
  PullRequest,
  PullResponse,
  PushMutation,
  PushResponse,
} from '../../shared/sync/protocol'
import type { Principal } from '../auth/auth-service'
import type { Scope, ServerDatabase, Sql } from '../db/database'
import { decodeCursor, encodeCursor } from './cursor'

/** Notified after a commit that changed a client's rows; every server process listens. */
export const CHANGES_CHANNEL = 'switchboard_changes'

export { ConflictDoc } from '../../shared/sync/protocol'

/** A mutation whose id is not the next one: an earlier one is missing. */
export class OutOfOrderError extends Error {}

/**
 * Push and pull. Each pushed mutation is applied in its own transaction that locks the
 * installation's row and accepts only the next id, so a replay is answered "already applied"
 * and a concurrent duplicate waits and then finds it applied. Rules are re-run here, on the
 * server's copy: the app's word for a ticket's state counts for nothing.
 */
export class SyncService {
  constructor(
    private readonly db: ServerDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async push(principal: Principal, mutations: PushMutation[]): Promise<PushResponse> {
    const outcomes: MutationOutcome[] = []
    let lastMutationId = await this.lastMutationId(principal)
    for (const mutation of mutations) {
      try {
        const outcome = await this.applyOne(principal, mutation)
        outcomes.push(outcome)
        lastMutationId = Math.max(lastMutationId, mutation.mutationId)
      } catch (error) {
        // Out of order, or the database failed: the rest of the batch waits for a retry.
        const reason =
          error instanceof OutOfOrderError ? error.message : 'the server could not apply it now'
        return { outcomes, lastMutationId, stopped: { mutationId: mutation.mutationId, reason } }
      }
    }
    return { outcomes, lastMutationId }
  }

  async pull(principal: Principal, request: PullRequest): Promise<PullResponse> {
    const cursor = decodeCursor(request.cursor)
    return this.db.transaction(scopeOf(principal), async (sql) => {
      const visible = (await sql.query<{ id: string }>('SELECT id FROM clients')).rows.map(
        (r) => r.id,
      )
      const visibleSet = new Set(visible)
      const droppedClientIds = Object.keys(cursor).filter((id) => !visibleSet.has(id))
      const since = Object.fromEntries(visible.map((id) => [id, cursor[id] ?? 0]))
      const { rows } = await sql.query<{
        kind: EntityChange['kind']
        id: string
        client_id: string
        version: string
        doc: Record<string, unknown> | null
      }>(
        `SELECT e.kind, e.id, e.client_id, e.version, e.doc
         FROM jsonb_each_text($1::jsonb) AS c(client_id, since)
         JOIN entities e ON e.client_id = c.client_id::uuid AND e.version > c.since::bigint
         ORDER BY e.client_id, e.version
         LIMIT $2`,
        [JSON.stringify(since), request.limit + 1],
      )
      const hasMore = rows.length > request.limit
      const page = rows.slice(0, request.limit)
      const next: Record<string, number> = { ...since }
      for (const row of page) next[row.client_id] = Number(row.version)
      const installation = await sql.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM installations WHERE id = $1',
        [principal.installationId],
      )
      await sql.query('UPDATE installations SET last_seen_at = now() WHERE id = $1', [
        principal.installationId,
      ])
      return {
        changes: page.map((r) => ({
          kind: r.kind,
          id: r.id,
          clientId: r.client_id,
          version: Number(r.version),
          doc: r.doc,
        })),
        droppedClientIds,
        cursor: encodeCursor(next),
        hasMore,
        lastMutationId: Number(installation.rows[0]?.last_mutation_id ?? 0),
      }
    })
  }

  private async lastMutationId(principal: Principal): Promise<number> {
    return this.db.transaction(scopeOf(principal), async (sql) => {
      const { rows } = await sql.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM installations WHERE id = $1',
        [principal.installationId],
      )
      return Number(rows[0]?.last_mutation_id ?? 0)
    })
  }

  private async applyOne(principal: Principal, pushed: PushMutation): Promise<MutationOutcome> {
    return this.db.transaction(scopeOf(principal), async (sql) => {
      const { rows } = await sql.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM installations WHERE id = $1 FOR UPDATE',
        [principal.installationId],
      )
      const last = Number(rows[0]?.last_mutation_id ?? 0)
      if (pushed.mutationId <= last) {
        return { mutationId: pushed.mutationId, status: 'already-applied' as const }
      }
      if (pushed.mutationId !== last + 1) {
        throw new OutOfOrderError(
          `mutation ${pushed.mutationId} is out of order: the server expects ${last + 1} next`,
        )
      }
      const outcome = await this.applyTicketIntent(sql, principal, pushed).catch(
        (error: unknown) => {
          if (error instanceof TicketRuleError) {
            return {
              mutationId: pushed.mutationId,
              status: 'rejected' as const,
              reason: error.message,
            }
          }
          throw error
        },
      )
      await sql.query('UPDATE installations SET last_mutation_id = $2 WHERE id = $1', [
        principal.installationId,
        pushed.mutationId,
      ])
      return outcome
    })
  }

  private async applyTicketIntent(
    sql: Sql,
    principal: Principal,
    pushed: PushMutation,
  ): Promise<MutationOutcome> {
    const rejected = (reason: string): MutationOutcome => ({
      mutationId: pushed.mutationId,
      status: 'rejected',
      reason,
    })
    let mutation
    try {
      mutation = parseMutation(pushed.intent, pushed.payload)
    } catch {
      return rejected(`The ${pushed.intent} change is not in a form this server accepts`)
    }
    const ticketId =
      'ticketId' in mutation.payload ? mutation.payload.ticketId : mutation.payload.id
    const existing = await sql.query<{ client_id: string; doc: unknown }>(
      "SELECT client_id, doc FROM entities WHERE kind = 'ticket' AND id = $1 FOR UPDATE",
      [ticketId],
    )
    const row = existing.rows[0]
    const clientId =
      mutation.intent === 'tickets.create' ? mutation.payload.clientId : (row?.client_id ?? null)
    if (clientId === null) return rejected('No such ticket, or it is not in your clients')
    // Under the caller's scope the client row is there only if they may work on it.
    const client = await sql.query('SELECT 1 FROM clients WHERE id = $1', [clientId])
    if (client.rows.length === 0) return rejected('That client is not one of yours on the team')
    if (mutation.intent === 'tickets.create' && row) {
      return rejected('A ticket with this id exists already')
    }
    const current = row?.doc ? TicketSnapshot.parse(row.doc) : null
    const version = await this.nextVersion(sql, clientId)
    const { snapshot, conflicts } = applyTicketMutation(current, mutation, {
      version,
      baseVersions: pushed.baseVersions,
      installationId: principal.installationId,
    })
    const unstorable = unstorableText(snapshot)
    if (unstorable) return rejected(unstorable)
    const duplicate = await this.claimKeys(sql, clientId, current, snapshot)
    if (duplicate) return rejected(duplicate)
    await sql.query(
      `INSERT INTO entities (kind, id, client_id, version, doc) VALUES ('ticket', $1, $2, $3, $4)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, doc = excluded.doc`,
      [snapshot.id, clientId, version, JSON.stringify(snapshot)],
    )
    const conflictIds: string[] = []
    for (const conflict of conflicts) {
      conflictIds.push(
        await this.recordConflict(sql, principal, clientId, snapshot, conflict, pushed.mutationId),
      )
    }
    await sql.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, clientId])
    return conflictIds.length > 0
      ? { mutationId: pushed.mutationId, status: 'conflict', conflictIds }
      : { mutationId: pushed.mutationId, status: 'applied' }
  }

  private async recordConflict(
    sql: Sql,
    principal: Principal,
    clientId: string,
    snapshot: TicketSnapshot,
    conflict: FieldConflict,
    mutationId: number,
  ): Promise<string> {
    const theirEvent = [...snapshot.events]
      .reverse()
      .find(
        (e) => e.field === conflict.field || (conflict.field === 'status' && e.kind === 'status'),
      )
    const doc: ConflictDoc = {
      id: randomUUID(),
      ticketId: snapshot.id,
      ticketNumber: snapshot.number,
      subject: snapshot.subject,
      field: conflict.field,
      theirs: conflict.theirs,
      mine: conflict.mine,
      theirActor: theirEvent?.actor ?? null,
      theirAt: theirEvent?.at ?? null,
      mutationId,
      createdAt: this.now(),
    }
    await sql.query(
      `INSERT INTO entities (kind, id, client_id, version, owner_id, doc)
       VALUES ('conflict', $1, $2, $3, $4, $5)`,
      [
        doc.id,
        clientId,
        await this.nextVersion(sql, clientId),
        principal.technicianId,
        JSON.stringify(doc),
      ],
    )
    return doc.id
  }

  /**
   * Ticket numbers and the ids of notes, time entries and timers are unique across every
   * ticket (the app's store insists on it), though a mutation only sees its own ticket. New
   * ones are claimed in one table; a claim someone else holds rejects the mutation.
   */
  private async claimKeys(
    sql: Sql,
    clientId: string,
    current: TicketSnapshot | null,
    next: TicketSnapshot,
  ): Promise<string | null> {
    const keys = (t: TicketSnapshot | null): string[] =>
      t === null
        ? []
        : [
            `number:${t.number}`,
            ...t.notes.map((n) => `note:${n.id}`),
            ...t.timeEntries.map((e) => `entry:${e.id}`),
            ...t.timers.map((x) => `timer:${x.id}`),
          ]
    const held = new Set(keys(current))
    for (const key of keys(next).filter((k) => !held.has(k))) {
      const claimed = await sql.query(
        `INSERT INTO ticket_keys (key, ticket_id, client_id) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO NOTHING RETURNING 1`,
        [key, next.id, clientId],
      )
      if (claimed.rows.length === 0) {
        return `Another ticket already has ${key.replace(':', ' ')}; the change was not applied`
      }
    }
    return null
  }

  /** The client's next version; its row stays locked until this transaction ends. */
  private async nextVersion(sql: Sql, clientId: string): Promise<number> {
    const { rows } = await sql.query<{ version: string }>(
      `INSERT INTO tenant_versions (client_id, version) VALUES ($1, 1)
       ON CONFLICT (client_id) DO UPDATE SET version = tenant_versions.version + 1
       RETURNING version`,
      [clientId],
    )
    return Number(rows[0]?.version)
  }
}

/**
 * PostgreSQL's jsonb holds no NUL character and no lone UTF-16 surrogate. Such text is refused
 * for good here, rather than failing the insert on every retry and stalling the queue.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function unstorableText(value: unknown): string | null {
  const bad = (v: unknown): boolean => {
    if (typeof v === 'string') return v.includes('\u0000') || LONE_SURROGATE.test(v)
    if (Array.isArray(v)) return v.some(bad)
    if (v !== null && typeof v === 'object') return Object.values(v).some(bad)
    return false
  }
  return bad(value)
    ? 'The change holds characters the team server cannot store (a NUL or a broken emoji)'
    : null
}

function scopeOf(principal: Principal): Scope {
  return { technicianId: principal.technicianId, role: principal.role }
}
