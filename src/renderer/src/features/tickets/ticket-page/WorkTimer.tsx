import { Play, Square, Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { WorkType, type TicketDetail, type TicketTimer } from '@shared/contract/tickets'
import {
  useCancelTimer,
  useStartTimer,
  useStopTimer,
  useTicketPickLists,
} from '../../../api/tickets'
import { useShell } from '../../../app/ui-store'
import { useNow } from '../../../ui/use-now'
import { PendingMark } from '../badges'
import { formatMinutes } from '../duration'
import { errorText } from '../errors'
import { workTypeLabels } from '../labels'
import { formatElapsed } from '../time'

function RunningTimer(props: { timer: TicketTimer; mine: boolean }) {
  const { timer } = props
  const now = useNow(1000)
  const stop = useStopTimer()
  const cancel = useCancelTimer()
  const busy = stop.isPending || cancel.isPending
  const error = stop.error ?? cancel.error
  return (
    <li className="tk-timer" data-testid="running-timer">
      <div className="tk-timer__row">
        <span className="tk-timer__dot" aria-hidden />
        <span className="tk-timer__elapsed" role="timer" aria-label="Time on the timer">
          {formatElapsed(now - timer.startedAt)}
        </span>
        <span className="tk-muted">
          {workTypeLabels[timer.workType]}
          {props.mine ? '' : ` · ${timer.technician}`}
        </span>
        {timer.pendingSync ? <PendingMark compact /> : null}
      </div>
      {props.mine ? (
        <div className="tk-timer__actions">
          <button
            type="button"
            className="vault-button vault-button--primary"
            disabled={busy}
            onClick={() =>
              stop.mutate(
                { timerId: timer.id },
                {
                  onSuccess: (ack) =>
                    useShell
                      .getState()
                      .notify(
                        'info',
                        `Logged ${formatMinutes(ack.timeEntry.durationMinutes)} on ${timer.ticketNumber}`,
                      ),
                },
              )
            }
          >
            <Square aria-hidden size={13} />
            Stop and log
          </button>
          <button
            type="button"
            className="vault-button"
            disabled={busy}
            onClick={() => cancel.mutate({ timerId: timer.id })}
            title="Stop without logging the time"
          >
            <Trash2 aria-hidden size={13} />
            Discard
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="tk-control__error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </li>
  )
}

/** A start/stop work timer; it survives restarts and becomes a time entry when stopped. */
export function WorkTimer({ ticket }: { ticket: TicketDetail }) {
  const me = useTicketPickLists().data?.me
  const start = useStartTimer()
  const [workType, setWorkType] = useState<WorkType>('remote')
  const typeId = useId()
  const mine = ticket.timers.some((t) => t.technician === me)

  return (
    <section className="tk-card" aria-labelledby="tk-timer">
      <h2 id="tk-timer" className="tk-card__title">
        Work timer
      </h2>
      {ticket.timers.length > 0 ? (
        <ul className="tk-timers">
          {ticket.timers.map((timer) => (
            <RunningTimer key={timer.id} timer={timer} mine={timer.technician === me} />
          ))}
        </ul>
      ) : null}
      {mine ? null : (
        <div className="tk-control__inline">
          <label htmlFor={typeId} className="tk-sr-only">
            Work type
          </label>
          <select
            id={typeId}
            className="tk-select"
            value={workType}
            onChange={(event) => setWorkType(WorkType.parse(event.target.value))}
          >
            {WorkType.options.map((type) => (
              <option key={type} value={type}>
                {workTypeLabels[type]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="vault-button"
            disabled={start.isPending}
            onClick={() => start.mutate({ ticketId: ticket.id, workType })}
          >
            <Play aria-hidden size={13} />
            Start timer
          </button>
        </div>
      )}
      {start.isError ? (
        <p className="tk-control__error" role="alert">
          {errorText(start.error)}
        </p>
      ) : null}
    </section>
  )
}
