import { CheckCircle2, PlayCircle } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import { WorkType, type SessionDraft } from '@shared/contract/tickets'
import { useAddTimeEntry, useSessionDraft, useTicket } from '../../../api/tickets'
import { useShell } from '../../../app/ui-store'
import { Field } from '../../vault/Field'
import { formatMinutes, parseDuration } from '../duration'
import { errorText } from '../errors'
import { workTypeLabels } from '../labels'
import { formatRange } from '../time'
import { RecordingDialog } from './RecordingDialog'
import { Dialog } from '../../../ui/Dialog'

/**
 * The time entry proposed for a closed ticket-bound session: duration, work type and a note
 * naming the device and the commands typed, with the recording attached. The technician edits
 * it and logs it, or discards it.
 */
export function SessionDraftDialog(props: { sessionId: string; onDone(): void; onLater(): void }) {
  const draft = useSessionDraft(props.sessionId)
  const ticket = useTicket(draft.data?.ticketId ?? null)
  const number = ticket.data?.number
  return (
    <Dialog
      size="wide"
      title={number ? `Log the session on ${number}` : 'Log the session'}
      description={ticket.data ? ticket.data.subject : undefined}
      onClose={props.onLater}
    >
      {draft.isError ? (
        <>
          <p className="vault-form__error" role="alert">
            No time entry can be proposed: {errorText(draft.error)}
          </p>
          <div className="vault-form__actions">
            <button type="button" className="vault-button" onClick={props.onDone}>
              Close
            </button>
          </div>
        </>
      ) : draft.data ? (
        <DraftForm
          draft={draft.data}
          ticketNumber={number ?? 'the ticket'}
          deviceName={
            ticket.data?.devices.find((d) => d.id === draft.data.deviceId)?.hostname ?? null
          }
          onDone={props.onDone}
          onLater={props.onLater}
        />
      ) : (
        <p className="tk-muted">Reading the session…</p>
      )}
    </Dialog>
  )
}

function DraftForm(props: {
  draft: SessionDraft
  ticketNumber: string
  deviceName: string | null
  onDone(): void
  onLater(): void
}) {
  const { draft } = props
  const add = useAddTimeEntry()
  const [, navigate] = useLocation()
  const [duration, setDuration] = useState(formatMinutes(draft.durationMinutes))
  const [workType, setWorkType] = useState<WorkType>(draft.workType)
  const [billable, setBillable] = useState(draft.billable)
  const [note, setNote] = useState(draft.note)
  const [playing, setPlaying] = useState(false)
  const parsed = parseDuration(duration)
  const durationRef = useRef<HTMLInputElement>(null)
  // The dialog opened while the draft loaded, so its own autofocus found nothing yet.
  useEffect(() => durationRef.current?.select(), [])

  if (draft.loggedTimeEntryId !== null) {
    return (
      <>
        <p className="tk-logged tk-logged--block">
          <CheckCircle2 aria-hidden size={15} />
          The time of this session is already logged on {props.ticketNumber}.
        </p>
        <div className="vault-form__actions">
          <button type="button" className="vault-button" onClick={props.onDone}>
            Close
          </button>
        </div>
      </>
    )
  }

  return (
    <form
      className="vault-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (!parsed.ok) return
        add.mutate(
          {
            ticketId: draft.ticketId,
            ...(draft.endedAt > draft.startedAt
              ? { startedAt: draft.startedAt, endedAt: draft.endedAt }
              : {}),
            durationMinutes: parsed.minutes,
            workType,
            billable,
            note,
            sessionId: draft.sessionId,
            recordingId: draft.recordingId,
          },
          {
            onSuccess: () => {
              useShell
                .getState()
                .notify('info', `Logged ${formatMinutes(parsed.minutes)} on ${props.ticketNumber}`)
              props.onDone()
              navigate(`~/tickets/${encodeURIComponent(draft.ticketId)}`)
            },
          },
        )
      }}
    >
      <dl className="tk-draft-facts">
        <div>
          <dt>Device</dt>
          <dd>
            {props.deviceName ?? (draft.deviceId ? 'A linked device' : 'No inventory device')}
          </dd>
        </div>
        <div>
          <dt>Session</dt>
          <dd>{formatRange(draft.startedAt, draft.endedAt)}</dd>
        </div>
        <div>
          <dt>Commands</dt>
          <dd>{draft.commands.length > 0 ? `${draft.commands.length} typed` : 'None recorded'}</dd>
        </div>
        <div>
          <dt>Recording</dt>
          <dd>
            {draft.recordingId ? (
              <button type="button" className="tk-link-button" onClick={() => setPlaying(true)}>
                <PlayCircle aria-hidden size={13} />
                Attached — play
              </button>
            ) : (
              'None'
            )}
          </dd>
        </div>
      </dl>
      <div className="vault-form__row">
        <Field
          label="Duration"
          hint={
            parsed.ok
              ? `Proposed ${formatMinutes(draft.durationMinutes)} from the session`
              : undefined
          }
        >
          {(ids) => (
            <input
              {...ids}
              ref={durationRef}
              className="vault-input"
              value={duration}
              aria-invalid={!parsed.ok}
              onChange={(event) => setDuration(event.target.value)}
            />
          )}
        </Field>
        <Field label="Work type">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={workType}
              onChange={(event) => setWorkType(WorkType.parse(event.target.value))}
            >
              {WorkType.options.map((type) => (
                <option key={type} value={type}>
                  {workTypeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Note">
        {(ids) => (
          <textarea
            {...ids}
            className="tk-textarea tk-textarea--mono"
            rows={8}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      <label className="tk-check">
        <input
          type="checkbox"
          checked={billable}
          onChange={(event) => setBillable(event.target.checked)}
        />
        Billable
      </label>
      {!parsed.ok ? (
        <p className="vault-form__error" role="alert">
          {parsed.error}
        </p>
      ) : null}
      {add.isError ? (
        <p className="vault-form__error" role="alert">
          The time was not logged: {errorText(add.error)}
        </p>
      ) : null}
      <div className="vault-form__actions">
        <button type="button" className="vault-button" onClick={props.onDone}>
          Discard
        </button>
        <button type="button" className="vault-button" onClick={props.onLater}>
          Later
        </button>
        <button
          type="submit"
          className="vault-button vault-button--primary"
          disabled={add.isPending || !parsed.ok}
        >
          {add.isPending ? 'Logging…' : 'Log time entry'}
        </button>
      </div>
      {playing && draft.recordingId ? (
        <RecordingDialog recordingId={draft.recordingId} onClose={() => setPlaying(false)} />
      ) : null}
    </form>
  )
}
