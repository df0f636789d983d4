/**
 * Writes whole tickets (TicketSnapshot) into the working copy: a rebase puts the server's
 * version back before replaying the outbox, and the sample and benchmarks load many at once.
 * Callers run it inside Store.transaction.
 */
import type Database from 'better-sqlite3'
import type { StatusChange } from '../../../shared/domain/sla'
import type { TicketSnapshot } from '../../../shared/domain/tickets'
import type { TicketSlaClock } from './ticket-sla'

/** The seq of a ticket's n-th note (see 005-tickets: notes live in their ticket's range). */
export const noteSeq = (ticketSeq: number, n: number): number => ticketSeq * 2 ** 20 + n

const SEARCH_TRIGGERS = ['tickets_search_insert', 'ticket_notes_search_insert'] as const

/**
 * From this many tickets on, writeBatch indexes their search text in bulk: below it, setting
 * the triggers aside (a schema change, so every statement is prepared again) costs more than
 * it saves.
 */
export const BULK_SEARCH_FROM = 20

/** The status history a snapshot's events describe, oldest first. */
export function snapshotHistory(snapshot: TicketSnapshot): StatusChange[] {
  return snapshot.events
    .filter((e) => (e.kind === 'created' || e.kind === 'status') && e.to !== null)
    .map((e) => ({ at: e.at, status: e.to as string }))
    .sort((a, b) => a.at - b.at)
}

/** Prepared whole-ticket writes on one connection. */
export class TicketSnapshotWriter {
  private readonly seqStatement: Database.Statement<[string], number>
  private readonly deleteStatement: Database.Statement<[number]>
  private readonly ticketStatement: Database.Statement<unknown[], number>
  private readonly eventStatement: Database.Statement<unknown[]>
  private readonly deviceStatement: Database.Statement<unknown[]>
  private readonly noteStatement: Database.Statement<unknown[]>
  private readonly timeEntryStatement: Database.Statement<unknown[]>
  private readonly timerStatement: Database.Statement<unknown[]>

  constructor(
    private readonly db: Database.Database,
    private readonly sla: TicketSlaClock,
  ) {
    this.seqStatement = db.prepare<[string], number>('SELECT seq FROM tickets WHERE id = ?').pluck()
    // Notes, time entries, events, devices and timers go with it (ON DELETE CASCADE).
    this.deleteStatement = db.prepare('DELETE FROM tickets WHERE seq = ?')
    this.ticketStatement = db
      .prepare<unknown[], number>(
        `INSERT INTO tickets (seq, id, number, client_id, site_id, subject, description,
           contact_name, contact_email, contact_phone, type, board, status, impact, urgency,
           priority, priority_manual, assignee, due_at, created_by, created_at, updated_at,
           first_response_at, resolution_plan_at, resolved_at, sla_due_at, sla_risk_at, versions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING seq`,
      )
      .pluck()
    this.eventStatement = db.prepare(
      `INSERT INTO ticket_events (ticket_seq, at, actor, kind, field, from_value, to_value)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.deviceStatement = db.prepare(
      'INSERT INTO ticket_devices (ticket_seq, device_id, hostname) VALUES (?, ?, ?)',
    )
    this.noteStatement = db.prepare(
      `INSERT INTO ticket_notes (seq, id, ticket_seq, visibility, is_plan, author, body,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
  }

  /**
   * Makes the working copy of one ticket exactly the snapshot (replacing what was there, and
   * keeping its seq); SLA columns are computed at `now`. Returns the ticket's seq.
   */
  write(s: TicketSnapshot, now: number): number {
    const existing = this.seqStatement.get(s.id)
    if (existing !== undefined) this.deleteStatement.run(existing)
    const history = snapshotHistory(s)
    const sla = this.sla.columns(
      {
        seq: 0,
        client_id: s.clientId,
        site_id: s.siteId,
        priority: s.priority,
        status: s.status,
        created_at: s.createdAt,
        first_response_at: s.firstResponseAt,
        resolution_plan_at: s.resolutionPlanAt,
        resolved_at: s.resolvedAt,
      },
      now,
      history,
    )
    const seq = this.ticketStatement.get(
      existing ?? null,
      s.id,
      s.number,
      s.clientId,
      s.siteId,
      s.subject,
      s.description,
      s.contact.name,
      s.contact.email,
      s.contact.phone,
      s.type,
      s.board,
      s.status,
      s.impact,
      s.urgency,
      s.priority,
      s.priorityManual ? 1 : 0,
      s.assignee,
      s.dueAt,
      s.createdBy,
      s.createdAt,
      s.updatedAt,
      s.firstResponseAt,
      s.resolutionPlanAt,
      s.resolvedAt,
      sla.dueAt,
      sla.riskAt,
      JSON.stringify(s.versions),
    ) as number
    for (const e of s.events) {
      this.eventStatement.run(seq, e.at, e.actor, e.kind, e.field, e.from, e.to)
    }
    for (const d of s.devices) this.deviceStatement.run(seq, d.id, d.hostname)
    for (const [index, n] of s.notes.entries()) {
      this.noteStatement.run(
        noteSeq(seq, index + 1),
        n.id,
        seq,
        n.visibility,
        n.isPlan ? 1 : 0,
        n.author,
        n.body,
        n.createdAt,
      )
    }
    for (const t of s.timeEntries) {
      this.timeEntryStatement.run(
        t.id,
        seq,
        t.technician,
        t.startedAt,
        t.endedAt,
        t.durationMinutes,
        t.billable ? 1 : 0,
        t.workType,
        t.note,
        t.sessionId,
        t.recordingId,
        t.createdAt,
      )
    }
    for (const t of s.timers) {
      this.timerStatement.run(
        t.id,
        seq,
        t.technician,
        t.startedAt,
        t.workType,
        t.billable ? 1 : 0,
        t.note,
      )
    }
    return seq
  }

  /**
   * Writes many snapshots (new tickets or replacements, as write does) in the caller's
   * transaction: a pulled page. From BULK_SEARCH_FROM tickets on, the per-row search triggers
   * are set aside and the written tickets and their notes are indexed with one statement per
   * search table (a trigger on every insert cost a third of the page's write time); the delete
   * triggers stay, so a replaced ticket's old text leaves the index as usual. Returns the seqs.
   */
  writeBatch(snapshots: readonly TicketSnapshot[], now: number): number[] {
    const writeEach = (): number[] => this.sla.batch(() => snapshots.map((s) => this.write(s, now)))
    if (snapshots.length < BULK_SEARCH_FROM) return writeEach()
    const triggers = this.searchTriggers()
    // None: a first sync has set the search triggers aside for its whole load (bulk-load.ts);
    // putting them back rebuilds the index from every row, so indexing here would be waste.
    if (triggers.length === 0) return writeEach()
    let seqs: number[]
    try {
      for (const trigger of triggers) this.db.exec(`DROP TRIGGER ${trigger.name}`)
      seqs = writeEach()
    } finally {
      // Put back even when a write failed: the caller may roll back to a savepoint and go on.
      for (const trigger of triggers) this.db.exec(trigger.sql)
    }
    const written = JSON.stringify(seqs)
    this.db
      .prepare(
        `INSERT INTO ticket_search (rowid, subject, body)
         SELECT seq << 20, subject, description FROM tickets
         WHERE seq IN (SELECT value FROM json_each(?))`,
      )
      .run(written)
    this.db
      .prepare(
        `INSERT INTO ticket_search (rowid, subject, body)
         SELECT seq, '', body FROM ticket_notes
         WHERE ticket_seq IN (SELECT value FROM json_each(?))`,
      )
      .run(written)
    return seqs
  }

  private searchTriggers(): Array<{ name: string; sql: string }> {
    return this.db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
         AND name IN (${SEARCH_TRIGGERS.map((n) => `'${n}'`).join(', ')})`,
      )
      .all()
  }

  /**
   * Loads many new tickets the way bulk loads should: the per-row search triggers are set
   * aside and the new rows are indexed with one statement per search table afterwards (any
   * INSERT trigger makes SQLite keep a statement journal per row). For tickets not yet in the
   * store; returns how many were written.
   */
  writeMany(snapshots: Iterable<TicketSnapshot>, now: number): number {
    const triggers = this.searchTriggers()
    for (const trigger of triggers) this.db.exec(`DROP TRIGGER ${trigger.name}`)
    // A bigger page cache for the load: the indexes of a million notes outgrow the default 2 MB.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number
    this.db.pragma('cache_size = -262144')
    const firstTicket =
      (this.db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM tickets').pluck().get() ??
        0) + 1
    let count = 0
    for (const snapshot of snapshots) {
      if (this.seqStatement.get(snapshot.id) !== undefined) {
        throw new Error(`Ticket ${snapshot.number} is in the store already; bulk loads only add`)
      }
      this.write(snapshot, now)
      count += 1
    }
    this.db.pragma(`cache_size = ${cacheSize}`)
    for (const trigger of triggers) this.db.exec(trigger.sql)
    this.db
      .prepare(
        `INSERT INTO ticket_search (rowid, subject, body)
         SELECT seq << 20, subject, description FROM tickets WHERE seq >= ?`,
      )
      .run(firstTicket)
    this.db
      .prepare(
        `INSERT INTO ticket_search (rowid, subject, body)
         SELECT seq, '', body FROM ticket_notes WHERE seq >= ? << 20`,
      )
      .run(firstTicket)
    // One merged index instead of the many segments a bulk insert leaves: faster queries.
    this.db.exec(`INSERT INTO ticket_search (ticket_search) VALUES ('optimize')`)
    return count
  }
}
