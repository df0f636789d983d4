import { Plus, Ticket } from 'lucide-react'
import { Link } from 'wouter'
import { useTicketList } from '../../../api/tickets'
import { EmptyState } from '../../../ui/EmptyState'
import { useNow } from '../../../ui/use-now'
import { PendingMark, PriorityBadge, SlaBadge, StatusBadge } from '../badges'
import { useTicketUi } from '../ticket-ui-store'
import { ago } from '../time'

/** How many of a device's tickets its page lists; the queue has them all. */
const SHOWN = 50

/** The device page's Tickets tab: the tickets naming this device, and a new one for it. */
export function DeviceTicketsSlot(props: {
  device: { id: string; hostname: string; clientId: string; siteId: string | null }
}) {
  const { device } = props
  const now = useNow()
  const openNewTicket = useTicketUi((s) => s.openNewTicket)
  const tickets = useTicketList({
    queue: 'all',
    deviceId: device.id,
    sort: { column: 'updated', direction: 'desc' },
    limit: SHOWN,
  })
  const newTicket = (
    <button
      type="button"
      className="vault-button vault-button--primary"
      onClick={() =>
        openNewTicket({
          clientId: device.clientId,
          siteId: device.siteId,
          devices: [{ id: device.id, hostname: device.hostname }],
        })
      }
    >
      <Plus aria-hidden size={15} />
      New ticket
    </button>
  )

  if (tickets.isPending) return <p className="tk-muted">Loading tickets…</p>
  if (tickets.isError) {
    return (
      <p className="tk-error" role="alert">
        Could not load the tickets: {tickets.error.message}
      </p>
    )
  }
  const { rows, total } = tickets.data
  if (rows.length === 0) {
    return (
      <EmptyState icon={Ticket} title="No tickets for this device" action={newTicket}>
        <p>Tickets that name {device.hostname} are listed here with their status and SLA clock.</p>
      </EmptyState>
    )
  }
  return (
    <div className="tk-device-tickets">
      <div className="tk-device-tickets__head">
        <span className="tk-muted">
          {total === 1 ? '1 ticket' : `${total.toLocaleString()} tickets`} name {device.hostname}
          {total > rows.length ? ` (the latest ${rows.length} shown)` : ''}
        </span>
        {newTicket}
      </div>
      <ul className="tk-device-tickets__list" aria-label={`Tickets of ${device.hostname}`}>
        {rows.map((row) => (
          <li key={row.id} className="tk-device-ticket">
            <div className="tk-device-ticket__main">
              <Link href={`~/tickets/${encodeURIComponent(row.id)}`} className="tk-number">
                {row.number}
              </Link>
              <span className="tk-subject">{row.subject}</span>
            </div>
            <div className="tk-device-ticket__badges">
              <StatusBadge status={row.status} />
              <PriorityBadge priority={row.priority} />
              <SlaBadge sla={row.sla} />
              {row.pendingSync ? <PendingMark compact /> : null}
              <span className="tk-muted">{ago(row.updatedAt, now)}</span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
