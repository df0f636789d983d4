/**
 * "Keep mine" on a conflict: the author's value is applied again through the ordinary ticket
 * intent, so it gets a new outbox row whose base is the version just pulled (the team's
 * value), and the server applies it on top instead of calling it stale again.
 */
import { z } from 'zod'
import { MUTATION_PAYLOADS, TicketChanges } from '../../../shared/domain/tickets/mutations'
import { DomainError } from '../../../shared/domain/errors'
import type { TicketService } from '../tickets/ticket-service'
import type { PulledConflict } from './sync-local-state'

const UPDATE_FIELDS = ['subject', 'description', 'contact', 'type', 'board', 'siteId', 'dueAt']

export function conflictResolution(tickets: TicketService, conflict: PulledConflict): void {
  const id = conflict.ticketId
  const field = conflict.field
  const mine = conflict.mine
  if (UPDATE_FIELDS.includes(field)) {
    const parsed = TicketChanges.safeParse({ [field]: mine })
    if (!parsed.success) throw unusable(field)
    tickets.update({ id, ...parsed.data })
    return
  }
  if (field === 'status') {
    const parsed = MUTATION_PAYLOADS['tickets.setStatus'].shape.status.safeParse(mine)
    if (!parsed.success) throw unusable(field)
    tickets.setStatus({ id, status: parsed.data })
    return
  }
  if (field === 'assignee') {
    const parsed = z.string().nullable().safeParse(mine)
    if (!parsed.success) throw unusable(field)
    tickets.assign({ id, assignee: parsed.data })
    return
  }
  if (field === 'impact' || field === 'urgency' || field === 'priority') {
    const schema = MUTATION_PAYLOADS['tickets.setPriority'].shape[field]
    const parsed = schema.safeParse(mine)
    if (!parsed.success || parsed.data === undefined) throw unusable(field)
    tickets.setPriority({ id, [field]: parsed.data })
    return
  }
  throw unusable(field)
}

function unusable(field: string): DomainError {
  return new DomainError(
    'invalid',
    `Your value for ${field} cannot be applied again automatically; change the ticket by hand and choose "theirs"`,
  )
}
