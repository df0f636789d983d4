import { normalizeTicketNumber } from '@shared/domain/tickets'

/** Fewer characters match too much to be useful in a palette. */
export const MIN_TICKET_QUERY = 2
/** A palette shows a handful; the ticket list is there for more. */
export const PALETTE_TICKETS = 6

/** What the palette does with the typed text: open a ticket by number, search, or nothing. */
export type TicketPaletteQuery =
  { kind: 'number'; number: string } | { kind: 'search'; query: string } | { kind: 'none' }

export function ticketPaletteQuery(typed: string): TicketPaletteQuery {
  const text = typed.trim().replace(/\s+/g, ' ')
  const number = normalizeTicketNumber(text)
  if (number) return { kind: 'number', number }
  if (text.length < MIN_TICKET_QUERY) return { kind: 'none' }
  return { kind: 'search', query: text.slice(0, 200) }
}
