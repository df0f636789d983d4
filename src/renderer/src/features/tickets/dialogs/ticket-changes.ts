import type { TicketDetail, TicketType } from '@shared/contract/tickets'
import type { UpdateTicketInput } from '../../../api/tickets'

/** The fields the edit dialog holds, as typed. */
export interface TicketEdit {
  subject: string
  description: string
  type: TicketType
  contactName: string
  contactEmail: string
  contactPhone: string
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())

/** Only what changed goes to main, so an edit never overwrites a field nobody touched. */
export function ticketChanges(
  ticket: Pick<TicketDetail, 'subject' | 'description' | 'type' | 'contact'>,
  draft: TicketEdit,
): Omit<UpdateTicketInput, 'id'> {
  const changes: Omit<UpdateTicketInput, 'id'> = {}
  if (draft.subject.trim() !== ticket.subject) changes.subject = draft.subject.trim()
  if (draft.description !== ticket.description) changes.description = draft.description
  if (draft.type !== ticket.type) changes.type = draft.type
  const contact: NonNullable<UpdateTicketInput['contact']> = {}
  if (orNull(draft.contactName) !== ticket.contact.name) contact.name = orNull(draft.contactName)
  if (orNull(draft.contactEmail) !== ticket.contact.email)
    contact.email = orNull(draft.contactEmail)
  if (orNull(draft.contactPhone) !== ticket.contact.phone)
    contact.phone = orNull(draft.contactPhone)
  if (Object.keys(contact).length > 0) changes.contact = contact
  return changes
}
