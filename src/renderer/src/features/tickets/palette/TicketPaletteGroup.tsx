import { Command, useCommandState } from 'cmdk'
import { Plus, Ticket } from 'lucide-react'
import { useEffect } from 'react'
import { useLocation } from 'wouter'
import { useTicketList, useTicketLookup } from '../../../api/tickets'
import { useDebounced } from '../../../ui/use-debounced'
import { statusLabels } from '../labels'
import { useTicketUi } from '../ticket-ui-store'
import { PALETTE_TICKETS, ticketPaletteQuery } from './palette-tickets'

const DEBOUNCE_MS = 120

/**
 * The palette's "Tickets" group: "New ticket" always; while typing, tickets whose subject,
 * description or notes match, and "Go to ticket T-…" for a whole ticket number. Main has
 * matched them already, so each item carries the typed text as a keyword to stay listed.
 */
export function TicketPaletteGroup({
  onDone,
  onExactMatch,
}: {
  onDone(): void
  /** Puts an item under the cursor: a whole ticket number typed goes first. */
  onExactMatch?(value: string): void
}) {
  const typed = useCommandState((state) => state.search)
  const settled = ticketPaletteQuery(useDebounced(typed, DEBOUNCE_MS))
  const live = ticketPaletteQuery(typed)
  const [, navigate] = useLocation()
  const openNewTicket = useTicketUi((s) => s.openNewTicket)
  const search = useTicketList(
    {
      queue: 'all',
      query: settled.kind === 'search' ? settled.query : '',
      limit: PALETTE_TICKETS,
      sort: { column: 'updated', direction: 'desc' },
    },
    { enabled: settled.kind === 'search' },
  )
  const lookup = useTicketLookup(live.kind === 'number' ? live.number : null)
  const open = (id: string): void => {
    onDone()
    navigate(`~/tickets/${encodeURIComponent(id)}`)
  }
  const rows = settled.kind === 'search' && live.kind === 'search' ? (search.data?.rows ?? []) : []
  const goTo = live.kind === 'number' ? `go to ticket ${live.number}` : null
  const found = lookup.data?.id != null
  useEffect(() => {
    if (goTo !== null && found) onExactMatch?.(goTo)
  }, [goTo, found, onExactMatch])

  return (
    <Command.Group heading="Tickets">
      <Command.Item
        value="New ticket"
        keywords={['create', 'ticket', 'incident', 'add']}
        onSelect={() => {
          onDone()
          openNewTicket()
        }}
        className="palette__item"
      >
        <Plus aria-hidden size={16} />
        <span>New ticket</span>
      </Command.Item>
      {live.kind === 'number' ? (
        <Command.Item
          value={goTo ?? ''}
          keywords={[typed]}
          disabled={lookup.data?.id === null}
          onSelect={() => {
            if (lookup.data?.id) open(lookup.data.id)
          }}
          className="palette__item"
        >
          <Ticket aria-hidden size={16} />
          <span>
            {lookup.data?.id === null
              ? `No ticket ${live.number} on this machine`
              : `Go to ticket ${live.number}`}
          </span>
        </Command.Item>
      ) : null}
      {rows.map((row) => (
        <Command.Item
          key={row.id}
          value={`ticket ${row.id}`}
          keywords={[typed]}
          onSelect={() => open(row.id)}
          className="palette__item palette-device"
        >
          <Ticket aria-hidden size={16} />
          <span className="palette-device__text">
            <span className="palette-device__name">
              {row.number} · {row.subject}
            </span>
            <span className="palette-device__meta">
              {row.clientName} · {statusLabels[row.status]} · {row.priority}
            </span>
          </span>
        </Command.Item>
      ))}
    </Command.Group>
  )
}
