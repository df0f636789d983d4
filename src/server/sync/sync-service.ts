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
  PushMutation,
  PushResponse,
} from '../../shared/sync/protocol'
import { FieldVersions } from '../../shared/contract/tickets'
import type { Principal } from '../auth/auth-service'
import type { Scope, ServerDatabase, Sql } from '../db/database'
import { isInventoryIntent } from '../../shared/sync/inventory'
import { isSavedViewIntent } from '../../shared/sync/saved-views'
import { decodeCursor, encodeCursor } from './cursor'
import { applyInventoryIntent } from './inventory-intents'
import { insertConflict } from './conflict-rows'
import type { IntentResult } from './intent-result'
import { applySavedViewIntent } from './saved-view-intents'

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
    /** Hears of each failure that stopped a batch (not an out-of-order id): the log's. */
    private readonly onFailure: (error: unknown, mutationId: number) => void = () => undefined,
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
        if (isPermanentDatabaseError(error)) {
          // The database refuses this change for good (a constraint, a policy): retrying it
          // would stall the queue forever, so it is refused and the id moves on.
          const outcome = await this.refuseOne(principal, mutation)
          if (outcome) {
            outcomes.push(outcome)
            lastMutationId = Math.max(lastMutationId, mutation.mutationId)
            continue
          }
        }
        if (!(error instanceof OutOfOrderError)) this.onFailure(error, mutation.mutationId)
        // Out of order, or the database failed: the rest of the batch waits for a retry.
        const reason =
          error instanceof OutOfOrderError ? error.message : 'the server could not apply it now'
        return { outcomes, lastMutationId, stopped: { mutationId: mutation.mutationId, reason } }
      }
    }
    return { outcomes, lastMutationId }
  }

  /**
   * A pull page as the JSON text the route sends. Documents go from PostgreSQL's text straight
   * into the reply, never parsed and serialised again on the way (most of a page is documents).
   */
  async pullJson(principal: Principal, request: PullRequest): Promise<string> {
    const cursor = decodeCursor(request.cursor)
    return this.db.transaction(scopeOf(principal), async (sql) => {
      // Every visible client with its newest version: a client whose version is past the
      // cursor has changes. (Under row-level security both tables show only the caller's.)
      const tenants = await sql.query<{ id: string; version: string | null }>(
        `SELECT c.id, v.version FROM clients c LEFT JOIN tenant_versions v ON v.client_id = c.id
         ORDER BY c.id`,
      )
      const visible = new Set(tenants.rows.map((t) => t.id))
      const droppedClientIds = Object.keys(cursor.tenants).filter((id) => !visible.has(id))
      const next: Record<string, number> = {}
      // Take clients in order until their pending versions cover a page: a client's rows
      // number at most (its version - the cursor's), so no query fetches far more than it sends.
      const chosen: Array<{ id: string; since: number; upTo: number; limit: number }> = []
      let budget = request.limit + 1
      let more = false
      for (const tenant of tenants.rows) {
        const since = cursor.tenants[tenant.id] ?? 0
        const upTo = Number(tenant.version ?? 0)
        next[tenant.id] = since
        if (upTo <= since) continue
        if (budget <= 0) {
          more = true
          continue
        }
        const limit = Math.min(budget, upTo - since)
        chosen.push({ id: tenant.id, since, upTo, limit })
        budget -= limit
      }
      // Typed arrays and a LATERAL per client: under row-level security only leakproof
      // operators (uuid =, bigint >) may use the (client_id, version) index before the
      // policy's own check runs; a text cast in the condition made every pull scan the table.
      // A page also ends once its documents pass PAGE_BYTES (at least one row always goes):
      // rows are counted, not weighed, and a client's large snapshots must not make a page
      // too big to send, or every pull of it fail. Rows past the budget come without their
      // document, only to say where the page was cut.
      const { rows } = await sql.query<{
        kind: EntityChange['kind']
        id: string
        client_id: string
        version: string
        doc: string | null
        over: boolean
      }>(
        `SELECT kind, id, client_id, version,
           CASE WHEN before < $4 THEN doc::text END AS doc, before >= $4 AS over
         FROM (
           SELECT e.kind, e.id, e.client_id, e.version, e.doc, c.ord,
             coalesce(sum(pg_column_size(e.doc)) OVER (ORDER BY c.ord, e.version
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
           FROM unnest($1::uuid[], $2::bigint[], $3::int[]) WITH ORDINALITY AS c(client_id, since, lim, ord)
           CROSS JOIN LATERAL (
             SELECT e.kind, e.id, e.client_id, e.version, e.doc FROM entities e
             WHERE e.client_id = c.client_id AND e.version > c.since
             ORDER BY e.version LIMIT c.lim
           ) e
         ) p
         ORDER BY ord, version`,
        [
          chosen.map((c) => c.id),
          chosen.map((c) => c.since),
          chosen.map((c) => c.limit),
          PAGE_BYTES,
        ],
      )
      const overAt = rows.findIndex((r) => r.over)
      const end = Math.min(request.limit, overAt < 0 ? rows.length : overAt)
      const page = rows.slice(0, end)
      const hasMore = more || rows.length > end
      const returned = new Map<string, { count: number; last: number }>()
      for (const row of page) {
        const seen = returned.get(row.client_id) ?? { count: 0, last: 0 }
        returned.set(row.client_id, { count: seen.count + 1, last: Number(row.version) })
      }
      // The client of the first row not sent, and every client after it, are not read to
      // their end.
      const cutRow = rows[end]
      const cutAt = cutRow ? chosen.findIndex((c) => c.id === cutRow.client_id) : chosen.length
      for (const [at, client] of chosen.entries()) {
        const got = returned.get(client.id)
        // Read to its end: not cut by the page, and either fewer rows than asked for came
        // back or all it could hold was asked for.
        const complete =
          at < cutAt &&
          ((got?.count ?? 0) < client.limit || client.limit === client.upTo - client.since)
        // A client read to its end moves to its version (past any gap left by a rejected
        // mutation); one cut short moves to the last row sent.
        next[client.id] = complete
          ? Math.max(client.upTo, got?.last ?? 0)
          : (got?.last ?? client.since)
        if (!complete) more = true
      }
      const installation = await sql.query<{ last_mutation_id: string }>(
        `UPDATE installations SET last_seen_at = now() WHERE id = $1 RETURNING last_mutation_id`,
        [principal.installationId],
      )
      // The technician's own rows fill what room the page has left (a query for one more
      // tells whether any wait when it has none).
      const room = request.limit - page.length
      const personal = await sql.query<{
        kind: string
        id: string
        version: string
        doc: string | null
      }>(
        `SELECT kind, id, version, doc::text AS doc FROM personal_entities
         WHERE technician_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
        [principal.technicianId, cursor.personal, room + 1],
      )
      const ownRows = personal.rows.slice(0, room)
      if (personal.rows.length > room) more = true
      const personalNext = Number(ownRows.at(-1)?.version ?? cursor.personal)
      const changes = page.map(
        (r) =>
          `{"kind":${JSON.stringify(r.kind)},"id":${JSON.stringify(r.id)},"clientId":"${r.client_id}","version":${Number(r.version)},"doc":${r.doc ?? 'null'}}`,
      )
      for (const r of ownRows) {
        changes.push(
          `{"kind":${JSON.stringify(r.kind)},"id":${JSON.stringify(r.id)},"clientId":null,"version":${Number(r.version)},"doc":${r.doc ?? 'null'}}`,
        )
      }
      return `{"changes":[${changes.join(',')}],"droppedClientIds":${JSON.stringify(
        droppedClientIds,
      )},"cursor":${JSON.stringify(encodeCursor({ tenants: next, personal: personalNext }))},"hasMore":${hasMore || more},"lastMutationId":${Number(
        installation.rows[0]?.last_mutation_id ?? 0,
      )}}`
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
      // The installation's id moves on in the statement that locks its row (the move counts
      // only if this transaction commits, whatever the outcome). A concurrent push of the same
      // id waits here and, once this one commits, matches no row.
      const moved = await sql.query(
        `UPDATE installations SET last_mutation_id = $2
         WHERE id = $1 AND last_mutation_id = $2::bigint - 1 RETURNING 1`,
        [principal.installationId, pushed.mutationId],
      )
      if (moved.rows.length === 0) {
        const { rows } = await sql.query<{ last_mutation_id: string }>(
          'SELECT last_mutation_id FROM installations WHERE id = $1',
          [principal.installationId],
        )
        const last = Number(rows[0]?.last_mutation_id ?? 0)
        if (pushed.mutationId <= last) {
          return { mutationId: pushed.mutationId, status: 'already-applied' as const }
        }
        throw new OutOfOrderError(
          `mutation ${pushed.mutationId} is out of order: the server expects ${last + 1} next`,
        )
      }
      const intent = isInventoryIntent(pushed.intent)
        ? applyInventoryIntent(sql, principal, pushed, {
            nextVersion: (clientId) => this.nextVersion(sql, clientId),
            unstorable: unstorableText,
            now: this.now,
          })
        : isSavedViewIntent(pushed.intent)
          ? applySavedViewIntent(sql, principal, pushed, unstorableText)
          : this.applyTicketIntent(sql, principal, pushed)
      const { outcome, changedClientId, notified }: IntentResult = await intent.catch(
        (error: unknown) => {
          if (error instanceof TicketRuleError) {
            const outcome: MutationOutcome = {
              mutationId: pushed.mutationId,
              status: 'rejected',
              reason: error.message,
            }
            return { outcome, changedClientId: null }
          }
          throw error
        },
      )
      // Listeners hear of the change at commit (pg_notify is delivered then, or not at all).
      if (changedClientId !== null && notified !== true) {
        await sql.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, changedClientId])
      }
      return outcome
    })
  }

  /** Advances the id past a change the database refused; null when it is not next. */
  private async refuseOne(
    principal: Principal,
    pushed: PushMutation,
  ): Promise<MutationOutcome | null> {
    return this.db.transaction(scopeOf(principal), async (sql) => {
      const { rows } = await sql.query<{ last_mutation_id: string }>(
        'SELECT last_mutation_id FROM installations WHERE id = $1 FOR UPDATE',
        [principal.installationId],
      )
      if (Number(rows[0]?.last_mutation_id ?? 0) + 1 !== pushed.mutationId) return null
      await sql.query('UPDATE installations SET last_mutation_id = $2 WHERE id = $1', [
        principal.installationId,
        pushed.mutationId,
      ])
      return {
        mutationId: pushed.mutationId,
        status: 'rejected' as const,
        reason: 'The team server cannot store this change (it clashes with data you cannot see)',
      }
    })
  }

  private async applyTicketIntent(
    sql: Sql,
    principal: Principal,
    pushed: PushMutation,
  ): Promise<IntentResult> {
    const rejected = (reason: string) => ({
      outcome: { mutationId: pushed.mutationId, status: 'rejected' as const, reason },
      changedClientId: null,
    })
    let mutation
    const baseVersions = FieldVersions.safeParse(pushed.baseVersions)
    try {
      if (!baseVersions.success) throw new Error('base versions of fields tickets do not have')
      mutation = parseMutation(pushed.intent, pushed.payload)
    } catch {
      return rejected(`The ${pushed.intent} change is not in a form this server accepts`)
    }
    const ticketId =
      'ticketId' in mutation.payload ? mutation.payload.ticketId : mutation.payload.id
    const creating = mutation.intent === 'tickets.create' ? mutation.payload.clientId : null
    // Client ids are uuids in the database: any other text would fail the statement on every
    // retry and stall the queue, so it is refused here for good.
    if (creating !== null && !UUID.test(creating)) {
      return rejected('That client is not one of yours on the team')
    }
    // One round trip: the ticket locked and read, and its client's next version taken (only
    // when the mutation can go on: an existing ticket, or a create whose id is free).
    const { rows } = await sql.query<{
      client_id: string | null
      doc: unknown
      version: string | null
    }>(
      `WITH ticket AS (
         SELECT client_id, doc FROM entities WHERE kind = 'ticket' AND id = $1 FOR UPDATE
       ), version AS (
         INSERT INTO tenant_versions (client_id, version)
         SELECT id, 1 FROM clients
         WHERE id = CASE WHEN $2::uuid IS NULL THEN (SELECT client_id FROM ticket)
                         WHEN NOT EXISTS (SELECT 1 FROM ticket) THEN $2::uuid END
         ON CONFLICT (client_id) DO UPDATE SET version = tenant_versions.version + 1
         RETURNING version
       )
       SELECT t.client_id, t.doc, (SELECT version FROM version) AS version
       FROM (SELECT 1) AS one LEFT JOIN ticket t ON true`,
      [ticketId, creating],
    )
    const row = rows[0]?.client_id ? { client_id: rows[0].client_id, doc: rows[0].doc } : undefined
    const clientId = creating ?? row?.client_id ?? null
    if (clientId === null) return rejected('No such ticket, or it is not in your clients')
    if (creating !== null && row) return rejected('A ticket with this id exists already')
    if (rows[0]?.version == null) return rejected('That client is not one of yours on the team')
    const version = Number(rows[0].version)
    const current = row?.doc ? TicketSnapshot.parse(row.doc) : null
    const { snapshot, conflicts } = applyTicketMutation(current, mutation, {
      version,
      baseVersions: baseVersions.data,
      installationId: principal.installationId,
    })
    const unstorable = unstorableText(snapshot)
    if (unstorable) return rejected(unstorable)
    const duplicate = await this.writeTicket(sql, clientId, version, current, snapshot)
    if (duplicate) return rejected(duplicate)
    const conflictIds: string[] = []
    for (const conflict of conflicts) {
      conflictIds.push(
        await this.recordConflict(sql, principal, clientId, snapshot, conflict, pushed.mutationId),
      )
    }
    const outcome: MutationOutcome =
      conflictIds.length > 0
        ? { mutationId: pushed.mutationId, status: 'conflict', conflictIds }
        : { mutationId: pushed.mutationId, status: 'applied' }
    return { outcome, changedClientId: clientId, notified: true }
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
      entity: 'ticket',
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
    await insertConflict(
      sql,
      doc,
      clientId,
      await this.nextVersion(sql, clientId),
      principal.technicianId,
    )
    return doc.id
  }

  /**
   * Saves the ticket, claiming its new keys, and notifies listeners (at commit), in one
   * statement. Ticket numbers and the ids of notes, time entries and timers are unique across
   * every ticket (the app's store insists on it), though a mutation only sees its own ticket.
   * New ones are claimed in one table; a claim someone else holds rejects the mutation, and
   * then the ticket is not written. Returns the reason of such a rejection, or null.
   */
  private async writeTicket(
    sql: Sql,
    clientId: string,
    version: number,
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
    const wanted = keys(next).filter((k) => !held.has(k))
    // Sub-statements of one WITH run together: the ticket is written (and the notify sent)
    // only when every wanted key was claimed.
    const { rows } = await sql.query<{ complete: boolean; claimed: string[] }>(
      `WITH claimed AS (
         INSERT INTO ticket_keys (key, ticket_id, client_id)
         SELECT key, $2, $3 FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO NOTHING RETURNING key
       ), verdict AS (
         SELECT count(*) = cardinality($1::text[]) AS complete,
                coalesce(array_agg(key), '{}') AS claimed
         FROM claimed
       ), written AS (
         INSERT INTO entities (kind, id, client_id, version, doc)
         SELECT 'ticket', $2, $3, $4, $5 FROM verdict WHERE complete
         ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, doc = excluded.doc
         RETURNING client_id
       )
       SELECT complete, claimed, (SELECT pg_notify($6, client_id::text) FROM written) AS notified
       FROM verdict`,
      [wanted, next.id, clientId, version, JSON.stringify(next), CHANGES_CHANNEL],
    )
    const verdict = rows[0]
    if (verdict?.complete) return null
    const claimed = verdict?.claimed ?? []
    // Give back what this mutation did claim: it is rejected, and its keys stay free.
    if (claimed.length > 0) {
      await sql.query('DELETE FROM ticket_keys WHERE key = ANY($1)', [claimed])
    }
    const got = new Set(claimed)
    const taken = wanted.find((k) => !got.has(k)) ?? ''
    return `Another ticket already has ${taken.replace(':', ' ')}; the change was not applied`
  }

  /**
   * The client's next version, or null when the caller may not work on that client (under
   * their scope the client row is not there). The version row stays locked until commit.
   */
  private async nextVersion(sql: Sql, clientId: string): Promise<number | null> {
    const { rows } = await sql.query<{ version: string }>(
      `INSERT INTO tenant_versions (client_id, version)
       SELECT id, 1 FROM clients WHERE id = $1
       ON CONFLICT (client_id) DO UPDATE SET version = tenant_versions.version + 1
       RETURNING version`,
      [clientId],
    )
    return rows[0] ? Number(rows[0].version) : null
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
    // Keys too: a record's keys (collected facts) are text jsonb must hold as well.
    if (v !== null && typeof v === 'object') {
      return Object.entries(v).some(([key, value]) => bad(key) || bad(value))
    }
    return false
  }
  return bad(value)
    ? 'The change holds characters the team server cannot store (a NUL or a broken emoji)'
    : null
}

/** What an intent handler did, for applyOne. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Roughly how many bytes of documents one pull page carries (one larger row still goes). */
export const PAGE_BYTES = 4 * 1024 * 1024

/** SQLSTATEs of a statement that will fail the same way every time it is retried. */
const PERMANENT_SQLSTATES = new Set([
  '23505',
  '23503',
  '23514',
  '42501',
  '22P05',
  '22021',
  '22P02',
  '54001',
])

function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && PERMANENT_SQLSTATES.has(code)
}

function scopeOf(principal: Principal): Scope {
  return { technicianId: principal.technicianId, role: principal.role }
}
