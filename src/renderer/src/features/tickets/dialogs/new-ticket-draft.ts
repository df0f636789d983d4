import type { ImpactLevel, TicketType } from '@shared/contract/tickets'
import type { CreateTicketInput } from '../../../api/tickets'

/** What the New ticket dialog holds until the ticket is created. */
export interface NewTicketDraft {
  clientId: string | null
  siteId: string | null
  devices: { id: string; hostname: string }[]
  subject: string
  description: string
  type: TicketType
  impact: ImpactLevel
  urgency: ImpactLevel
  contactName: string
  contactEmail: string
  contactPhone: string
  assignToMe: boolean
}

const orUndefined = (text: string): string | undefined =>
  text.trim() === '' ? undefined : text.trim()

/**
 * The `tickets.create` input of a draft, or the first thing missing. Main validates the rest
 * (email and phone shapes) and its answer is shown as it is.
 */
export function newTicketInput(
  draft: NewTicketDraft,
  me: string | null,
): { ok: true; value: CreateTicketInput } | { ok: false; error: string } {
  if (draft.clientId === null) return { ok: false, error: 'Choose the client first' }
  const subject = draft.subject.trim()
  if (subject === '') return { ok: false, error: 'Give the ticket a subject' }
  const contact: NonNullable<CreateTicketInput['contact']> = {}
  const name = orUndefined(draft.contactName)
  const email = orUndefined(draft.contactEmail)
  const phone = orUndefined(draft.contactPhone)
  if (name) contact.name = name
  if (email) contact.email = email
  if (phone) contact.phone = phone
  return {
    ok: true,
    value: {
      clientId: draft.clientId,
      siteId: draft.siteId,
      deviceIds: draft.devices.map((d) => d.id),
      subject,
      description: draft.description,
      type: draft.type,
      impact: draft.impact,
      urgency: draft.urgency,
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      ...(draft.assignToMe && me ? { assignee: me } : {}),
    },
  }
}
