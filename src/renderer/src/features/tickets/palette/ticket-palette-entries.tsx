import { Command } from 'cmdk'
import { Plus, Ticket } from 'lucide-react'
import { useLocation } from 'wouter'
import { useTicketList, useTicketLookup } from '../../../api/tickets'
import { Marked } from '../../../app/palette/Marked'
import { PaletteRow } from '../../../app/palette/PaletteRow'
import type { PaletteCommand } from '../../../app/palette/palette-commands'
import type { PaletteUiEntry } from '../../../app/palette/palette-item'
import { matchTicket } from '../../../app/palette/palette-rank'
import { useDebounced } from '../../../ui/use-debounced'
import { statusLabels } from '../labels'
import { useTicketUi } from '../ticket-ui-store'
import { PALETTE_TICKETS, ticketPaletteQuery } from './palette-tickets'

const DEBOUNCE_MS = 120

/** The palette's ticket commands. */
export function useTicketPaletteCommands(): PaletteCommand[] {
  const openNewTicket = useTicketUi((s) => s.openNewTicket)
  return [
    {
      label: 'New ticket',
      keywords: ['create', 'incident', 'add'],
      icon: Plus,
      group: 'Tickets',
      run: openNewTicket,
    },
  ]
}

/**
 * The palette's tickets: while typing, tickets whose subject,
 * description or notes match (newest first, as main returns them), each saying whether its
 * number, its subject or the rest of its text matched; and "Go to ticket T-…" for a whole
 * ticket number, an exact match once the number is found on this machine.
 */
export function useTicketPaletteEntries(typed: string, onDone: () => void): PaletteUiEntry[] {
  const settled = ticketPaletteQuery(useDebounced(typed, DEBOUNCE_MS))
  const live = ticketPaletteQuery(typed)
  const [, navigate] = useLocation()
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
  const entries: PaletteUiEntry[] = []

  if (live.kind === 'number') {
    const id = lookup.data?.id
    const value = `go to ticket ${live.number}`
    entries.push({
      key: value,
      kind: 'ticket',
      // Exact only once found: an unknown number must not take Enter from a real match.
      match: { exact: id != null, score: 0, field: 'number' },
      order: 0,
      item: {
        value,
        node: (
          <Command.Item
            value={value}
            disabled={id === null}
            onSelect={() => {
              if (id) open(id)
            }}
            className="palette__item"
          >
            <Ticket aria-hidden size={16} />
            <span>
              {id === null
                ? `No ticket ${live.number} on this machine`
                : `Go to ticket ${live.number}`}
            </span>
          </Command.Item>
        ),
      },
    })
  }

  const rows = settled.kind === 'search' && live.kind === 'search' ? (search.data?.rows ?? []) : []
  rows.forEach((row, index) => {
    const match = matchTicket(typed, row)
    const value = `ticket ${row.id}`
    entries.push({
      key: value,
      kind: 'ticket',
      match,
      order: index,
      item: {
        value,
        node: (
          <PaletteRow
            value={value}
            icon={Ticket}
            onSelect={() => open(row.id)}
            name={
              <>
                {match.field === 'number' ? (
                  <mark className="palette__match">{row.number}</mark>
                ) : (
                  row.number
                )}
                {' · '}
                {match.field === 'subject' ? (
                  <Marked text={row.subject} typed={typed} />
                ) : (
                  row.subject
                )}
              </>
            }
            meta={`${row.clientName} · ${statusLabels[row.status]} · ${row.priority}`}
            matched={match.field === 'text' ? 'matched: description or notes' : null}
          />
        ),
      },
    })
  })
  return entries
}
