import { AlarmClock, Building2, Hourglass, Inbox, Layers, UserRound, UserX } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { TicketQueue } from '@shared/contract/tickets'
import type { QueueCounts } from '../../../api/tickets'
import { queueEntries, type TicketView } from '../queues'

const icons: Record<(typeof queueEntries)[number]['queue'], ReactNode> = {
  mine: <UserRound aria-hidden size={15} />,
  unassigned: <UserX aria-hidden size={15} />,
  'sla-at-risk': <AlarmClock aria-hidden size={15} />,
  waiting: <Hourglass aria-hidden size={15} />,
  open: <Inbox aria-hidden size={15} />,
}

/** Clients with open tickets shown before the filter box has to be used. */
const CLIENTS_SHOWN = 8

function QueueButton(props: {
  active: boolean
  label: string
  count: number | undefined
  icon: ReactNode
  tone?: 'warn'
  onClick(): void
}) {
  return (
    <button
      type="button"
      className="tk-queue"
      aria-current={props.active ? 'page' : undefined}
      onClick={props.onClick}
    >
      {props.icon}
      <span className="tk-queue__label">{props.label}</span>
      <span
        className={
          props.tone === 'warn' && props.count
            ? 'tk-queue__count tk-queue__count--warn'
            : 'tk-queue__count'
        }
        aria-label={props.count === undefined ? undefined : `${props.count} tickets`}
      >
        {props.count === undefined ? '…' : props.count.toLocaleString()}
      </span>
    </button>
  )
}

/** The named queues with their counts, and the open tickets of each client. */
export function QueueSidebar(props: {
  view: TicketView
  counts: QueueCounts | undefined
  onQueue(queue: TicketQueue, clientId?: string): void
}) {
  const { view, counts } = props
  const [clientFilter, setClientFilter] = useState('')
  const typed = clientFilter.trim().toLowerCase()
  const clients = (counts?.clients ?? [])
    .filter((c) => c.open > 0 && c.clientName.toLowerCase().includes(typed))
    .sort((a, b) => b.open - a.open || a.clientName.localeCompare(b.clientName))
  const shown = clients.slice(0, CLIENTS_SHOWN)

  return (
    <nav className="tk-queues" aria-label="Ticket queues">
      <ul className="stack-list tk-queues__list">
        {queueEntries.map((entry) => (
          <li key={entry.queue}>
            <QueueButton
              active={view.queue === entry.queue}
              label={entry.label}
              count={counts?.[entry.count]}
              icon={icons[entry.queue]}
              tone={entry.queue === 'sla-at-risk' ? 'warn' : undefined}
              onClick={() => props.onQueue(entry.queue)}
            />
          </li>
        ))}
        <li>
          <QueueButton
            active={view.queue === 'all'}
            label="All tickets"
            count={counts?.all}
            icon={<Layers aria-hidden size={15} />}
            onClick={() => props.onQueue('all')}
          />
        </li>
      </ul>
      <div className="tk-queues__clients">
        <h2 className="tk-queues__heading" id="tk-by-client">
          <Building2 aria-hidden size={13} />
          By client
        </h2>
        <input
          type="search"
          className="vault-input tk-queues__filter"
          placeholder="Find a client"
          aria-label="Find a client"
          value={clientFilter}
          onChange={(event) => setClientFilter(event.target.value)}
        />
        <ul className="stack-list tk-queues__list" aria-labelledby="tk-by-client">
          {shown.map((client) => (
            <li key={client.clientId}>
              <QueueButton
                active={view.queue === 'client' && view.queueClientId === client.clientId}
                label={client.clientName}
                count={client.open}
                icon={null}
                onClick={() => props.onQueue('client', client.clientId)}
              />
            </li>
          ))}
        </ul>
        {counts && clients.length === 0 ? (
          <p className="tk-muted tk-queues__none">
            {typed ? 'No client with open tickets matches.' : 'No client has open tickets.'}
          </p>
        ) : null}
        {clients.length > shown.length ? (
          <p className="tk-muted tk-queues__none">
            {clients.length - shown.length} more — type to find them.
          </p>
        ) : null}
      </div>
      {counts && counts.pending > 0 ? (
        <p className="tk-queues__pending" data-testid="queue-pending">
          {counts.pending.toLocaleString()} {counts.pending === 1 ? 'change' : 'changes'} not yet
          synced
        </p>
      ) : null}
    </nav>
  )
}
