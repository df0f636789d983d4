import { Film } from 'lucide-react'
import { useState } from 'react'
import { useRecordings } from '../../api/sessions'
import { EmptyState } from '../../ui/EmptyState'
import { formatClock } from './asciicast'
import { formatBytes, RecordingLimits } from './RecordingLimits'
import { RecordingPlayer } from './RecordingPlayer'

/** Every recorded session, newest first, a player for the chosen one, and their storage. */
export function RecordingsView() {
  const recordings = useRecordings()
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const list = recordings.data?.recordings ?? []
  const selected = list.find((r) => r.id === selectedId) ?? null

  if (recordings.isPending) return <p className="term-muted">Loading recordings…</p>
  if (recordings.isError) {
    return <p role="alert">Could not load recordings: {recordings.error.message}</p>
  }
  if (list.length === 0) {
    return (
      <div className="recordings">
        <EmptyState icon={Film} title="No recordings yet">
          <p>Every SSH session is recorded as it runs; its recording appears here.</p>
        </EmptyState>
        <RecordingLimits />
      </div>
    )
  }
  return (
    <div className="recordings">
      <table className="term-table recordings__list">
        <caption className="term-sr-only">Recordings</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Started</th>
            <th scope="col">Length</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} aria-selected={r.id === selectedId}>
              <td>
                <button
                  type="button"
                  className="term-link-button"
                  aria-label={`Play ${r.title}, ${new Date(r.startedAt).toLocaleString()}`}
                  onClick={() => setSelectedId(r.id)}
                >
                  {r.title}
                </button>
                <div className="term-muted">{r.host}</div>
              </td>
              <td className="term-nowrap">{new Date(r.startedAt).toLocaleString()}</td>
              <td>
                {r.endedAt === null ? 'running' : formatClock((r.endedAt - r.startedAt) / 1000)}
              </td>
              <td>{formatBytes(r.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? (
        <RecordingPlayer key={selected.id} recording={selected} />
      ) : (
        <p className="term-muted recordings__hint">Choose a recording to play it.</p>
      )}
      <RecordingLimits />
    </div>
  )
}
