/**
 * Tickets that work offline. Every change is a named intent: it is turned into a mutation
 * (with every id, number and instant it needs), applied to the local working copy and
 * appended to the outbox in ONE transaction, and the call returns only after that commit, with
 * the mutation id. Nothing is deferred past the reply. Reads compute SLA clocks at read time.
 */
import { EventEmitter } from 'node:events'
import type {
  FieldVersions,
  OutboxEntry,
  SessionDraft,
  TicketDetail,
  TicketIntent,
  TicketNote,
  TicketRow,
  TicketSession,
  TicketTimer,
  TimeEntry,
} from '../../../shared/contract/tickets'
import type { SlaPlan } from '../../../shared/domain/sla'
import type {
  ContactValue,
  MutationPayload,
  TicketChanges,
  TicketFieldName,
  TicketMutation,
} from '../../../shared/domain/tickets'
import { TicketSnapshot } from '../../../shared/domain/tickets'
import { DomainError } from '../../../shared/domain/errors'
import type { AuditLog } from '../audit/audit-log'
import { timeOrderedId } from '../../base/time-ordered-id'
import { commitInOneTransaction, type HostPorts } from '../ports'
import type { Store } from '../store/store'
import type Database from 'better-sqlite3'
import { TicketInstallation } from './installation'
import { TicketOutbox } from './outbox'
import { TicketReferences } from './references'
import { writeSampleTickets, type SampleTicketCounts } from './sample/sample-ticket-writer'
import { rebase, type PulledBase, type RebaseResult } from './rebase'
import { TicketSnapshotWriter } from './snapshot-writer'
import { keepBaseBeforeChange, pulledVersions, type SyncWriters } from './sync-apply'
import { TicketQueries, type TicketListQuery } from './ticket-queries'
import type { TicketDbRow } from './ticket-rows'
import {
  sessionMinutes,
  TicketSessionLinks,
  type RecordingSource,
  type SessionSource,
} from './ticket-sessions'
import { TicketSlaClock, type PlanChoice } from './ticket-sla'
import { TicketWriter } from './ticket-writer'

/** Sample tickets per sample client: "Open sample workspace" gets 600 with its 120 clients. */
export const SAMPLE_TICKETS_PER_CLIENT = 5

/** What the ticket service needs from its host and the other services. */
export interface TicketDeps {
  store: Store
  host: HostPorts
  audit: AuditLog
  /** Ticket-bound sessions: state changes, and the live summary of this run's sessions. */
  sessions: SessionSource
  recordings: RecordingSource
  /** Told the number of pending changes whenever it changes (the status bar's count). */
  syncStatus?: { update(next: { pending: number }): void }
  /**
   * The name of the technician signed in to a team server, if any: it then stands for "me"
   * (the author of changes, "My tickets", time entries), so teammates see a name they know
   * rather than this computer's user name.
   */
  teamName?: () => string | null
}

/** What every intent call returns: its mutation id (acknowledged = committed) and the ticket. */
export interface IntentAck {
  mutationId: number
  ticket: { id: string; number: string }
}

/** A change notification, after commit. */
export interface TicketChange {
  ticketIds: string[]
  intent: TicketIntent | null
  mutationId: number | null
  pending: number
}

/** A mutation ready to append and apply. */
interface Prepared {
  mutation: TicketMutation
  entityId: string
  ticketId: string
  baseVersions: FieldVersions
}

/** Contact input as the contract parses it: absent keeps, null or '' clears. */
interface ContactInput {
  name?: string | null | undefined
  email?: string | null | undefined
  phone?: string | null | undefined
}

const blankToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim()

/** The ticket service. */
export class TicketService {
  readonly installation: TicketInstallation
  readonly outbox: TicketOutbox
  readonly writer: TicketWriter
  readonly snapshots: TicketSnapshotWriter
  readonly queries: TicketQueries
  readonly sla: TicketSlaClock
  private readonly links: TicketSessionLinks
  private readonly references: TicketReferences
  private readonly changes = new EventEmitter()
  private pending: number

  constructor(private readonly deps: TicketDeps) {
    const db = deps.store.db
    this.installation = new TicketInstallation(db, this.now())
    this.sla = new TicketSlaClock(db)
    this.outbox = new TicketOutbox(db, this.installation.current.id)
    this.writer = new TicketWriter(db, this.sla)
    this.snapshots = new TicketSnapshotWriter(db, this.sla)
    this.queries = new TicketQueries(db, this.sla)
    this.references = new TicketReferences(db)
    this.links = new TicketSessionLinks(db, deps.sessions, deps.recordings, deps.host.logger)
    this.changes.setMaxListeners(100)
    this.pending = this.outbox.count()
    deps.syncStatus?.update({ pending: this.pending })
  }

  /** The technician "mine" means. */
  get me(): string {
    return this.deps.teamName?.() ?? this.deps.host.technician
  }

  // ---- reads -------------------------------------------------------------------------------

  list(input: TicketListQuery): { total: number; rows: TicketRow[]; truncated: boolean } {
    return this.queries.list(input, this.now(), this.me)
  }

  queueCounts() {
    return { me: this.me, ...this.queries.counts(this.now(), this.me), pending: this.pending }
  }

  get(id: string): TicketDetail {
    return this.queries.detail(id, this.now())
  }

  lookup(number: string): string | null {
    return this.queries.idByNumber(number)
  }

  pickLists(): { me: string; assignees: string[]; boards: string[] } {
    const lists = this.queries.pickLists()
    const assignees = lists.assignees.includes(this.me)
      ? lists.assignees
      : [this.me, ...lists.assignees]
    return { me: this.me, assignees, boards: lists.boards }
  }

  timers(ticketId?: string): TicketTimer[] {
    return this.queries.timers(ticketId)
  }

  sessions(ticketId: string): TicketSession[] {
    return this.queries.sessions(ticketId)
  }

  /** Refuses a session for a ticket that is missing or concerns neither the device nor its client. */
  checkSessionTicket(
    ticketId: string,
    device: { deviceId: string; clientId: string; hostname: string },
  ): void {
    this.links.checkSessionTicket(ticketId, device)
  }

  sessionDraft(sessionId: string): Promise<SessionDraft> {
    return this.links.draft(sessionId)
  }

  outboxPage(options: { ticketId?: string | undefined; afterMutationId: number; limit: number }): {
    total: number
    entries: OutboxEntry[]
  } {
    return this.outbox.page(options)
  }

  pendingCount(): { pending: number; tickets: number } {
    return { pending: this.pending, tickets: this.outbox.ticketCount() }
  }

  slaPlan(clientId: string): PlanChoice & { clientId: string } {
    this.references.client(clientId)
    return { clientId, ...this.sla.plan(clientId) }
  }

  // ---- intents -----------------------------------------------------------------------------

  create(input: {
    clientId: string
    siteId?: string | null | undefined
    deviceIds: string[]
    subject: string
    description: string
    contact?: ContactInput | undefined
    type: MutationPayload<'tickets.create'>['type']
    board: string
    impact: MutationPayload<'tickets.create'>['impact']
    urgency: MutationPayload<'tickets.create'>['urgency']
    priority?: MutationPayload<'tickets.create'>['priority'] | undefined
    assignee?: string | null | undefined
    dueAt?: number | null | undefined
  }): IntentAck {
    return this.perform((at) => {
      this.references.client(input.clientId)
      const siteId = input.siteId ?? null
      if (siteId !== null) this.references.site(siteId, input.clientId)
      const devices = [...new Set(input.deviceIds)].map((deviceId) =>
        this.references.device(deviceId, input.clientId, ['deviceIds']),
      )
      const id = timeOrderedId(at)
      const contact: ContactValue = {
        name: blankToNull(input.contact?.name),
        email: blankToNull(input.contact?.email),
        phone: blankToNull(input.contact?.phone),
      }
      return {
        mutation: {
          intent: 'tickets.create',
          payload: {
            ...this.stamp(at),
            id,
            number: this.installation.takeNumber(),
            clientId: input.clientId,
            siteId,
            devices,
            subject: input.subject,
            description: input.description,
            contact,
            type: input.type,
            board: input.board,
            impact: input.impact,
            urgency: input.urgency,
            priority: input.priority ?? null,
            assignee: blankToNull(input.assignee),
            dueAt: input.dueAt ?? null,
          },
        },
        entityId: id,
        ticketId: id,
        baseVersions: {},
      }
    })
  }

  update(input: {
    id: string
    subject?: string | undefined
    description?: string | undefined
    contact?: ContactInput | undefined
    type?: TicketChanges['type']
    board?: string | undefined
    siteId?: string | null | undefined
    dueAt?: number | null | undefined
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      const changes: TicketChanges = {}
      const fields: TicketFieldName[] = []
      if (input.subject !== undefined) {
        changes.subject = input.subject
        fields.push('subject')
      }
      if (input.description !== undefined) {
        changes.description = input.description
        fields.push('description')
      }
      if (input.contact !== undefined) {
        const contact: Partial<ContactValue> = {}
        for (const key of ['name', 'email', 'phone'] as const) {
          if (input.contact[key] !== undefined) contact[key] = blankToNull(input.contact[key])
        }
        changes.contact = contact
        fields.push('contact')
      }
      if (input.type !== undefined) {
        changes.type = input.type
        fields.push('type')
      }
      if (input.board !== undefined) {
        changes.board = input.board
        fields.push('board')
      }
      if (input.siteId !== undefined) {
        if (input.siteId !== null) this.references.site(input.siteId, row.client_id)
        changes.siteId = input.siteId
        fields.push('siteId')
      }
      if (input.dueAt !== undefined) {
        changes.dueAt = input.dueAt
        fields.push('dueAt')
      }
      return this.onTicket(
        row,
        'tickets.update',
        { ...this.stamp(at), id: row.id, changes },
        fields,
        input.baseVersions,
      )
    })
  }

  setStatus(input: {
    id: string
    status: MutationPayload<'tickets.setStatus'>['status']
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      return this.onTicket(
        row,
        'tickets.setStatus',
        { ...this.stamp(at), id: row.id, status: input.status },
        ['status'],
        input.baseVersions,
      )
    })
  }

  setPriority(input: {
    id: string
    impact?: MutationPayload<'tickets.setPriority'>['impact']
    urgency?: MutationPayload<'tickets.setPriority'>['urgency']
    priority?: MutationPayload<'tickets.setPriority'>['priority']
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      const payload: MutationPayload<'tickets.setPriority'> = { ...this.stamp(at), id: row.id }
      const fields: TicketFieldName[] = ['priority']
      if (input.impact !== undefined) {
        payload.impact = input.impact
        fields.push('impact')
      }
      if (input.urgency !== undefined) {
        payload.urgency = input.urgency
        fields.push('urgency')
      }
      if (input.priority !== undefined) payload.priority = input.priority
      return this.onTicket(row, 'tickets.setPriority', payload, fields, input.baseVersions)
    })
  }

  assign(input: {
    id: string
    assignee: string | null
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      return this.onTicket(
        row,
        'tickets.assign',
        { ...this.stamp(at), id: row.id, assignee: blankToNull(input.assignee) },
        ['assignee'],
        input.baseVersions,
      )
    })
  }

  linkDevice(input: {
    id: string
    deviceId: string
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      const device = this.references.device(input.deviceId, row.client_id, ['deviceId'])
      return this.onTicket(
        row,
        'tickets.linkDevice',
        { ...this.stamp(at), id: row.id, deviceId: device.id, hostname: device.hostname },
        ['devices'],
        input.baseVersions,
      )
    })
  }

  unlinkDevice(input: {
    id: string
    deviceId: string
    baseVersions?: FieldVersions | undefined
  }): IntentAck {
    return this.perform((at) => {
      const row = this.writer.ticket(input.id)
      return this.onTicket(
        row,
        'tickets.unlinkDevice',
        { ...this.stamp(at), id: row.id, deviceId: input.deviceId },
        ['devices'],
        input.baseVersions,
      )
    })
  }

  addNote(input: {
    ticketId: string
    body: string
    visibility: MutationPayload<'tickets.addNote'>['visibility']
    isPlan: boolean
  }): IntentAck & { note: TicketNote } {
    let noteId = ''
    const ack = this.perform((at) => {
      const row = this.writer.ticket(input.ticketId)
      noteId = timeOrderedId(at)
      return {
        mutation: {
          intent: 'tickets.addNote',
          payload: {
            ...this.stamp(at),
            ticketId: row.id,
            noteId,
            body: input.body,
            visibility: input.visibility,
            isPlan: input.isPlan,
          },
        },
        entityId: noteId,
        ticketId: row.id,
        baseVersions: {},
      }
    })
    return { ...ack, note: this.queries.note(noteId) }
  }

  addTimeEntry(input: {
    ticketId: string
    startedAt?: number | undefined
    endedAt?: number | undefined
    durationMinutes?: number | undefined
    billable: boolean
    workType: MutationPayload<'tickets.addTimeEntry'>['workType']
    note: string
    sessionId?: string | null | undefined
    recordingId?: string | null | undefined
  }): IntentAck & { timeEntry: TimeEntry } {
    let entryId = ''
    const ack = this.perform((at) => {
      const row = this.writer.ticket(input.ticketId)
      entryId = timeOrderedId(at)
      const startedAt = input.startedAt ?? null
      const endedAt = input.endedAt ?? null
      const durationMinutes =
        input.durationMinutes ??
        (startedAt !== null && endedAt !== null ? sessionMinutes(startedAt, endedAt) : null)
      if (durationMinutes === null) {
        throw new DomainError('invalid', 'Give a duration, or a start and an end', [
          { path: ['durationMinutes'], message: 'Give a duration, or a start and an end' },
        ])
      }
      return {
        mutation: {
          intent: 'tickets.addTimeEntry',
          payload: {
            ...this.stamp(at),
            ticketId: row.id,
            entryId,
            technician: this.me,
            startedAt,
            endedAt,
            durationMinutes,
            billable: input.billable,
            workType: input.workType,
            note: input.note,
            sessionId: input.sessionId ?? null,
            recordingId: input.recordingId ?? null,
          },
        },
        entityId: entryId,
        ticketId: row.id,
        baseVersions: {},
      }
    })
    return { ...ack, timeEntry: this.queries.timeEntry(entryId) }
  }

  startTimer(input: {
    ticketId: string
    workType: MutationPayload<'tickets.startTimer'>['workType']
    billable: boolean
    note: string
  }): IntentAck & { timer: TicketTimer } {
    let timerId = ''
    const ack = this.perform((at) => {
      const row = this.writer.ticket(input.ticketId)
      timerId = timeOrderedId(at)
      return {
        mutation: {
          intent: 'tickets.startTimer',
          payload: {
            ...this.stamp(at),
            ticketId: row.id,
            timerId,
            technician: this.me,
            workType: input.workType,
            billable: input.billable,
            note: input.note,
          },
        },
        entityId: timerId,
        ticketId: row.id,
        baseVersions: {},
      }
    })
    return { ...ack, timer: this.queries.timer(timerId) }
  }

  stopTimer(input: {
    timerId: string
    workType?: MutationPayload<'tickets.stopTimer'>['workType'] | undefined
    billable?: boolean | undefined
    note?: string | undefined
    durationMinutes?: number | undefined
  }): IntentAck & { timeEntry: TimeEntry } {
    let entryId = ''
    const ack = this.perform((at) => {
      const timer = this.queries.timer(input.timerId)
      entryId = timeOrderedId(at)
      return {
        mutation: {
          intent: 'tickets.stopTimer',
          payload: {
            ...this.stamp(at),
            ticketId: timer.ticketId,
            timerId: timer.id,
            entryId,
            technician: timer.technician,
            startedAt: timer.startedAt,
            durationMinutes: input.durationMinutes ?? sessionMinutes(timer.startedAt, at),
            billable: input.billable ?? timer.billable,
            workType: input.workType ?? timer.workType,
            note: input.note ?? timer.note,
          },
        },
        entityId: entryId,
        ticketId: timer.ticketId,
        baseVersions: {},
      }
    })
    return { ...ack, timeEntry: this.queries.timeEntry(entryId) }
  }

  cancelTimer(input: { timerId: string }): IntentAck {
    return this.perform((at) => {
      const timer = this.queries.timer(input.timerId)
      return {
        mutation: {
          intent: 'tickets.cancelTimer',
          payload: { ...this.stamp(at), ticketId: timer.ticketId, timerId: timer.id },
        },
        entityId: timer.id,
        ticketId: timer.ticketId,
        baseVersions: {},
      }
    })
  }

  // ---- SLA plans, rebase, sample, events ------------------------------------------------

  /**
   * Adds sample tickets for the sample workspace's clients; does nothing when the store has
   * tickets already (they are never mixed into real ones).
   */
  openSample(seed: number): SampleTicketCounts {
    const db = this.deps.store.db
    if (db.prepare('SELECT EXISTS (SELECT 1 FROM tickets)').pluck().get() === 1) {
      return { tickets: 0, notes: 0 }
    }
    const clients = db.prepare('SELECT count(*) FROM clients').pluck().get() as number
    const counts = writeSampleTickets(this.deps.store, {
      seed,
      tickets: clients * SAMPLE_TICKETS_PER_CLIENT,
      now: this.now(),
      technician: this.me,
    })
    this.notify({ ticketIds: [], intent: null, mutationId: null })
    return counts
  }

  /** Sets (or clears) a client's plan and recomputes the SLA columns of its open tickets. */
  setSlaPlan(clientId: string, plan: SlaPlan | null): PlanChoice & { clientId: string } {
    const now = this.now()
    const ids = this.deps.store.transaction((db) => {
      this.references.client(clientId)
      if (plan === null)
        db.prepare('DELETE FROM ticket_sla_plans WHERE client_id = ?').run(clientId)
      else {
        db.prepare(
          `INSERT INTO ticket_sla_plans (client_id, plan, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (client_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at`,
        ).run(clientId, JSON.stringify(plan), now)
      }
      this.sla.forgetPlan(clientId)
      const ids = this.recomputeOpenSla(db, clientId, now)
      this.deps.audit.record(db, now, {
        actor: this.me,
        action: 'tickets.setSlaPlan',
        subject: clientId,
        detail: { plan: plan?.name ?? null },
      })
      return ids
    })
    this.sla.forgetPlan(clientId)
    this.notify({ ticketIds: ids, intent: null, mutationId: null })
    return this.slaPlan(clientId)
  }

  /**
   * After a client's sites changed (hours, time zone, which site comes first, a site gone):
   * the stored next deadline and at-risk instant of its open tickets were computed from the
   * old hours, so the queues ("SLA at risk", sort by due) would go on using them. Called
   * inside the transaction that changed the sites, so both commit together.
   */
  sitesChanged(clientId: string): void {
    const now = this.now()
    const ids = this.deps.store.transaction((db) => this.recomputeOpenSla(db, clientId, now))
    if (ids.length > 0) this.notify({ ticketIds: ids, intent: null, mutationId: null })
  }

  /** Recomputes the SLA columns of a client's open tickets; returns their ids. */
  private recomputeOpenSla(db: Database.Database, clientId: string, now: number): string[] {
    const open = db
      .prepare('SELECT * FROM tickets WHERE client_id = ? AND is_open = 1')
      .all(clientId) as TicketDbRow[]
    const update = db.prepare('UPDATE tickets SET sla_due_at = ?, sla_risk_at = ? WHERE seq = ?')
    for (const row of open) {
      const columns = this.sla.columns(row, now)
      update.run(columns.dueAt, columns.riskAt, row.seq)
    }
    return open.map((row) => row.id)
  }

  /** Replaces the base with what a server confirmed and replays pending mutations on top. */
  rebase(base: PulledBase): RebaseResult {
    const now = this.now()
    const tickets = base.tickets.map((t) => TicketSnapshot.parse(t))
    const { ticketIds, ...result } = this.deps.store.transaction((db) =>
      rebase(db, { snapshots: this.snapshots, tickets: this.writer }, { ...base, tickets }, now),
    )
    this.pending = this.outbox.count()
    this.notify({ ticketIds, intent: null, mutationId: null })
    return result
  }

  /**
   * Team sync's local writes (a pulled page, a refused mutation), in one transaction with
   * whatever else `work` saves (conflicts, the cursor); listeners hear of the tickets touched.
   */
  syncTransaction<T>(
    work: (
      db: Database.Database,
      writers: SyncWriters,
      now: number,
    ) => { result: T; ticketIds: string[] },
    options: { announce?: boolean } = {},
  ): T {
    const now = this.now()
    const { result, ticketIds } = this.deps.store.transaction((db) =>
      work(db, { snapshots: this.snapshots, tickets: this.writer }, now),
    )
    this.pending = this.outbox.count()
    if (options.announce ?? true) this.notify({ ticketIds, intent: null, mutationId: null })
    return result
  }

  /** Tells listeners every list may have changed (search is back after a bulk load). */
  announceAll(): void {
    this.notify({ ticketIds: [], intent: null, mutationId: null })
  }

  /** Listens to committed changes; returns the unsubscribe function. */
  onDidChange(listener: (change: TicketChange) => void): () => void {
    this.changes.on('change', listener)
    return () => this.changes.off('change', listener)
  }

  dispose(): void {
    this.links.dispose()
    this.changes.removeAllListeners()
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * The unit of work of every intent: prepare the mutation, append it to the outbox and apply
   * it, in one IMMEDIATE transaction. Returns after the commit.
   */
  private perform(prepare: (at: number) => Prepared): IntentAck {
    const at = this.now()
    const commit = this.deps.host.intentCommit ?? commitInOneTransaction
    const { mutationId, ticketId, intent } = commit(this.deps.store, () => {
      const prepared = prepare(at)
      keepBaseBeforeChange(this.deps.store.db, prepared.ticketId)
      const id = this.outbox.append(
        prepared.mutation,
        { entityId: prepared.entityId, ticketId: prepared.ticketId },
        prepared.baseVersions,
        at,
      )
      this.writer.apply(prepared.mutation, id)
      return { mutationId: id, ticketId: prepared.ticketId, intent: prepared.mutation.intent }
    })
    this.pending += 1
    this.notify({ ticketIds: [ticketId], intent, mutationId })
    return { mutationId, ticket: { id: ticketId, number: this.queries.numberOf(ticketId) } }
  }

  /** A mutation on an existing ticket, with the base versions of the fields it changes. */
  private onTicket<I extends TicketMutation['intent']>(
    row: TicketDbRow,
    intent: I,
    payload: MutationPayload<I>,
    fields: readonly TicketFieldName[],
    seen: FieldVersions | undefined,
  ): Prepared {
    // The base of a change is the version of each field in the last PULLED base (0 when the
    // ticket or field was never pulled), not the working copy's local counter: the server
    // calls a field stale when that number is below its own, and local edits only count up
    // locally. A lower version the caller saw (its view predates the last pull) wins, so an
    // edit made on a stale screen is still caught.
    const pulled = pulledVersions(this.deps.store.db, row.id)
    const baseVersions: FieldVersions = {}
    for (const field of fields) {
      const base = pulled[field] ?? 0
      const saw = seen?.[field]
      baseVersions[field] = saw === undefined ? base : Math.min(saw, base)
    }
    return {
      mutation: { intent, payload } as TicketMutation,
      entityId: row.id,
      ticketId: row.id,
      baseVersions,
    }
  }

  private notify(change: Omit<TicketChange, 'pending'>): void {
    this.deps.syncStatus?.update({ pending: this.pending })
    this.changes.emit('change', { ...change, pending: this.pending })
  }

  private stamp(at: number): { at: number; actor: string } {
    return { at, actor: this.me }
  }

  private now(): number {
    return this.deps.host.clock.now()
  }
}
