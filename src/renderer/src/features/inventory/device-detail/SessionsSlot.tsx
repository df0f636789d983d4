import { TerminalSquare } from 'lucide-react'
import { useState } from 'react'
import { useDeviceAudit } from '../../../api/app'
import { useRecording, useSessions } from '../../../api/sessions'
import { EmptyState } from '../../../ui/EmptyState'
import { StatusDot } from '../../../ui/StatusDot'
import { RecordingPlayer } from '../../terminal/RecordingPlayer'
import { deviceSessions, type DeviceSessionRow } from './device-sessions'
import { formatBytes, formatDateTime } from './format'

/** How many of this device's earlier sessions the page lists (the audit log's limit). */
const SESSION_ROWS = 500

const stateText: Record<DeviceSessionRow['state'], string> = {
  open: 'Open',
  ended: 'Ended',
  failed: 'Did not connect',
}

function duration(row: DeviceSessionRow): string {
  if (row.endedAt === null) return 'running'
  const seconds = Math.max(0, Math.round((row.endedAt - row.startedAt) / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** This device's SSH sessions (this run's and the audit log's), each with its recording. */
export function SessionsSlot(props: { deviceId: string; hostname: string; onSsh(): void }) {
  const live = useSessions()
  const audit = useDeviceAudit(props.deviceId, 'session.ssh', SESSION_ROWS)
  const [playing, setPlaying] = useState<string | null>(null)
  const played = useRecording(playing, false)

  if (live.isPending || audit.isPending) return <p className="detail-muted">Loading sessions…</p>
  const rows = deviceSessions(props.deviceId, live.data?.sessions ?? [], audit.data?.entries ?? [])
  const recording = played.data?.recording ?? null

  if (rows.length === 0) {
    return (
      <EmptyState
        icon={TerminalSquare}
        title="No sessions yet"
        action={
          <button
            type="button"
            className="vault-button vault-button--primary"
            onClick={props.onSsh}
          >
            <TerminalSquare aria-hidden size={15} />
            SSH to {props.hostname}
          </button>
        }
      >
        <p>
          Sessions opened from this page or the command palette are listed here with their
          recordings.
        </p>
      </EmptyState>
    )
  }
  return (
    <div className="detail-sessions">
      <table className="detail-table">
        <caption className="detail-sr-only">Sessions of {props.hostname}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Started</th>
            <th scope="col">Length</th>
            <th scope="col">State</th>
            <th scope="col" className="detail-num">
              Traffic
            </th>
            <th scope="col">Recording</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sessionId}>
              <th scope="row">
                {row.title}
                {row.address !== row.title ? (
                  <div className="detail-muted detail-mono">{row.address}</div>
                ) : null}
              </th>
              <td>{formatDateTime(row.startedAt)}</td>
              <td>{duration(row)}</td>
              <td>
                <span className="detail-inline-status">
                  <StatusDot
                    tone={row.state === 'open' ? 'ok' : row.state === 'failed' ? 'bad' : 'idle'}
                    label={stateText[row.state]}
                  />
                  {stateText[row.state]}
                </span>
                {row.exitReason ? <div className="detail-muted">{row.exitReason}</div> : null}
              </td>
              <td className="detail-num">{formatBytes(row.bytes)}</td>
              <td>
                {row.recordingId ? (
                  <button
                    type="button"
                    className="detail-link-button"
                    aria-pressed={playing === row.recordingId}
                    onClick={() => setPlaying(row.recordingId)}
                  >
                    Play
                  </button>
                ) : (
                  <span className="detail-unknown">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length >= SESSION_ROWS ? (
        <p className="detail-muted">The newest {SESSION_ROWS} sessions are shown.</p>
      ) : null}
      {recording ? <RecordingPlayer key={recording.id} recording={recording} /> : null}
    </div>
  )
}
