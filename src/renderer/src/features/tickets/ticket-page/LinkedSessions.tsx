import { CheckCircle2, Clock, PlayCircle } from 'lucide-react'
import { useState } from 'react'
import type { TicketDetail } from '@shared/contract/tickets'
import { StatusDot } from '../../../ui/StatusDot'
import { formatDateTime } from '../../inventory/device-detail/format'
import { RecordingDialog } from '../dialogs/RecordingDialog'
import { formatMinutes, minutesBetween } from '../duration'
import { useTicketUi } from '../ticket-ui-store'

/** SSH sessions opened for this ticket, with their recordings and whether their time is logged. */
export function LinkedSessions({ ticket }: { ticket: TicketDetail }) {
  const [playing, setPlaying] = useState<string | null>(null)
  const review = useTicketUi((s) => s.review)
  if (ticket.sessions.length === 0) return null
  return (
    <section className="tk-card" aria-labelledby="tk-sessions">
      <h2 id="tk-sessions" className="tk-card__title">
        Sessions
      </h2>
      <ul className="tk-sessions">
        {ticket.sessions.map((session) => (
          <li key={session.sessionId} className="tk-session" data-testid="ticket-session">
            <div className="tk-session__head">
              <StatusDot
                tone={session.state === 'open' ? 'ok' : 'idle'}
                label={session.state === 'open' ? 'Open' : 'Closed'}
              />
              <span className="tk-session__title">{session.title}</span>
            </div>
            <div className="tk-muted tk-session__meta">
              {formatDateTime(session.startedAt)}
              {session.endedAt !== null
                ? ` · ${formatMinutes(minutesBetween(session.startedAt, session.endedAt))}`
                : ' · running'}
            </div>
            <div className="tk-session__actions">
              {session.recordingId ? (
                <button
                  type="button"
                  className="tk-link-button"
                  onClick={() => setPlaying(session.recordingId)}
                >
                  <PlayCircle aria-hidden size={13} />
                  Recording
                </button>
              ) : null}
              {session.timeEntryId ? (
                <span className="tk-logged">
                  <CheckCircle2 aria-hidden size={13} />
                  Time logged
                </span>
              ) : session.state === 'closed' ? (
                <button
                  type="button"
                  className="tk-link-button"
                  onClick={() => review(session.sessionId)}
                >
                  <Clock aria-hidden size={13} />
                  Log time
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {playing ? <RecordingDialog recordingId={playing} onClose={() => setPlaying(null)} /> : null}
    </section>
  )
}
