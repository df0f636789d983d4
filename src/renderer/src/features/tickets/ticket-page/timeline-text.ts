import type { TicketEvent, TicketStatus } from '@shared/contract/tickets'
import { TicketStatus as StatusSchema } from '@shared/contract/tickets'
import { statusLabels, typeLabels } from '../labels'

const fieldNames: Record<string, string> = {
  subject: 'the subject',
  description: 'the description',
  contact: 'the contact',
  type: 'the type',
  board: 'the board',
  siteId: 'the site',
  dueAt: 'the due date',
}

function statusName(value: string | null): string {
  const parsed = StatusSchema.safeParse(value)
  return parsed.success ? statusLabels[parsed.data as TicketStatus] : (value ?? '—')
}

function valueName(field: string | null, value: string | null): string {
  if (value === null || value === '') return 'nothing'
  if (field === 'type' && value in typeLabels) return typeLabels[value as keyof typeof typeLabels]
  return `“${value}”`
}

/** One field change of the timeline as a sentence after the actor's name. */
export function eventSentence(event: Pick<TicketEvent, 'kind' | 'field' | 'from' | 'to'>): string {
  switch (event.kind) {
    case 'created':
      return 'opened the ticket'
    case 'status':
      return `changed the status from ${statusName(event.from)} to ${statusName(event.to)}`
    case 'priority':
      return `changed the priority from ${event.from ?? '—'} to ${event.to ?? '—'}`
    case 'assigned':
      return event.to
        ? `assigned it to ${event.to}`
        : `unassigned it${event.from ? ` from ${event.from}` : ''}`
    case 'device-linked':
      return `linked ${event.to ?? 'a device'}`
    case 'device-unlinked':
      return `unlinked ${event.from ?? 'a device'}`
    case 'updated': {
      const field =
        fieldNames[event.field ?? ''] ?? (event.field ? `the ${event.field}` : 'the ticket')
      if (event.from === null && event.to === null) return `edited ${field}`
      return `changed ${field} from ${valueName(event.field, event.from)} to ${valueName(event.field, event.to)}`
    }
  }
}
