import { Clock, Globe, History, Lock, PlayCircle, Target } from 'lucide-react'
import { useState } from 'react'
import type { TicketDetail, TicketNote, TimeEntry, TimelineItem } from '@shared/contract/tickets'
import { formatDateTime } from '../../inventory/device-detail/format'
import { PendingMark } from '../badges'
import { RecordingDialog } from '../dialogs/RecordingDialog'
import { formatMinutes } from '../duration'
import { visibilityLabels, workTypeLabels } from '../labels'
import { eventSentence } from './timeline-text'
import { ago } from '../time'

function When({ at, now }: { at: number; now: number }) {
  return (
    <time className="tk-when" dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {ago(at, now)}
    </time>
  )
}

function NoteItem({ note, now }: { note: TicketNote; now: number }) {
  const internal = note.visibility === 'internal'
  return (
    <article
      className={`tk-note tk-note--${note.visibility}`}
      aria-label={`${visibilityLabels[note.visibility]} note by ${note.author}`}
      data-testid="timeline-note"
    >
      <header className="tk-note__head">
        <span className={`tk-visibility tk-visibility--${note.visibility}`}>
          {internal ? <Lock aria-hidden size={12} /> : <Globe aria-hidden size={12} />}
          {internal ? 'Internal' : 'Customer-facing'}
        </span>
        {note.isPlan ? (
          <span className="tk-tag">
            <Target aria-hidden size={12} />
            Resolution plan
          </span>
        ) : null}
        <strong className="tk-note__author">{note.author}</strong>
        <When at={note.createdAt} now={now} />
        {note.pendingSync ? <PendingMark /> : null}
      </header>
      <p className="tk-note__body">{note.body}</p>
    </article>
  )
}

function TimeItem(props: { entry: TimeEntry; now: number; onPlay(recordingId: string): void }) {
  const { entry, now } = props
  return (
    <article
      className="tk-time"
      aria-label={`Time entry ${formatMinutes(entry.durationMinutes)}`}
      data-testid="timeline-time"
    >
      <span className="tk-time__icon" aria-hidden>
        <Clock size={14} />
      </span>
      <div className="tk-time__main">
        <div className="tk-time__head">
          <strong className="tk-time__duration">{formatMinutes(entry.durationMinutes)}</strong>
          <span>{workTypeLabels[entry.workType]}</span>
          <span className={entry.billable ? 'tk-tag tk-tag--ok' : 'tk-tag'}>
            {entry.billable ? 'Billable' : 'Not billable'}
          </span>
          <span className="tk-muted">{entry.technician}</span>
          <When at={entry.createdAt} now={now} />
          {entry.pendingSync ? <PendingMark /> : null}
        </div>
        {entry.note ? <p className="tk-time__note">{entry.note}</p> : null}
        {entry.recordingId ? (
          <button
            type="button"
            className="tk-link-button"
            onClick={() => entry.recordingId && props.onPlay(entry.recordingId)}
          >
            <PlayCircle aria-hidden size={13} />
            Play the session recording
          </button>
        ) : null}
      </div>
    </article>
  )
}

function EventItem({ item, now }: { item: Extract<TimelineItem, { type: 'event' }>; now: number }) {
  const { event } = item
  return (
    <div className="tk-event">
      <History aria-hidden size={12} />
      <span>
        <strong>{event.actor}</strong> {eventSentence(event)}
      </span>
      <When at={event.at} now={now} />
      {event.pendingSync ? <PendingMark compact /> : null}
    </div>
  )
}

/** Notes, time entries and field changes, oldest first, so the newest sits above the composer. */
export function Timeline({ ticket, now }: { ticket: TicketDetail; now: number }) {
  const [playing, setPlaying] = useState<string | null>(null)
  return (
    <section className="tk-card" aria-labelledby="tk-timeline">
      <h2 id="tk-timeline" className="tk-card__title">
        Timeline
        <span className="tk-card__aside">
          {formatMinutes(ticket.totalMinutes)} logged · {formatMinutes(ticket.billableMinutes)}{' '}
          billable
        </span>
      </h2>
      <ol className="tk-timeline" aria-label="Timeline">
        {ticket.timeline.map((item) => (
          <li
            key={`${item.type}-${item.type === 'event' ? item.event.id : item.type === 'note' ? item.note.id : item.timeEntry.id}`}
          >
            {item.type === 'note' ? <NoteItem note={item.note} now={now} /> : null}
            {item.type === 'time' ? (
              <TimeItem entry={item.timeEntry} now={now} onPlay={setPlaying} />
            ) : null}
            {item.type === 'event' ? <EventItem item={item} now={now} /> : null}
          </li>
        ))}
      </ol>
      {playing ? <RecordingDialog recordingId={playing} onClose={() => setPlaying(null)} /> : null}
    </section>
  )
}
