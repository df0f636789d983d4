/** Ticket rows as SQLite stores them, and their contract shapes. */
import type {
  FieldVersions,
  ImpactLevel,
  NoteVisibility,
  TicketEvent,
  TicketNote,
  TicketPriority,
  TicketSession,
  TicketStatus,
  TicketTimer,
  TicketType,
  TimeEntry,
  WorkType,
} from '../../../shared/contract/tickets'
import { TICKET_FIELDS } from '../../../shared/domain/tickets'

/** A row of `tickets`. */
export interface TicketDbRow {
  seq: number
  id: string
  number: string
  client_id: string
  site_id: string | null
  subject: string
  description: string
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  type: TicketType
  board: string
  status: TicketStatus
  impact: ImpactLevel
  urgency: ImpactLevel
  priority: TicketPriority
  priority_manual: number
  assignee: string | null
  due_at: number | null
  created_by: string
  created_at: number
  updated_at: number
  first_response_at: number | null
  resolution_plan_at: number | null
  resolved_at: number | null
  sla_due_at: number | null
  sla_risk_at: number | null
  versions: string
}

/** A ticket row with what list queries join to it. */
export interface TicketListDbRow extends TicketDbRow {
  client_name: string | null
  site_name: string | null
  site_hours: string | null
  site_time_zone: string | null
  pending: number
}

export interface NoteDbRow {
  seq: number
  id: string
  ticket_seq: number
  visibility: NoteVisibility
  is_plan: number
  author: string
  body: string
  created_at: number
  pending: number
}

export interface TimeEntryDbRow {
  seq: number
  id: string
  ticket_seq: number
  technician: string
  started_at: number | null
  ended_at: number | null
  duration_minutes: number
  billable: number
  work_type: WorkType
  note: string
  session_id: string | null
  recording_id: string | null
  created_at: number
  pending: number
}

export interface TimerDbRow {
  id: string
  ticket_seq: number
  ticket_id: string
  ticket_number: string
  ticket_subject: string
  technician: string
  started_at: number
  work_type: WorkType
  billable: number
  note: string
  pending: number
}

export interface EventDbRow {
  id: number
  ticket_seq: number
  at: number
  actor: string
  kind: TicketEvent['kind']
  field: string | null
  from_value: string | null
  to_value: string | null
  pending: number
}

/** A ticket_sessions row. */
export interface StoredSessionRow {
  session_id: string
  ticket_id: string
  device_id: string | null
  title: string
  host: string
  state: 'open' | 'closed'
  started_at: number
  ended_at: number | null
  recording_id: string | null
}

/** A ticket_sessions row with the time entry logged from it, as a ticket's page lists them. */
export interface SessionDbRow extends StoredSessionRow {
  time_entry_id: string | null
}

/** Stored versions with every field present (0 for a field never changed). */
export function versionsFrom(text: string): Required<FieldVersions> {
  const stored = JSON.parse(text) as FieldVersions
  const all = {} as Required<FieldVersions>
  for (const field of TICKET_FIELDS) all[field] = stored[field] ?? 0
  return all
}

export const noteFrom = (row: NoteDbRow, ticketId: string): TicketNote => ({
  id: row.id,
  ticketId,
  visibility: row.visibility,
  isPlan: row.is_plan === 1,
  author: row.author,
  body: row.body,
  createdAt: row.created_at,
  pendingSync: row.pending === 1,
})

export const timeEntryFrom = (row: TimeEntryDbRow, ticketId: string): TimeEntry => ({
  id: row.id,
  ticketId,
  technician: row.technician,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  durationMinutes: row.duration_minutes,
  billable: row.billable === 1,
  workType: row.work_type,
  note: row.note,
  sessionId: row.session_id,
  recordingId: row.recording_id,
  createdAt: row.created_at,
  pendingSync: row.pending === 1,
})

export const timerFrom = (row: TimerDbRow): TicketTimer => ({
  id: row.id,
  ticketId: row.ticket_id,
  ticketNumber: row.ticket_number,
  ticketSubject: row.ticket_subject,
  technician: row.technician,
  startedAt: row.started_at,
  workType: row.work_type,
  billable: row.billable === 1,
  note: row.note,
  pendingSync: row.pending === 1,
})

export const eventFrom = (row: EventDbRow): TicketEvent => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  kind: row.kind,
  field: row.field,
  from: row.from_value,
  to: row.to_value,
  pendingSync: row.pending === 1,
})

export const sessionFrom = (row: SessionDbRow): TicketSession => ({
  sessionId: row.session_id,
  ticketId: row.ticket_id,
  deviceId: row.device_id,
  title: row.title,
  host: row.host,
  state: row.state,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  recordingId: row.recording_id,
  timeEntryId: row.time_entry_id,
})
