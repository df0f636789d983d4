import {
  defaultTicketSort,
  type TicketPriority,
  type TicketQueue,
  type TicketSortColumn,
  type TicketStatus,
} from '@shared/contract/tickets'
import type { QueueCounts, TicketListArgs } from '../../api/tickets'

/** Who a list is filtered to: anyone, nobody, or one technician. */
export type AssigneeFilter =
  { kind: 'any' } | { kind: 'unassigned' } | { kind: 'name'; name: string }

export interface TicketSort {
  column: TicketSortColumn
  direction: 'asc' | 'desc'
}

/** Everything that decides which tickets the list shows, in which order. */
export interface TicketView {
  queue: TicketQueue
  /** The client of the "By client" queue. */
  queueClientId: string | null
  status: TicketStatus[]
  priority: TicketPriority[]
  /** A client filter on top of any other queue. */
  clientId: string | null
  assignee: AssigneeFilter
  query: string
  sort: TicketSort
}

export const defaultView: TicketView = {
  queue: 'open',
  queueClientId: null,
  status: [],
  priority: [],
  clientId: null,
  assignee: { kind: 'any' },
  query: '',
  sort: defaultTicketSort('open'),
}

/**
 * The view after picking a queue: it opens in its own order ("SLA at risk" by time left)
 * unless the technician had picked a sort of their own, which stays.
 */
export function viewForQueue(
  view: TicketView,
  queue: TicketQueue,
  queueClientId?: string,
): Partial<TicketView> {
  const previous = defaultTicketSort(view.queue)
  const ownSort = view.sort.column !== previous.column || view.sort.direction !== previous.direction
  return {
    queue,
    queueClientId: queueClientId ?? null,
    ...(queueClientId ? { clientId: null } : {}),
    ...(ownSort ? {} : { sort: defaultTicketSort(queue) }),
  }
}

/** The queues of the sidebar, in order, each with the count that belongs to it. */
export const queueEntries: readonly {
  queue: Exclude<TicketQueue, 'client' | 'all'>
  label: string
  count: keyof Pick<QueueCounts, 'mine' | 'unassigned' | 'slaAtRisk' | 'waiting' | 'open'>
}[] = [
  { queue: 'mine', label: 'My tickets', count: 'mine' },
  { queue: 'unassigned', label: 'Unassigned', count: 'unassigned' },
  { queue: 'sla-at-risk', label: 'SLA at risk', count: 'slaAtRisk' },
  { queue: 'waiting', label: 'Waiting', count: 'waiting' },
  { queue: 'open', label: 'All open', count: 'open' },
]

/** The queue's name as a heading ("My tickets", "Contoso", "All tickets"). */
export function queueTitle(
  view: Pick<TicketView, 'queue' | 'queueClientId'>,
  counts?: QueueCounts,
): string {
  if (view.queue === 'client') {
    const client = counts?.clients.find((c) => c.clientId === view.queueClientId)
    return client ? client.clientName : 'By client'
  }
  if (view.queue === 'all') return 'All tickets'
  return queueEntries.find((e) => e.queue === view.queue)?.label ?? 'Tickets'
}

/** How many filters beyond the queue and search narrow the list (for the "Clear" button). */
export function activeFilterCount(view: TicketView): number {
  return (
    (view.status.length > 0 ? 1 : 0) +
    (view.priority.length > 0 ? 1 : 0) +
    (view.clientId !== null ? 1 : 0) +
    (view.assignee.kind !== 'any' ? 1 : 0)
  )
}

/** The `tickets.list` input for one page of a view. */
export function listInput(view: TicketView, offset: number, limit: number): TicketListArgs {
  const input: TicketListArgs = { queue: view.queue, sort: view.sort, offset, limit }
  // The "By client" queue without a client yet would be refused; all open tickets stand in.
  if (view.queue === 'client') {
    if (view.queueClientId) input.clientId = view.queueClientId
    else input.queue = 'open'
  } else if (view.clientId) {
    input.clientId = view.clientId
  }
  if (view.status.length > 0) input.status = view.status
  if (view.priority.length > 0) input.priority = view.priority
  if (view.assignee.kind === 'unassigned') input.assignee = null
  if (view.assignee.kind === 'name') input.assignee = view.assignee.name
  const query = view.query.trim().replace(/\s+/g, ' ').slice(0, 200)
  if (query) input.query = query
  return input
}

/** Clicking a column: the same column flips direction, a new one starts at its natural order. */
export function nextSort(current: TicketSort, column: TicketSortColumn): TicketSort {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  }
  const newestFirst: TicketSortColumn[] = ['updated', 'created', 'number']
  return { column, direction: newestFirst.includes(column) ? 'desc' : 'asc' }
}
