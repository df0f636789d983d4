/**
 * Ticket-bound SSH sessions: sessions opened with a ticketId are remembered in the store (the
 * session service keeps them only for this run), and a closed one becomes a proposed time
 * entry with the device, the duration and the commands typed.
 */
import type Database from 'better-sqlite3'
import type { SessionEvent, SessionSummary } from '../../../shared/contract/sessions'
import type { SessionDraft } from '../../../shared/contract/tickets'
import { DomainError } from '../../../shared/domain/errors'
import type { Logger } from '../ports'
import { commandsFromKeystrokes, inputEvents } from './session-commands'
import type { StoredSessionRow } from './ticket-rows'

/** What ticket sessions need from the session service and the recordings. */
export interface SessionSource {
  onEvent(listener: (event: SessionEvent) => void): () => void
  get(id: string): SessionSummary
}
export interface RecordingSource {
  get(
    id: string,
  ):
    | Promise<{ recording: { inputRecorded: boolean }; asciicast: string }>
    | { recording: { inputRecorded: boolean }; asciicast: string }
}

const ENDED = new Set<SessionSummary['state']>(['closed', 'failed'])

/** Minutes a session lasted, at least one. */
export const sessionMinutes = (startedAt: number, endedAt: number): number =>
  Math.max(1, Math.round((endedAt - startedAt) / 60_000))

/** Records ticket-bound sessions as they change, and drafts time entries from them. */
export class TicketSessionLinks {
  private readonly upsertStatement: Database.Statement<unknown[]>
  private readonly getStatement: Database.Statement<[string], StoredSessionRow>
  private readonly loggedStatement: Database.Statement<[string], string>
  private readonly hostnameStatement: Database.Statement<[string], string>
  private readonly ticketStatement: Database.Statement<
    [string],
    { seq: number; number: string; client_id: string }
  >
  private readonly linkedStatement: Database.Statement<[number, string], number>
  private readonly stop: () => void

  constructor(
    db: Database.Database,
    private readonly sessions: SessionSource,
    private readonly recordings: RecordingSource,
    private readonly logger: Logger,
  ) {
    this.upsertStatement = db.prepare(
      `INSERT INTO ticket_sessions (session_id, ticket_id, device_id, title, host, state,
         started_at, ended_at, recording_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET state = excluded.state,
         ended_at = excluded.ended_at, recording_id = excluded.recording_id`,
    )
    this.getStatement = db.prepare('SELECT * FROM ticket_sessions WHERE session_id = ?')
    this.loggedStatement = db
      .prepare<[string], string>(
        'SELECT id FROM ticket_time_entries WHERE session_id = ? ORDER BY seq LIMIT 1',
      )
      .pluck()
    this.hostnameStatement = db
      .prepare<[string], string>('SELECT hostname FROM devices WHERE id = ?')
      .pluck()
    this.ticketStatement = db.prepare('SELECT seq, number, client_id FROM tickets WHERE id = ?')
    this.linkedStatement = db
      .prepare<[number, string], number>(
        'SELECT 1 FROM ticket_devices WHERE ticket_seq = ? AND device_id = ?',
      )
      .pluck()
    this.stop = sessions.onEvent((event) => {
      if (event.type === 'state' && event.session.ticketId !== null) this.record(event.session)
    })
  }

  /**
   * Refuses to open a session for a ticket that does not exist, or that concerns neither the
   * device nor its client: the session, its recording and its time entry would land on a
   * ticket that has nothing to do with the work.
   */
  checkSessionTicket(
    ticketId: string,
    device: { deviceId: string; clientId: string; hostname: string },
  ): void {
    const ticket = this.ticketStatement.get(ticketId)
    if (!ticket) throw new DomainError('not-found', 'No such ticket')
    if (ticket.client_id === device.clientId) return
    if (this.linkedStatement.get(ticket.seq, device.deviceId) !== undefined) return
    throw new DomainError(
      'forbidden',
      `${device.hostname} belongs to another client than ticket ${ticket.number} and is not ` +
        'linked to it: link the device to the ticket first',
    )
  }

  /** Remembers (or updates) a ticket-bound session. */
  record(session: SessionSummary): void {
    if (session.ticketId === null) return
    try {
      this.upsertStatement.run(
        session.id,
        session.ticketId,
        session.deviceId,
        session.title,
        `${session.username}@${session.host}:${session.port}`,
        ENDED.has(session.state) ? 'closed' : 'open',
        session.startedAt,
        session.endedAt,
        session.recordingId,
      )
    } catch (error) {
      // A failed bookkeeping write must not disturb the session itself.
      this.logger.error('could not record a ticket session', error)
    }
  }

  /** The proposed time entry for a closed ticket-bound session. */
  async draft(sessionId: string): Promise<SessionDraft> {
    const session = this.stored(sessionId)
    if (session.state !== 'closed' || session.ended_at === null) {
      throw new DomainError('conflict', 'The session is still open; close it first')
    }
    const minutes = sessionMinutes(session.started_at, session.ended_at)
    const commands = await this.commands(session.recording_id)
    const device =
      (session.device_id === null ? undefined : this.hostnameStatement.get(session.device_id)) ??
      session.host
    const lines = [`Remote session on ${device} (${session.host}), ${minutes} min.`]
    if (commands.length > 0) {
      lines.push('', 'Commands:', ...commands.map((command) => `  ${command}`))
    }
    return {
      ticketId: session.ticket_id,
      sessionId: session.session_id,
      deviceId: session.device_id,
      recordingId: session.recording_id,
      startedAt: session.started_at,
      endedAt: session.ended_at,
      durationMinutes: minutes,
      workType: 'remote',
      billable: true,
      note: lines.join('\n'),
      commands,
      loggedTimeEntryId: this.loggedStatement.get(session.session_id) ?? null,
    }
  }

  dispose(): void {
    this.stop()
  }

  /** The stored session, falling back to the live one (recording it) for this run. */
  private stored(sessionId: string): StoredSessionRow {
    let row = this.getStatement.get(sessionId)
    if (!row) {
      let live: SessionSummary
      try {
        live = this.sessions.get(sessionId)
      } catch {
        throw new DomainError('not-found', 'No such session')
      }
      if (live.ticketId === null) {
        throw new DomainError('invalid', 'That session was not opened for a ticket', [
          { path: ['sessionId'], message: 'Not a ticket session' },
        ])
      }
      this.record(live)
      row = this.getStatement.get(sessionId)
      if (!row) throw new DomainError('not-found', 'No such session')
    }
    return row
  }

  private async commands(recordingId: string | null): Promise<string[]> {
    if (recordingId === null) return []
    try {
      const { recording, asciicast } = await this.recordings.get(recordingId)
      return recording.inputRecorded ? commandsFromKeystrokes(inputEvents(asciicast)) : []
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') return []
      throw error
    }
  }
}
