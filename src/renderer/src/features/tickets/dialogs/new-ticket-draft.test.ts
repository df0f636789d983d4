import { describe, expect, it } from 'vitest'
import { tickets } from '@shared/contract/tickets'
import { newTicketInput, type NewTicketDraft } from './new-ticket-draft'

const draft: NewTicketDraft = {
  clientId: 'c1',
  siteId: 's1',
  devices: [{ id: 'd1', hostname: 'web-01' }],
  subject: '  Printer jams  ',
  description: '',
  type: 'incident',
  impact: 'high',
  urgency: 'medium',
  contactName: '',
  contactEmail: ' ann@example.com ',
  contactPhone: '',
  assignToMe: true,
}

describe('newTicketInput', () => {
  it('builds an input the contract accepts, with only the contact fields given', () => {
    const input = newTicketInput(draft, 'alex')
    expect(input).toEqual({
      ok: true,
      value: {
        clientId: 'c1',
        siteId: 's1',
        deviceIds: ['d1'],
        subject: 'Printer jams',
        description: '',
        type: 'incident',
        impact: 'high',
        urgency: 'medium',
        contact: { email: 'ann@example.com' },
        assignee: 'alex',
      },
    })
    if (input.ok) expect(tickets.create.input.safeParse(input.value).success).toBe(true)
  })

  it('leaves the assignee out when not asked for or nobody is "me"', () => {
    const unassigned = newTicketInput({ ...draft, assignToMe: false }, 'alex')
    expect(unassigned.ok && 'assignee' in unassigned.value).toBe(false)
    const nobody = newTicketInput(draft, null)
    expect(nobody.ok && 'assignee' in nobody.value).toBe(false)
  })

  it('asks for the client, then the subject', () => {
    expect(newTicketInput({ ...draft, clientId: null }, null)).toEqual({
      ok: false,
      error: 'Choose the client first',
    })
    expect(newTicketInput({ ...draft, subject: '   ' }, null)).toEqual({
      ok: false,
      error: 'Give the ticket a subject',
    })
  })
})
