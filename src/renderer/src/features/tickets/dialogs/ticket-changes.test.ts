import { describe, expect, it } from 'vitest'
import { tickets } from '@shared/contract/tickets'
import { ticketChanges, type TicketEdit } from './ticket-changes'

const ticket = {
  subject: 'VPN drops',
  description: 'Since Monday.',
  type: 'incident' as const,
  contact: { name: 'Dana Fox', email: null, phone: '+1 555 0100' },
}
const unchanged: TicketEdit = {
  subject: 'VPN drops',
  description: 'Since Monday.',
  type: 'incident',
  contactName: 'Dana Fox',
  contactEmail: '',
  contactPhone: '+1 555 0100',
}

describe('ticketChanges', () => {
  it('is empty when nothing was changed (trailing spaces are not a change)', () => {
    expect(ticketChanges(ticket, { ...unchanged, subject: ' VPN drops ' })).toEqual({})
  })

  it('sends only the fields that changed, and only the changed contact parts', () => {
    const changes = ticketChanges(ticket, {
      ...unchanged,
      type: 'problem',
      contactEmail: ' dana@example.com ',
      contactPhone: '  ',
    })
    expect(changes).toEqual({
      type: 'problem',
      contact: { email: 'dana@example.com', phone: null },
    })
    expect(tickets.update.input.safeParse({ id: 't1', ...changes }).success).toBe(true)
  })

  it('keeps the description as typed', () => {
    expect(ticketChanges(ticket, { ...unchanged, description: 'Since Monday.\n' })).toEqual({
      description: 'Since Monday.\n',
    })
  })
})
