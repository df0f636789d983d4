import { Building2, MapPin, Monitor, Pencil, UserRound } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Link } from 'wouter'
import type { TicketDetail } from '@shared/contract/tickets'
import { formatDateTime } from '../../inventory/device-detail/format'
import { PendingMark, PriorityBadge, SlaBadge, StatusBadge } from '../badges'
import { typeLabels } from '../labels'
import { ago } from '../time'

function contactLine(contact: TicketDetail['contact']): string | null {
  const parts = [contact.name, contact.email, contact.phone].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : null
}

/** Number, subject and where the ticket belongs (client, site, devices, contact). */
export function TicketHeader(props: { ticket: TicketDetail; now: number; onEdit(): void }) {
  const { ticket, now } = props
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
  }, [ticket.id])
  const contact = contactLine(ticket.contact)

  return (
    <header className="tk-header">
      <nav aria-label="Breadcrumb" className="crumbs">
        <ol>
          <li>
            <Link href="~/tickets">Tickets</Link>
          </li>
          <li aria-current="page">{ticket.number}</li>
        </ol>
      </nav>
      <div className="tk-header__row">
        <div className="tk-header__identity">
          <div className="tk-header__badges">
            <span className="tk-header__number" data-testid="ticket-number">
              {ticket.number}
            </span>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} long />
            <SlaBadge sla={ticket.sla} />
            {ticket.pendingSync ? <PendingMark /> : null}
          </div>
          <h1 ref={heading} tabIndex={-1} className="tk-header__title">
            {ticket.subject}
          </h1>
        </div>
        <div className="tk-header__actions">
          <button type="button" className="vault-button" onClick={props.onEdit}>
            <Pencil aria-hidden size={14} />
            Edit
          </button>
        </div>
      </div>
      <ul className="tk-header__meta">
        <li>
          <Building2 aria-hidden size={14} />
          <Link href={`~/clients/${encodeURIComponent(ticket.clientId)}`}>{ticket.clientName}</Link>
        </li>
        {ticket.siteName ? (
          <li>
            <MapPin aria-hidden size={14} />
            {ticket.siteName}
          </li>
        ) : null}
        {ticket.devices.length > 0 ? (
          <li>
            <Monitor aria-hidden size={14} />
            {ticket.devices.map((device, i) => (
              <span key={device.id}>
                {i > 0 ? ', ' : ''}
                {device.missing ? (
                  <span className="tk-muted" title="Deleted from the inventory">
                    {device.hostname}
                  </span>
                ) : (
                  <Link href={`~/devices/${encodeURIComponent(device.id)}`}>{device.hostname}</Link>
                )}
              </span>
            ))}
          </li>
        ) : null}
        {contact ? (
          <li>
            <UserRound aria-hidden size={14} />
            {contact}
          </li>
        ) : null}
        <li className="tk-muted">
          {typeLabels[ticket.type]} · {ticket.board}
        </li>
        <li className="tk-muted" title={formatDateTime(ticket.createdAt)}>
          Opened {ago(ticket.createdAt, now)}
        </li>
      </ul>
    </header>
  )
}
