/**
 * The sync loop: push the outbox in order, then pull every page, again while anything new was
 * queued meanwhile. Triggered by local intents (debounced), pokes on the server's event
 * stream, a fallback timer and syncNow; retried with backoff while the server is away.
 *
 * Outbox rows the server applied leave the outbox with the pull that brings their effect
 * (rebase's confirmedThrough is the page's lastMutationId), never at push time: until then the
 * working copy still needs them replayed on top of the old base. A row the server refused for
 * good leaves at once and its ticket is rebuilt without it.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type Database from 'better-sqlite3'
import { TicketSnapshot } from '../../../shared/domain/tickets'
import { isInventoryIntent } from '../../../shared/sync/inventory'
import { MAX_PUSH_BATCH, type PullResponse, type PushMutation } from '../../../shared/sync/protocol'
import type { OutboxEntry } from '../../../shared/contract/tickets'
import type { Clock, Logger } from '../ports'
import { isInventoryKind, type InventorySync } from '../inventory/inventory-sync'
import { restoreSteps, setAsideForBulkLoad } from '../store/bulk-load'
import { applyPulledTickets, revertRefusedMutation, shiftOutbox } from '../tickets/sync-apply'
import type { TicketService } from '../tickets/ticket-service'
import { Backoff } from './backoff'
import { readPokeStream } from './poke-stream'
import { PulledConflict, type SyncLocalState } from './sync-local-state'
import { TeamServerError } from './team-client'
import { SessionEndedError, VaultClosedError, type TeamSession } from './team-session'

export interface SyncTiming {
  /** Wait after a local change before pushing, so a burst of edits goes in one request. */
  pushDebounceMs: number
  /** A pull now and then even without pokes (a proxy may drop the stream silently). */
  fallbackPullMs: number
  retryMinMs: number
  retryMaxMs: number
  pullPageSize: number
}

/** Page cache for a first sync, in KiB (negative: SQLite's unit); allocated only as used. */
const INITIAL_SYNC_CACHE_KIB = -256 * 1024

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  pushDebounceMs: 300,
  fallbackPullMs: 60_000,
  retryMinMs: 1_000,
  retryMaxMs: 60_000,
  pullPageSize: 1000,
}

/** What one cycle ended in, for the status. */
export type CycleOutcome =
  | { kind: 'synced' }
  | { kind: 'offline'; message: string }
  | { kind: 'signed-out'; message: string }
  | { kind: 'error'; message: string }

export interface SyncEngineEvents {
  /** A cycle started, made progress or ended. */
  onProgress(progress: { sent: number; total: number; pulledPages: number } | null): void
  onOutcome(outcome: CycleOutcome): void
  /** Conflicts or rejections changed. */
  onLocalListsChanged(): void
}

export interface SyncEngineOptions {
  db: Database.Database
  /** Store.holdCheckpoints of the store `db` belongs to. */
  holdCheckpoints: () => () => void
  tickets: TicketService
  inventory: InventorySync
  local: SyncLocalState
  session: TeamSession
  clock: Clock
  logger: Logger
  timing: SyncTiming
  events: SyncEngineEvents
}

export class SyncEngine {
  private running = false
  private inFlight: Promise<CycleOutcome> | null = null
  private again = false
  /** A first sync's load is running (see pull): lists hear of it once, at its end. */
  private bulkLoading = false
  /** The server's last applied mutation id of ours, as last heard; null until heard. */
  private serverApplied: number | null = null
  private stream: AbortController | null = null
  private fallbackTimer: NodeJS.Timeout | undefined
  private pushTimer: NodeJS.Timeout | undefined
  private retryTimer: NodeJS.Timeout | undefined
  private readonly retry: Backoff
  private readonly stopTicketWatch: () => void
  private readonly stopInventoryWatch: () => void

  constructor(private readonly options: SyncEngineOptions) {
    this.retry = new Backoff({ minMs: options.timing.retryMinMs, maxMs: options.timing.retryMaxMs })
    this.stopTicketWatch = options.tickets.onDidChange((change) => {
      // Only local intents carry a mutation id; a rebase's own notification must not loop.
      if (change.mutationId !== null) this.localChange()
    })
    // Called inside the transaction that queues the change: push once it has committed.
    this.stopInventoryWatch = options.inventory.onCaptured(() =>
      queueMicrotask(() => this.localChange()),
    )
  }

  get isRunning(): boolean {
    return this.running
  }

  start(): void {
    if (this.running) return
    this.running = true
    // Heard again from the server on the first push or pull (it may be another server now).
    this.serverApplied = null
    this.retry.reset()
    this.stream = new AbortController()
    void this.readPokes(this.stream.signal)
    this.fallbackTimer = setInterval(() => void this.sync(), this.options.timing.fallbackPullMs)
    this.fallbackTimer.unref()
    void this.sync()
  }

  /** Stops every trigger; a cycle in flight finishes its current request and goes no further. */
  stop(): void {
    this.running = false
    this.stream?.abort()
    this.stream = null
    clearInterval(this.fallbackTimer)
    clearTimeout(this.pushTimer)
    clearTimeout(this.retryTimer)
  }

  dispose(): void {
    this.stop()
    this.stopTicketWatch()
    this.stopInventoryWatch()
  }

  /** Runs a cycle now, or joins the one in flight and makes it go round once more. */
  sync(): Promise<CycleOutcome> {
    if (!this.running) return Promise.resolve({ kind: 'synced' })
    if (this.inFlight) {
      this.again = true
      return this.inFlight
    }
    clearTimeout(this.retryTimer)
    this.inFlight = this.cycle().finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  /** Waits for the cycle in flight, if any (tests and sign-out). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined)
  }

  private localChange(): void {
    if (!this.running) return
    if (this.inFlight) {
      this.again = true
      return
    }
    clearTimeout(this.pushTimer)
    this.pushTimer = setTimeout(() => void this.sync(), this.options.timing.pushDebounceMs)
    this.pushTimer.unref()
  }

  private async cycle(): Promise<CycleOutcome> {
    let outcome: CycleOutcome
    try {
      do {
        this.again = false
        const progress = { sent: 0, total: this.unsentCount(), pulledPages: 0 }
        this.options.events.onProgress(progress)
        // Pull first: a client taken away from this technician drops its tickets and turns
        // their pending changes into rejections with that reason, instead of sending them to
        // be refused one by one; and conflicts are judged against the newest base.
        await this.pull(progress)
        if (await this.push(progress)) await this.pull(progress)
      } while (this.running && (this.again || this.unsentCount() > 0))
      this.retry.reset()
      outcome = { kind: 'synced' }
    } catch (error) {
      outcome = this.failure(error)
    }
    this.options.events.onProgress(null)
    if (!this.running) return outcome
    this.options.events.onOutcome(outcome)
    if (outcome.kind === 'offline' || outcome.kind === 'error') this.retryLater()
    if (outcome.kind === 'signed-out') this.stop()
    return outcome
  }

  private failure(error: unknown): CycleOutcome {
    if (error instanceof SessionEndedError) return { kind: 'signed-out', message: error.message }
    if (error instanceof VaultClosedError) return { kind: 'error', message: error.message }
    if (error instanceof TeamServerError) {
      if (['offline', 'server', 'rate-limited'].includes(error.failure)) {
        return { kind: 'offline', message: error.message }
      }
      return { kind: 'error', message: `Sync failed: ${error.message}` }
    }
    const message = error instanceof Error ? error.message : String(error)
    this.options.logger.error(`sync cycle failed: ${message}`)
    return { kind: 'error', message: `Sync failed: ${message}` }
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => void this.sync(), this.retry.next())
    this.retryTimer.unref()
  }

  /** Outbox rows the server has not acknowledged yet. */
  private unsentCount(): number {
    const after = this.serverApplied ?? 0
    const tickets = this.options.db
      .prepare('SELECT count(*) FROM ticket_outbox WHERE mutation_id > ?')
      .pluck()
      .get(after) as number
    return tickets + this.options.inventory.count(after)
  }

  /** The next changes to send, tickets' and the inventory's, in their one order. */
  private outboxPage(): PushMutation[] {
    const after = this.serverApplied ?? 0
    const tickets = this.options.tickets
      .outboxPage({ afterMutationId: after, limit: MAX_PUSH_BATCH })
      .entries.map(toPushMutation)
    const inventory = this.options.inventory.outboxPage(after, MAX_PUSH_BATCH)
    return [...tickets, ...inventory]
      .sort((a, b) => a.mutationId - b.mutationId)
      .slice(0, MAX_PUSH_BATCH)
  }

  /** Sends the outbox in batches; says whether anything was sent. */
  private async push(progress: { sent: number; total: number; pulledPages: number }) {
    let renumbered = false
    let sent = false
    for (;;) {
      if (!this.running) return sent
      const rows = this.outboxPage()
      if (rows.length === 0) return sent
      sent = true
      const response = await this.options.session.withToken((client, token) =>
        client.push(token, rows),
      )
      const refused = response.outcomes.filter((o) => o.status === 'rejected')
      if (refused.length > 0) {
        const byId = new Map(rows.map((r) => [r.mutationId, r]))
        const revertedClients: string[] = []
        this.options.tickets.syncTransaction((db, writers, now) => {
          const ticketIds: string[] = []
          for (const outcome of refused) {
            const row = byId.get(outcome.mutationId)
            if (row && isInventoryIntent(row.intent)) {
              const reverted = this.options.inventory.revertRefused(db, outcome.mutationId)
              if (reverted) revertedClients.push(reverted.clientId)
              this.options.local.addRejection(db, {
                mutationId: outcome.mutationId,
                intent: row.intent,
                ticketId: null,
                reason: outcome.reason,
                at: now,
              })
              continue
            }
            const reverted = revertRefusedMutation(db, writers, outcome.mutationId, now)
            this.options.local.addRejection(db, {
              mutationId: outcome.mutationId,
              intent: reverted?.intent ?? row?.intent ?? 'unknown',
              ticketId: reverted?.ticketId ?? ticketIdOf(row),
              reason: outcome.reason,
              at: now,
            })
            if (reverted) ticketIds.push(reverted.ticketId)
          }
          return { result: undefined, ticketIds }
        })
        this.options.events.onLocalListsChanged()
        this.options.inventory.announce(revertedClients)
      }
      this.serverApplied = response.lastMutationId
      progress.sent += response.outcomes.length
      progress.total = Math.max(progress.total, progress.sent)
      this.options.events.onProgress({ ...progress })
      if (!response.stopped) continue
      const first = rows[0]
      if (!renumbered && first && first.mutationId > response.lastMutationId + 1) {
        // Rows dropped locally (start from the team, an unassigned client) left a gap the
        // server never saw; close it and send again.
        renumbered = true
        const shift = first.mutationId - (response.lastMutationId + 1)
        this.options.tickets.syncTransaction((db) => {
          shiftOutbox(db, shift)
          this.options.inventory.renumber(db, shift)
          return { result: undefined, ticketIds: [] }
        })
        continue
      }
      throw new TeamServerError(
        'server',
        `The team server stopped at change ${response.stopped.mutationId}: ${response.stopped.reason}`,
      )
    }
  }

  private async pull(progress: { sent: number; total: number; pulledPages: number }) {
    // A first sync writes the whole scope: with SQLite's default 2 MB page cache, the indexes
    // of a growing tickets table are evicted and read back page by page.
    const first = this.options.local.get('cursor') === null
    const restoreCache = first ? this.widenPageCache() : null
    // ...and a dozen ticket indexes plus the search triggers take a random B-tree write per row;
    // made again once at the end, they cost a sorted pass each (bulk-load.ts).
    if (first) setAsideForBulkLoad(this.options.db)
    const releaseCheckpoints = first ? this.options.holdCheckpoints() : null
    // Nor are open lists read again after each of its pages: without their indexes each read
    // scans the growing tables, and a window refetching after every page halved the load's
    // speed. They hear once, when the load is done (putBackSetAside).
    this.bulkLoading = first
    try {
      await this.pullPages(progress)
    } finally {
      this.bulkLoading = false
      if (first) await this.putBackSetAside()
      // The indexes made again are in the log too: one copy back for the whole load.
      releaseCheckpoints?.()
      restoreCache?.()
    }
  }

  /** One index per turn of the event loop, so calls keep being answered meanwhile. */
  private async putBackSetAside(): Promise<void> {
    const db = this.options.db
    for (const step of restoreSteps(db)) {
      // Closed meanwhile (the app quit): the store puts the rest back when it next opens.
      if (!db.open) return
      step()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    if (!db.open) return
    this.options.tickets.announceAll()
    this.options.inventory.announce(
      db.prepare('SELECT id FROM clients').pluck().all() as string[],
      true,
    )
  }

  private widenPageCache(): () => void {
    const db = this.options.db
    const previous = db.pragma('cache_size', { simple: true }) as number
    db.pragma(`cache_size = ${INITIAL_SYNC_CACHE_KIB}`)
    return () => {
      if (db.open) db.pragma(`cache_size = ${previous}`)
    }
  }

  private async pullPages(progress: { sent: number; total: number; pulledPages: number }) {
    const request = (cursor: string | null) =>
      this.options.session.withToken((client, token) =>
        client.pull(token, { cursor, limit: this.options.timing.pullPageSize }),
      )
    if (!this.running) return
    let next: Promise<PullResponse> | null = request(this.options.local.get('cursor'))
    while (next) {
      const page: PullResponse = await next
      // The next page is asked for before this one is written, so the server reads it while
      // this process writes (a first sync is hundreds of pages). It is only a read: the cursor
      // moves with each page's own transaction, as before.
      next = page.hasMore && this.running ? request(page.cursor) : null
      if (next) {
        next.catch(() => undefined)
        // Let the request go out before the synchronous write holds the event loop: fetch
        // writes it to the socket on the second turn of the loop, not the first.
        for (let turn = 0; turn < 2; turn++) {
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
      }
      this.applyPage(page)
      this.serverApplied = Math.max(this.serverApplied ?? 0, page.lastMutationId)
      progress.pulledPages += 1
      this.options.events.onProgress({ ...progress })
      if (!page.hasMore) {
        this.options.local.set('lastSyncedAt', this.options.clock.now())
        return
      }
    }
  }

  /** One page in ONE transaction: tickets, conflicts, tombstones, dropped clients, cursor. */
  private applyPage(page: PullResponse): void {
    const tickets: TicketSnapshot[] = []
    const deletedTicketIds: string[] = []
    const conflicts: PulledConflict[] = []
    const resolvedConflicts: string[] = []
    for (const change of page.changes) {
      if (change.kind === 'ticket') {
        if (change.doc === null) deletedTicketIds.push(change.id)
        else tickets.push(parseDoc(TicketSnapshot, change.doc, 'a ticket'))
      } else if (change.kind === 'conflict') {
        if (change.doc === null) resolvedConflicts.push(change.id)
        else conflicts.push(parseDoc(PulledConflict, change.doc, 'a conflict'))
      }
      // Clients, sites, devices and snapshots go to the inventory (below, in the same
      // transaction); saved views stay each technician's own for now.
    }
    let listsChanged = conflicts.length > 0 || resolvedConflicts.length > 0
    const inventoryClients = new Set(page.droppedClientIds)
    let savedViews = false
    for (const change of page.changes) {
      if (change.kind === 'savedView') savedViews = true
      else if (
        (isInventoryKind(change.kind) || change.kind === 'deviceMoved') &&
        change.clientId !== null
      ) {
        inventoryClients.add(change.clientId)
      }
    }
    this.options.tickets.syncTransaction(
      (db, writers, now) => {
        const result = applyPulledTickets(
          db,
          writers,
          {
            tickets,
            deletedTicketIds,
            droppedClientIds: page.droppedClientIds,
            confirmedThrough: page.lastMutationId,
          },
          now,
        )
        const inventoryDropped = this.options.inventory.applyPulled(db, {
          changes: page.changes,
          droppedClientIds: page.droppedClientIds,
          confirmedThrough: page.lastMutationId,
        })
        for (const dropped of inventoryDropped) {
          this.options.local.addRejection(db, { ...dropped, ticketId: null, at: now })
          listsChanged = true
        }
        for (const conflict of conflicts) this.options.local.saveConflict(db, conflict)
        for (const id of resolvedConflicts) this.options.local.deleteConflict(id, db)
        for (const dropped of result.dropped) {
          this.options.local.addRejection(db, { ...dropped, at: now })
          listsChanged = true
        }
        this.options.local.set('cursor', page.cursor, db)
        return { result: undefined, ticketIds: result.ticketIds }
      },
      { announce: !this.bulkLoading },
    )
    if (listsChanged) this.options.events.onLocalListsChanged()
    if (!this.bulkLoading) this.options.inventory.announce(inventoryClients, savedViews)
  }

  /** Reads pokes while running; reconnects with backoff and jitter. */
  private async readPokes(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff({
      minMs: this.options.timing.retryMinMs,
      maxMs: this.options.timing.retryMaxMs,
    })
    while (!signal.aborted) {
      const client = this.options.session.client()
      let end: string
      try {
        const token = await this.options.session.accessToken()
        if (!client) return
        end = await readPokeStream({
          url: client.url,
          accessToken: token,
          signal,
          onOpen: () => {
            backoff.reset()
            // Pokes sent while the stream was down are lost: one pull catches up.
            void this.sync()
          },
          onPoke: () => void this.sync(),
        })
      } catch (error) {
        if (error instanceof SessionEndedError) return
        end = 'failed'
      }
      if (end === 'aborted' || signal.aborted) return
      if (end === 'unauthorized') this.options.session.dropAccessToken()
      try {
        await delay(backoff.next(), undefined, { signal })
      } catch {
        return
      }
    }
  }
}

function toPushMutation(entry: OutboxEntry): PushMutation {
  return {
    mutationId: entry.mutationId,
    intent: entry.intent,
    payload: entry.payload,
    baseVersions: entry.baseVersions,
    createdAt: entry.createdAt,
  }
}

function ticketIdOf(row: PushMutation | undefined): string | null {
  const payload = row?.payload
  if (!payload) return null
  const id = 'ticketId' in payload ? payload.ticketId : payload.id
  return typeof id === 'string' ? id : null
}

function parseDoc<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  doc: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(doc)
  if (!parsed.success) {
    throw new TeamServerError('server', `The team server sent ${what} this app cannot read`)
  }
  return parsed.data
}
