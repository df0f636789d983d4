import { beforeEach, describe, expect, it } from 'vitest'
import { defaultView } from './queues'
import { useTicketUi } from './ticket-ui-store'

const draft = (sessionId: string) => ({ sessionId, ticketId: 't1', title: `s ${sessionId}` })

describe('ticket UI store', () => {
  beforeEach(() => useTicketUi.setState(useTicketUi.getInitialState(), true))

  it('proposes each ended session once, oldest first', () => {
    const { proposeDraft } = useTicketUi.getState()
    proposeDraft(draft('a'))
    proposeDraft(draft('b'))
    proposeDraft(draft('a'))
    expect(useTicketUi.getState().drafts.map((d) => d.sessionId)).toEqual(['a', 'b'])
  })

  it('forgets a settled draft and closes its review, but not another one', () => {
    const { proposeDraft, review, settleDraft } = useTicketUi.getState()
    proposeDraft(draft('a'))
    proposeDraft(draft('b'))
    review('b')
    settleDraft('a')
    expect(useTicketUi.getState()).toMatchObject({ reviewing: 'b', drafts: [draft('b')] })
    settleDraft('b')
    expect(useTicketUi.getState()).toMatchObject({ reviewing: null, drafts: [] })
  })

  it('clears filters but keeps the queue, search and sort', () => {
    const { setView, resetFilters } = useTicketUi.getState()
    setView({
      queue: 'waiting',
      query: 'vpn',
      status: ['new'],
      priority: ['P1'],
      clientId: 'c1',
      assignee: { kind: 'unassigned' },
    })
    resetFilters()
    expect(useTicketUi.getState().view).toEqual({ ...defaultView, queue: 'waiting', query: 'vpn' })
  })
})
