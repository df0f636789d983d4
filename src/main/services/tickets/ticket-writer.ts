/**
 * Applies ticket mutations to the working copy: the one place that changes tickets, used for
 * live intents and for replaying the outbox on top of a new base (rebase.ts). Everything it
 * needs is in the mutation (ids, number, instant, actor), so a replay gives the same result.
 * Callers run it inside Store.transaction; it checks the ticket's own rules (the ticket
 * exists, the status move is allowed, a timer is running) and throws a DomainError otherwise.
 */
import type Database from 'better-sqlite3'
import { DomainError } from '../../../shared/domain/errors'
import type { SlaMilestone, StatusChange } from '../../../shared/domain/sla'
import {
  milestonesClearedByStatus,
  milestonesMetByNote,
  milestonesMetByStatus,
  priorityFromMatrix,
  transitionProblem,
  type MutationPayload,
  type TicketEventKind,
  type TicketFieldName,
  type TicketMutation,
} from '../../../shared/domain/tickets'
import type { TicketDbRow } from './ticket-rows'
import type { TicketSlaClock } from './ticket-sla'

/** Which ticket a mutation touched. */
export interface Applied {
  seq: number
  id: string
}

type Columns = Partial<Omit<TicketDbRow, 'seq' | 'id'>>

const MILESTONE_COLUMN = {
  firstResponse: 'first_response_at',
  resolutionPlan: 'resolution_plan_at',
  resolved: 'resolved_at',
} as const satisfies Record<SlaMilestone, keyof TicketDbRow>

/** Event values are for reading in a timeline, not for reconstructing long text. */
const eventText = (value: string | null): string | null =>
  value === null ? null : value.length > 200 ? `${value.slice(0, 199)}…` : value

/** Prepared ticket writes on one connection. */
export class TicketWriter {
  private readonly ticketStatement: Database.Statement<[string], TicketDbRow>
  private readonly insertTicketStatement: Database.Statement<unknown[], number>
  private readonly eventStatement: Database.Statement<unknown[]>
  private readonly linkStatement: Database.Statement<[number, string, string]>
  private readonly unlinkStatement: Database.Statement<[number, string]>
  private readonly isLinkedStatement: Database.Statement<[number, string], number>
  private readonly noteStatement: Database.Statement<[Record<string, unknown>]>
  private readonly timeEntryStatement: Database.Statement<unknown[]>
  private readonly timerStatement: Database.Statement<unknown[]>
  private readonly timerByTechStatement: Database.Statement<[number, string], string>
  private readonly deleteTimerStatement: Database.Statement<[string, number]>
  private readonly updates = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    private readonly sla: TicketSlaClock,
  ) {
    this.ticketStatement = db.prepare('SELECT * FROM tickets WHERE id = ?')
    this.insertTicketStatement = db
      .prepare<unknown[], number>(
        `INSERT INTO tickets (id, number, client_id, site_id, subject, description, contact_name,
           contact_email, contact_phone, type, board, status, impact, urgency, priority,
           priority_manual, assignee, due_at, created_by, created_at, updated_at, sla_due_at,
           sla_risk_at, versions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')
         RETURNING seq`,
      )
      .pluck()
    this.eventStatement = db.prepare(
      `INSERT INTO ticket_events (ticket_seq, at, actor, kind, field, from_value, to_value,
         mutation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.linkStatement = db.prepare(
      'INSERT INTO ticket_devices (ticket_seq, device_id, hostname) VALUES (?, ?, ?)',
    )
    this.unlinkStatement = db.prepare(
      'DELETE FROM ticket_devices WHERE ticket_seq = ? AND device_id = ?',
    )
    this.isLinkedStatement = db
      .prepare<[number, string], number>(
        'SELECT 1 FROM ticket_devices WHERE ticket_seq = ? AND device_id = ?',
      )
      .pluck()
    // The next note number of a ticket comes from its range of ticket_notes (see 005-tickets).
    this.noteStatement = db.prepare(
      `INSERT INTO ticket_notes (seq, id, ticket_seq, visibility, is_plan, author, body, created_at)
       SELECT coalesce(max(seq), @ticket << 20) + 1, @id, @ticket, @visibility, @isPlan, @author,
         @body, @at
       FROM ticket_notes WHERE seq > @ticket << 20 AND seq < (@ticket + 1) << 20`,
    )
    this.timeEntryStatement = db.prepare(
      `INSERT INTO ticket_time_entries (id, ticket_seq, technician, started_at, ended_at,
         duration_minutes, billable, work_type, note, session_id, recording_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.timerStatement = db.prepare(
      `INSERT INTO ticket_timers (id, ticket_seq, technician, started_at, work_type, billable, note)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.timerByTechStatement = db
      .prepare<[number, string], string>(
        'SELECT id FROM ticket_timers WHERE ticket_seq = ? AND technician = ?',
      )
      .pluck()
    this.deleteTimerStatement = db.prepare(
      'DELETE FROM ticket_timers WHERE id = ? AND ticket_seq = ?',
    )
  }

  /** The stored ticket, or NOT_FOUND. */
  ticket(id: string): TicketDbRow {
    const row = this.ticketStatement.get(id)
    if (!row) throw new DomainError('not-found', 'No such ticket')
    return row
  }

  /** Applies one mutation; `mutationId` tags the timeline events it writes. */
  apply(mutation: TicketMutation, mutationId: number | null): Applied {
    switch (mutation.intent) {
      case 'tickets.create':
        return this.create(mutation.payload, mutationId)
      case 'tickets.update':
        return this.update(mutation.payload, mutationId)
      case 'tickets.setStatus':
        return this.setStatus(mutation.payload, mutationId)
      case 'tickets.setPriority':
        return this.setPriority(mutation.payload, mutationId)
      case 'tickets.assign':
        return this.assign(mutation.payload, mutationId)
      case 'tickets.linkDevice':
        return this.linkDevice(mutation.payload, mutationId)
      case 'tickets.unlinkDevice':
        return this.unlinkDevice(mutation.payload, mutationId)
      case 'tickets.addNote':
        return this.addNote(mutation.payload)
      case 'tickets.addTimeEntry':
        return this.addTimeEntry(mutation.payload)
      case 'tickets.startTimer':
        return this.startTimer(mutation.payload)
      case 'tickets.stopTimer':
        return this.stopTimer(mutation.payload)
      case 'tickets.cancelTimer':
        return this.cancelTimer(mutation.payload)
    }
  }

  private create(p: MutationPayload<'tickets.create'>, mutationId: number | null): Applied {
    if (this.ticketStatement.get(p.id)) {
      throw new DomainError('conflict', 'A ticket with this id exists already')
    }
    const priority = p.priority ?? priorityFromMatrix(p.impact, p.urgency)
    const history: StatusChange[] = [{ at: p.at, status: 'new' }]
    const sla = this.sla.columns(
      {
        seq: 0,
        client_id: p.clientId,
        site_id: p.siteId,
        priority,
        status: 'new',
        created_at: p.at,
        first_response_at: null,
        resolution_plan_at: null,
        resolved_at: null,
      },
      p.at,
      history,
    )
    const seq = this.insertTicketStatement.get(
      p.id,
      p.number,
      p.clientId,
      p.siteId,
      p.subject,
      p.description,
      p.contact.name,
      p.contact.email,
      p.contact.phone,
      p.type,
      p.board,
      p.impact,
      p.urgency,
      priority,
      p.priority === null ? 0 : 1,
      p.assignee,
      p.dueAt,
      p.actor,
      p.at,
      p.at,
      sla.dueAt,
      sla.riskAt,
    ) as number
    this.event(seq, p, 'created', null, null, 'new', mutationId)
    for (const device of p.devices) this.linkStatement.run(seq, device.id, device.hostname)
    return { seq, id: p.id }
  }

  private update(p: MutationPayload<'tickets.update'>, mutationId: number | null): Applied {
    const row = this.ticket(p.id)
    const set: Columns = {}
    const fields: TicketFieldName[] = []
    const c = p.changes
    const change = (
      field: TicketFieldName,
      from: string | null,
      to: string | null,
      columns: Columns,
      shown = true,
    ) => {
      Object.assign(set, columns)
      fields.push(field)
      this.event(
        row.seq,
        p,
        'updated',
        field,
        shown ? eventText(from) : null,
        shown ? eventText(to) : null,
        mutationId,
      )
    }
    if (c.subject !== undefined) change('subject', row.subject, c.subject, { subject: c.subject })
    if (c.description !== undefined) {
      change('description', null, null, { description: c.description }, false)
    }
    if (c.contact !== undefined) {
      const contact = {
        contact_name: c.contact.name === undefined ? row.contact_name : c.contact.name,
        contact_email: c.contact.email === undefined ? row.contact_email : c.contact.email,
        contact_phone: c.contact.phone === undefined ? row.contact_phone : c.contact.phone,
      }
      change('contact', row.contact_name, contact.contact_name, contact)
    }
    if (c.type !== undefined) change('type', row.type, c.type, { type: c.type })
    if (c.board !== undefined) change('board', row.board, c.board, { board: c.board })
    if (c.siteId !== undefined) change('siteId', row.site_id, c.siteId, { site_id: c.siteId })
    if (c.dueAt !== undefined) {
      const show = (v: number | null) => (v === null ? null : new Date(v).toISOString())
      change('dueAt', show(row.due_at), show(c.dueAt), { due_at: c.dueAt })
    }
    this.write(row, set, fields, p.at, c.siteId !== undefined)
    return row
  }

  private setStatus(p: MutationPayload<'tickets.setStatus'>, mutationId: number | null): Applied {
    const row = this.ticket(p.id)
    const problem = transitionProblem(row.status, p.status)
    if (problem) {
      throw new DomainError('invalid', problem, [{ path: ['status'], message: problem }])
    }
    const set: Columns = { status: p.status }
    for (const milestone of milestonesMetByStatus(row.status, p.status)) {
      const column = MILESTONE_COLUMN[milestone]
      if (row[column] === null) set[column] = p.at
    }
    for (const milestone of milestonesClearedByStatus(row.status, p.status)) {
      set[MILESTONE_COLUMN[milestone]] = null
    }
    this.event(row.seq, p, 'status', 'status', row.status, p.status, mutationId)
    this.write(row, set, ['status'], p.at, true)
    return row
  }

  private setPriority(
    p: MutationPayload<'tickets.setPriority'>,
    mutationId: number | null,
  ): Applied {
    const row = this.ticket(p.id)
    const impact = p.impact ?? row.impact
    const urgency = p.urgency ?? row.urgency
    let manual = row.priority_manual === 1
    let priority = row.priority
    if (p.priority !== undefined) {
      manual = p.priority !== null
      priority = p.priority ?? priorityFromMatrix(impact, urgency)
    } else if (!manual) {
      priority = priorityFromMatrix(impact, urgency)
    }
    const fields: TicketFieldName[] = []
    if (p.impact !== undefined) fields.push('impact')
    if (p.urgency !== undefined) fields.push('urgency')
    if (p.priority !== undefined || priority !== row.priority) fields.push('priority')
    if (priority !== row.priority) {
      this.event(row.seq, p, 'priority', 'priority', row.priority, priority, mutationId)
    }
    this.write(
      row,
      { impact, urgency, priority, priority_manual: manual ? 1 : 0 },
      fields,
      p.at,
      priority !== row.priority,
    )
    return row
  }

  private assign(p: MutationPayload<'tickets.assign'>, mutationId: number | null): Applied {
    const row = this.ticket(p.id)
    this.event(row.seq, p, 'assigned', 'assignee', row.assignee, p.assignee, mutationId)
    this.write(row, { assignee: p.assignee }, ['assignee'], p.at, false)
    return row
  }

  private linkDevice(p: MutationPayload<'tickets.linkDevice'>, mutationId: number | null): Applied {
    const row = this.ticket(p.id)
    if (this.isLinkedStatement.get(row.seq, p.deviceId)) {
      throw new DomainError('conflict', `${p.hostname} is linked to this ticket already`)
    }
    this.linkStatement.run(row.seq, p.deviceId, p.hostname)
    this.event(row.seq, p, 'device-linked', 'devices', null, p.hostname, mutationId)
    this.write(row, {}, ['devices'], p.at, false)
    return row
  }

  private unlinkDevice(
    p: MutationPayload<'tickets.unlinkDevice'>,
    mutationId: number | null,
  ): Applied {
    const row = this.ticket(p.id)
    const hostname = this.db
      .prepare<[number, string], string>(
        'SELECT hostname FROM ticket_devices WHERE ticket_seq = ? AND device_id = ?',
      )
      .pluck()
      .get(row.seq, p.deviceId)
    if (hostname === undefined) {
      throw new DomainError('not-found', 'That device is not linked to this ticket')
    }
    this.unlinkStatement.run(row.seq, p.deviceId)
    this.event(row.seq, p, 'device-unlinked', 'devices', hostname, null, mutationId)
    this.write(row, {}, ['devices'], p.at, false)
    return row
  }

  private addNote(p: MutationPayload<'tickets.addNote'>): Applied {
    const row = this.ticket(p.ticketId)
    this.noteStatement.run({
      id: p.noteId,
      ticket: row.seq,
      visibility: p.visibility,
      isPlan: p.isPlan ? 1 : 0,
      author: p.actor,
      body: p.body,
      at: p.at,
    })
    const set: Columns = {}
    for (const milestone of milestonesMetByNote(p)) {
      const column = MILESTONE_COLUMN[milestone]
      if (row[column] === null) set[column] = p.at
    }
    this.write(row, set, [], p.at, Object.keys(set).length > 0)
    return row
  }

  private addTimeEntry(p: MutationPayload<'tickets.addTimeEntry'>): Applied {
    const row = this.ticket(p.ticketId)
    this.timeEntryStatement.run(
      p.entryId,
      row.seq,
      p.technician,
      p.startedAt,
      p.endedAt,
      p.durationMinutes,
      p.billable ? 1 : 0,
      p.workType,
      p.note,
      p.sessionId,
      p.recordingId,
      p.at,
    )
    this.write(row, {}, [], p.at, false)
    return row
  }

  private startTimer(p: MutationPayload<'tickets.startTimer'>): Applied {
    const row = this.ticket(p.ticketId)
    if (this.timerByTechStatement.get(row.seq, p.technician) !== undefined) {
      throw new DomainError('conflict', `A timer is already running on ${row.number}`)
    }
    this.timerStatement.run(
      p.timerId,
      row.seq,
      p.technician,
      p.at,
      p.workType,
      p.billable ? 1 : 0,
      p.note,
    )
    this.write(row, {}, [], p.at, false)
    return row
  }

  private stopTimer(p: MutationPayload<'tickets.stopTimer'>): Applied {
    const row = this.ticket(p.ticketId)
    if (this.deleteTimerStatement.run(p.timerId, row.seq).changes === 0) {
      throw new DomainError('not-found', 'That timer is not running')
    }
    this.timeEntryStatement.run(
      p.entryId,
      row.seq,
      p.technician,
      p.startedAt,
      p.at,
      p.durationMinutes,
      p.billable ? 1 : 0,
      p.workType,
      p.note,
      null,
      null,
      p.at,
    )
    this.write(row, {}, [], p.at, false)
    return row
  }

  private cancelTimer(p: MutationPayload<'tickets.cancelTimer'>): Applied {
    const row = this.ticket(p.ticketId)
    if (this.deleteTimerStatement.run(p.timerId, row.seq).changes === 0) {
      throw new DomainError('not-found', 'That timer is not running')
    }
    this.write(row, {}, [], p.at, false)
    return row
  }

  private event(
    seq: number,
    stamp: { at: number; actor: string },
    kind: TicketEventKind,
    field: string | null,
    from: string | null,
    to: string | null,
    mutationId: number | null,
  ): void {
    this.eventStatement.run(seq, stamp.at, stamp.actor, kind, field, from, to, mutationId)
  }

  /**
   * Writes the changed columns of a ticket with its new versions and updated_at, and (when
   * status, priority, milestones or site changed) its SLA columns. Only changed columns are
   * in the UPDATE, so unrelated indexes and the search trigger are left alone.
   */
  private write(
    row: TicketDbRow,
    set: Columns,
    fields: readonly TicketFieldName[],
    at: number,
    refreshSla: boolean,
  ): void {
    const next: TicketDbRow = { ...row, ...set, updated_at: at }
    if (fields.length > 0) {
      const versions = JSON.parse(row.versions) as Partial<Record<TicketFieldName, number>>
      for (const field of fields) versions[field] = (versions[field] ?? 0) + 1
      next.versions = JSON.stringify(versions)
    }
    if (refreshSla) {
      const columns = this.sla.columns(next, at)
      next.sla_due_at = columns.dueAt
      next.sla_risk_at = columns.riskAt
    }
    const changed = (Object.keys(next) as Array<keyof TicketDbRow>).filter(
      (key) => key !== 'seq' && next[key] !== row[key],
    )
    if (changed.length === 0) return
    const key = changed.join(',')
    let statement = this.updates.get(key)
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE tickets SET ${changed.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`,
      )
      this.updates.set(key, statement)
    }
    const params: Record<string, unknown> = { seq: row.seq }
    for (const column of changed) params[column] = next[column]
    statement.run(params)
  }
}
