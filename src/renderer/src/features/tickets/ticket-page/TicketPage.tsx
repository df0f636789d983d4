import { SearchX } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'wouter'
import type { TicketDetail } from '@shared/contract/tickets'
import { RpcError } from '@shared/rpc/errors'
import { useTicket } from '../../../api/tickets'
import { EmptyState } from '../../../ui/EmptyState'
import { useNow } from '../../../ui/use-now'
import { EditTicketDialog } from '../dialogs/EditTicketDialog'
import { Composer } from './Composer'
import { LinkedDevices } from './LinkedDevices'
import { LinkedSessions } from './LinkedSessions'
import { SlaClocks } from './SlaClocks'
import { TicketControls } from './TicketControls'
import { TicketHeader } from './TicketHeader'
import { Timeline } from './Timeline'
import { WorkTimer } from './WorkTimer'

/** `/tickets/:id`: one ticket, its clocks and controls, its timeline and the work on it. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const ticket = useTicket(ticketId)
  if (ticket.isPending) {
    return (
      <section className="page tk-ticket" aria-busy="true" aria-label="Ticket">
        <p className="tk-muted">Loading ticket…</p>
      </section>
    )
  }
  if (ticket.isError) {
    const missing = ticket.error instanceof RpcError && ticket.error.code === 'NOT_FOUND'
    return (
      <section className="page tk-ticket" aria-label="Ticket">
        <EmptyState
          icon={SearchX}
          title={missing ? 'Ticket not found' : 'Could not load the ticket'}
          action={
            <Link href="~/tickets" className="vault-button">
              Back to Tickets
            </Link>
          }
        >
          <p>{missing ? 'The link may be from another workspace.' : ticket.error.message}</p>
        </EmptyState>
      </section>
    )
  }
  return <TicketView ticket={ticket.data} />
}

function TicketView({ ticket }: { ticket: TicketDetail }) {
  const now = useNow(30_000)
  const [editing, setEditing] = useState(false)
  return (
    <section className="page tk-ticket" aria-label={`Ticket ${ticket.number}`}>
      <TicketHeader ticket={ticket} now={now} onEdit={() => setEditing(true)} />
      {/*
        Three blocks, so a narrow page (the context panel open) can put the details and SLA
        first, above the timeline and the note box, and the work on the ticket after them;
        a wide one shows details, SLA and work in a column beside the timeline.
      */}
      <div className="tk-ticket__body">
        <aside className="tk-ticket__facts" aria-label="Ticket details">
          <TicketControls ticket={ticket} />
          <SlaClocks sla={ticket.sla} />
        </aside>
        <div className="tk-ticket__main">
          {ticket.description ? (
            <section className="tk-card" aria-labelledby="tk-description">
              <h2 id="tk-description" className="tk-card__title">
                Description
              </h2>
              <p className="tk-description">{ticket.description}</p>
            </section>
          ) : null}
          <Timeline ticket={ticket} now={now} />
          <Composer ticket={ticket} />
        </div>
        <aside className="tk-ticket__work" aria-label="Work on the ticket">
          <WorkTimer ticket={ticket} />
          <LinkedDevices ticket={ticket} />
          <LinkedSessions ticket={ticket} />
        </aside>
      </div>
      {editing ? <EditTicketDialog ticket={ticket} onClose={() => setEditing(false)} /> : null}
    </section>
  )
}
