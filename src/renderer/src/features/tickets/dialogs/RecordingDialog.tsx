import { useRecording } from '../../../api/sessions'
import { formatDateTime } from '../../inventory/device-detail/format'
import { RecordingPlayer } from '../../terminal/RecordingPlayer'
import { errorText } from '../errors'
import { Dialog } from '../../../ui/Dialog'

/** Plays the recording of a ticket-bound session without leaving the ticket. */
export function RecordingDialog(props: { recordingId: string; onClose(): void }) {
  const recording = useRecording(props.recordingId, false)
  const summary = recording.data?.recording
  return (
    <Dialog
      size="wide"
      title={summary ? `Recording: ${summary.title}` : 'Recording'}
      description={summary ? `${summary.host} · ${formatDateTime(summary.startedAt)}` : undefined}
      onClose={props.onClose}
    >
      {recording.isError ? (
        <p className="vault-form__error" role="alert">
          Could not load the recording: {errorText(recording.error)}
        </p>
      ) : summary ? (
        <div className="tk-recording">
          <RecordingPlayer recording={summary} />
        </div>
      ) : (
        <p className="tk-muted">Loading the recording…</p>
      )}
    </Dialog>
  )
}
