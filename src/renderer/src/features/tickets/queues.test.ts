import { describe, expect, it } from 'vitest'
import { TicketListInput } from '@shared/contract/tickets'
import type { QueueCounts } from '../../api/tickets'
import {
  activeFilterCount,
  defaultView,
  listInput,
  nextSort,
  queueEntries,
  queueTitle,
  viewForQueue,
  type TicketView,
} from './queues'

const view = (patch: Partial<TicketView>): TicketView => ({ ...defaultView, ...patch })

const counts: QueueCounts = {
  me: 'alex',
  mine: 3,
  unassigned: 4,
  slaAtRisk: 2,
  waiting: 1,
  open: 9,
  all: 12,
  pending: 5,
  clients: [{ clientId: 'c1', clientName: 'Contoso', open: 4 }],
}

describe('queue entries', () => {
  it('map every sidebar queue to its own count', () => {
    expect(queueEntries.map((e) => [e.queue, counts[e.count]])).toEqual([
      ['mine', 3],
      ['unassigned', 4],
      ['sla-at-risk', 2],
      ['waiting', 1],
      ['open', 9],
    ])
  })

  it('name the queue shown, the client queue by its client', () => {
    expect(queueTitle(view({ queue: 'mine' }), counts)).toBe('My tickets')
    expect(queueTitle(view({ queue: 'sla-at-risk' }), counts)).toBe('SLA at risk')
    expect(queueTitle(view({ queue: 'client', queueClientId: 'c1' }), counts)).toBe('Contoso')
    expect(queueTitle(view({ queue: 'client', queueClientId: 'gone' }), counts)).toBe('By client')
    expect(queueTitle(view({ queue: 'all' }), counts)).toBe('All tickets')
  })
})

describe('listInput', () => {
  it('sends the queue, sort and page, and nothing that is not set', () => {
    expect(listInput(defaultView, 200, 100)).toEqual({
      queue: 'open',
      sort: { column: 'updated', direction: 'desc' },
      offset: 200,
      limit: 100,
    })
  })

  it('passes the client of the client queue, and the contract accepts it', () => {
    const input = listInput(
      view({ queue: 'client', queueClientId: 'c1', clientId: 'other' }),
      0,
      50,
    )
    expect(input).toMatchObject({ queue: 'client', clientId: 'c1' })
    expect(TicketListInput.safeParse(input).success).toBe(true)
  })

  it('shows all open tickets while no client is picked, rather than a refused query', () => {
    const input = listInput(view({ queue: 'client', queueClientId: null }), 0, 50)
    expect(input.queue).toBe('open')
    expect(input.clientId).toBeUndefined()
    expect(TicketListInput.safeParse(input).success).toBe(true)
  })

  it('maps filters and a tidied search onto the contract', () => {
    const input = listInput(
      view({
        queue: 'waiting',
        status: ['waiting-vendor'],
        priority: ['P1'],
        clientId: 'c2',
        assignee: { kind: 'name', name: 'sam' },
        query: '  printer   jam ',
      }),
      0,
      100,
    )
    expect(input).toMatchObject({
      queue: 'waiting',
      status: ['waiting-vendor'],
      priority: ['P1'],
      clientId: 'c2',
      assignee: 'sam',
      query: 'printer jam',
    })
    expect(TicketListInput.safeParse(input).success).toBe(true)
  })

  it('asks for unassigned tickets with a null assignee', () => {
    expect(listInput(view({ assignee: { kind: 'unassigned' } }), 0, 10).assignee).toBeNull()
    expect('assignee' in listInput(view({}), 0, 10)).toBe(false)
  })
})

describe('filters and sort', () => {
  it('counts the filters beyond queue and search', () => {
    expect(activeFilterCount(defaultView)).toBe(0)
    expect(activeFilterCount(view({ query: 'x', queue: 'mine' }))).toBe(0)
    expect(
      activeFilterCount(
        view({ status: ['new'], priority: ['P2'], assignee: { kind: 'unassigned' } }),
      ),
    ).toBe(3)
  })

  it('flips the direction of the sorted column and starts others in their natural order', () => {
    const sort = { column: 'updated', direction: 'desc' } as const
    expect(nextSort(sort, 'updated')).toEqual({ column: 'updated', direction: 'asc' })
    expect(nextSort(sort, 'priority')).toEqual({ column: 'priority', direction: 'asc' })
    expect(nextSort(sort, 'due')).toEqual({ column: 'due', direction: 'asc' })
    expect(nextSort(sort, 'created')).toEqual({ column: 'created', direction: 'desc' })
  })

  it('opens "SLA at risk" by time left and the other queues by last change', () => {
    const atRisk = { ...defaultView, ...viewForQueue(defaultView, 'sla-at-risk') }
    expect(atRisk.sort).toEqual({ column: 'due', direction: 'asc' })
    expect(listInput(atRisk, 0, 50).sort).toEqual({ column: 'due', direction: 'asc' })
    const back = { ...atRisk, ...viewForQueue(atRisk, 'mine') }
    expect(back.sort).toEqual({ column: 'updated', direction: 'desc' })
    expect(viewForQueue(atRisk, 'client', 'c1')).toMatchObject({
      queueClientId: 'c1',
      clientId: null,
    })
  })

  it('keeps a sort the technician picked when the queue changes', () => {
    const own = view({ sort: { column: 'priority', direction: 'asc' } })
    expect(viewForQueue(own, 'sla-at-risk').sort).toBeUndefined()
  })
})
