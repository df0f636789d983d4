import { ClipboardClock, Timer } from 'lucide-react'
import { useEffect } from 'react'
import { useLocation } from 'wouter'
import { useTicketChanges, useTicketPickLists, useTicketTimers } from '../../../api/tickets'
import { useShell } from '../../../app/ui-store'
import { useNow } from '../../../ui/use-now'
import { useTerminalHub } from '../../terminal/use-hub'
import { NewTicketDialog } from '../dialogs/NewTicketDialog'
import { SessionDraftDialog } from '../dialogs/SessionDraftDialog'
import { useTicketUi } from '../ticket-ui-store'
import { formatElapsed } from '../time'

/**
 * The tickets feature's window-wide part, in the status bar: the technician's running timers,
 * time entries waiting for review after a ticket-bound session closed (wherever the technician
 * is when it closes), and the New ticket and review dialogs that any page can open.
 */
export function TicketStatusItems() {
  useTicketChanges()
  useProposeDrafts()
  const newTicket = useTicketUi((s) => s.newTicket)
  const closeNewTicket = useTicketUi((s) => s.closeNewTicket)
  const drafts = useTicketUi((s) => s.drafts)
  const reviewing = useTicketUi((s) => s.reviewing)
  const review = useTicketUi((s) => s.review)
  const settleDraft = useTicketUi((s) => s.settleDraft)

  return (
    <>
      <RunningTimers />
      {drafts.length > 0 ? (
        <span className="statusbar__item">
          <button
            type="button"
            className="tk-status-action"
            data-testid="review-time-entry"
            onClick={() => review(drafts[0]?.sessionId ?? null)}
          >
            <ClipboardClock aria-hidden size={13} />
            {drafts.length === 1 ? 'Review time entry' : `Review ${drafts.length} time entries`}
          </button>
        </span>
      ) : null}
      {newTicket ? <NewTicketDialog prefill={newTicket} onClose={closeNewTicket} /> : null}
      {reviewing ? (
        <SessionDraftDialog
          key={reviewing}
          sessionId={reviewing}
          onDone={() => settleDraft(reviewing)}
          onLater={() => review(null)}
        />
      ) : null}
    </>
  )
}

/** When a session opened for a ticket closes, its time entry is proposed at once. */
function useProposeDrafts(): void {
  const hub = useTerminalHub()
  const proposeDraft = useTicketUi((s) => s.proposeDraft)
  const review = useTicketUi((s) => s.review)
  useEffect(
    () =>
      hub.onTicketSessionEnd(({ session, ticketId }) => {
        proposeDraft({ sessionId: session.id, ticketId, title: session.title })
        // Straight into the review unless another dialog is up; else the notice and chip wait.
        if (useTicketUi.getState().reviewing === null && !document.querySelector('dialog[open]')) {
          review(session.id)
        } else {
          useShell
            .getState()
            .notify('info', `The session ${session.title} ended: review its time entry`, {
              label: 'Review time entry',
              run: () => review(session.id),
            })
        }
      }),
    [hub, proposeDraft, review],
  )
}

/** The technician's running timers, each a link to its ticket. */
function RunningTimers() {
  const timers = useTicketTimers()
  const me = useTicketPickLists().data?.me
  const mine = (timers.data?.timers ?? []).filter((t) => t.technician === me)
  const [, navigate] = useLocation()
  const now = useNow(1000)
  if (mine.length === 0) return null
  return (
    <>
      {mine.map((timer) => (
        <span key={timer.id} className="statusbar__item">
          <button
            type="button"
            className="tk-status-action tk-status-action--timer"
            title={`${timer.ticketNumber}: ${timer.ticketSubject}`}
            onClick={() => navigate(`~/tickets/${encodeURIComponent(timer.ticketId)}`)}
          >
            <Timer aria-hidden size={13} />
            {timer.ticketNumber} · {formatElapsed(now - timer.startedAt)}
          </button>
        </span>
      ))}
    </>
  )
}
