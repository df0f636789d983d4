/**
 * Reads one ticket of the working copy as a whole document (TicketSnapshot), the inverse of
 * TicketSnapshotWriter: what the app uploads of a local ticket, and what tests compare with
 * applyTicketMutation's documents.
 *
 * Order is the store's: events, notes and time entries in the order they were written,
 * timers in the order they started, devices by id (ticket_devices is keyed by it, so that is
 * the only order it keeps; applyTicketMutation keeps the same one). Versions are the local
 * per-field counters as stored (the base's version plus one per pending local change; fields
 * never changed are absent), not server versions. The SLA columns are derived and left out.
 */
import type Database from 'better-sqlite3'
import { TICKET_FIELDS, TicketSnapshot, type TicketFieldName } from '../../../shared/domain/tickets'
import type { EventDbRow, NoteDbRow, TicketDbRow, TimeEntryDbRow } from './ticket-rows'

interface TimerRow {
  id: string
  technician: string
  started_at: number
  work_type: TicketSnapshot['timers'][number]['workType']
  billable: number
  note: string
}

interface Statements {
  ticket: Database.Statement<[string], TicketDbRow>
  devices: Database.Statement<[number], { device_id: string; hostname: string }>
  events: Database.Statement<[number], Omit<EventDbRow, 'pending'>>
  notes: Database.Statement<[number], Omit<NoteDbRow, 'pending'>>
  timeEntries: Database.Statement<[number], Omit<TimeEntryDbRow, 'pending'>>
  timers: Database.Statement<[number], TimerRow>
}

// Prepared once per connection: an upload reads many tickets.
const prepared = new WeakMap<Database.Database, Statements>()

function statements(db: Database.Database): Statements {
  let s = prepared.get(db)
  if (!s) {
    s = {
      ticket: db.prepare('SELECT * FROM tickets WHERE id = ?'),
      devices: db.prepare(
        'SELECT device_id, hostname FROM ticket_devices WHERE ticket_seq = ? ORDER BY device_id',
      ),
      events: db.prepare(
        `SELECT id, ticket_seq, at, actor, kind, field, from_value, to_value FROM ticket_events
         WHERE ticket_seq = ? ORDER BY id`,
      ),
      // A note's seq is its number on its ticket (see 005-tickets): the order it was added in.
      notes: db.prepare(
        `SELECT seq, id, ticket_seq, visibility, is_plan, author, body, created_at FROM ticket_notes
         WHERE ticket_seq = ? ORDER BY seq`,
      ),
      timeEntries: db.prepare(
        `SELECT seq, id, ticket_seq, technician, started_at, ended_at, duration_minutes, billable,
           work_type, note, session_id, recording_id, created_at FROM ticket_time_entries
         WHERE ticket_seq = ? ORDER BY seq`,
      ),
      timers: db.prepare(
        `SELECT id, technician, started_at, work_type, billable, note FROM ticket_timers
         WHERE ticket_seq = ? ORDER BY rowid`,
      ),
    }
    prepared.set(db, s)
  }
  return s
}

/** The stored versions of the versioned fields; anything else in the column is dropped. */
function versionsOf(text: string): TicketSnapshot['versions'] {
  const stored = JSON.parse(text) as Record<string, unknown>
  const versions: Partial<Record<TicketFieldName, number>> = {}
  for (const field of TICKET_FIELDS) {
    const value = stored[field]
    if (typeof value === 'number') versions[field] = value
  }
  return versions
}

/**
 * The working copy of ticket `ticketId` as a TicketSnapshot, or null when there is no such
 * ticket. Throws (a ZodError naming the field) if the stored ticket does not fit the document.
 */
export function readTicketSnapshot(db: Database.Database, ticketId: string): TicketSnapshot | null {
  const s = statements(db)
  const row = s.ticket.get(ticketId)
  if (!row) return null
  const seq = row.seq
  return TicketSnapshot.parse({
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    siteId: row.site_id,
    subject: row.subject,
    description: row.description,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    type: row.type,
    board: row.board,
    status: row.status,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    priorityManual: row.priority_manual === 1,
    assignee: row.assignee,
    dueAt: row.due_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseAt: row.first_response_at,
    resolutionPlanAt: row.resolution_plan_at,
    resolvedAt: row.resolved_at,
    versions: versionsOf(row.versions),
    devices: s.devices.all(seq).map((d) => ({ id: d.device_id, hostname: d.hostname })),
    events: s.events.all(seq).map((e) => ({
      at: e.at,
      actor: e.actor,
      kind: e.kind,
      field: e.field,
      from: e.from_value,
      to: e.to_value,
    })),
    notes: s.notes.all(seq).map((n) => ({
      id: n.id,
      visibility: n.visibility,
      isPlan: n.is_plan === 1,
      author: n.author,
      body: n.body,
      createdAt: n.created_at,
    })),
    timeEntries: s.timeEntries.all(seq).map((t) => ({
      id: t.id,
      technician: t.technician,
      startedAt: t.started_at,
      endedAt: t.ended_at,
      durationMinutes: t.duration_minutes,
      billable: t.billable === 1,
      workType: t.work_type,
      note: t.note,
      sessionId: t.session_id,
      recordingId: t.recording_id,
      createdAt: t.created_at,
    })),
    timers: s.timers.all(seq).map((t) => ({
      id: t.id,
      technician: t.technician,
      startedAt: t.started_at,
      workType: t.work_type,
      billable: t.billable === 1,
      note: t.note,
    })),
  })
}
