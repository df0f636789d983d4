/**
 * The ticket status set and which moves between statuses are allowed, as a PSA has them.
 * 'closed' is final; 'resolved' can be reopened (back to in-progress) or closed.
 */

/** Every ticket status, in the order a ticket usually passes through them. */
export const TICKET_STATUSES = [
  'new',
  'in-progress',
  'waiting-customer',
  'waiting-vendor',
  'scheduled',
  'resolved',
  'closed',
] as const
/** One ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number]

/** Statuses in which the ticket waits on someone else: the "Waiting" queue, and SLA pauses. */
export const WAITING_STATUSES: readonly TicketStatus[] = ['waiting-customer', 'waiting-vendor']

/** Statuses in which nothing is left to do; every other status is open. */
export const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed']

/** Open statuses: everything not resolved or closed. */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => !DONE_STATUSES.includes(s),
)

const working: readonly TicketStatus[] = [
  'in-progress',
  'waiting-customer',
  'waiting-vendor',
  'scheduled',
  'resolved',
]

/** From each status, the statuses a ticket may move to next. */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  // A new ticket can be closed straight away (spam, duplicate) without being resolved.
  new: [...working, 'closed'],
  'in-progress': working.filter((s) => s !== 'in-progress'),
  'waiting-customer': working.filter((s) => s !== 'waiting-customer'),
  'waiting-vendor': working.filter((s) => s !== 'waiting-vendor'),
  scheduled: working.filter((s) => s !== 'scheduled'),
  resolved: ['in-progress', 'closed'],
  closed: [],
}

/** Whether a ticket in `from` may move to `to`. */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to)
}

/** Why `from` → `to` is not allowed, in words for the technician; null when it is allowed. */
export function transitionProblem(from: TicketStatus, to: TicketStatus): string | null {
  if (canTransition(from, to)) return null
  if (from === to) return `The ticket is already ${to}`
  if (from === 'closed') return 'A closed ticket cannot change status'
  const allowed = TICKET_TRANSITIONS[from]
  return `A ${from} ticket cannot move to ${to} (allowed: ${allowed.join(', ')})`
}

/** Whether a ticket in this status still needs work. */
export function isOpenStatus(status: TicketStatus): boolean {
  return !DONE_STATUSES.includes(status)
}

/** Whether this status waits on someone else. */
export function isWaitingStatus(status: TicketStatus): boolean {
  return WAITING_STATUSES.includes(status)
}
