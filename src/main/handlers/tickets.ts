import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

/** Ticket queues, one ticket, intents (each committed with its outbox row), SLA plans. */
export function ticketHandlers(services: Services): NamespaceHandlers<'tickets'> {
  const { tickets } = services
  return {
    list: (input) => tickets.list(input),
    queueCounts: () => tickets.queueCounts(),
    get: ({ id }) => tickets.get(id),
    lookup: ({ number }) => ({ id: tickets.lookup(number) }),
    pickLists: () => tickets.pickLists(),

    create: (input) => tickets.create(input),
    update: (input) => tickets.update(input),
    setStatus: (input) => tickets.setStatus(input),
    setPriority: (input) => tickets.setPriority(input),
    assign: (input) => tickets.assign(input),
    linkDevice: (input) => tickets.linkDevice(input),
    unlinkDevice: (input) => tickets.unlinkDevice(input),
    addNote: (input) => tickets.addNote(input),
    addTimeEntry: (input) => tickets.addTimeEntry(input),
    startTimer: (input) => tickets.startTimer(input),
    stopTimer: (input) => tickets.stopTimer(input),
    cancelTimer: (input) => tickets.cancelTimer(input),
    timers: ({ ticketId }) => ({ timers: tickets.timers(ticketId) }),

    sessions: ({ ticketId }) => ({ sessions: tickets.sessions(ticketId) }),
    sessionDraft: ({ sessionId }) => tickets.sessionDraft(sessionId),

    slaPlan: ({ clientId }) => tickets.slaPlan(clientId),
    setSlaPlan: ({ clientId, plan }) => tickets.setSlaPlan(clientId, plan),

    outbox: (input) => tickets.outboxPage(input),
    pendingCount: () => tickets.pendingCount(),
    onDidChange: (_input, emit) => tickets.onDidChange(emit),
  }
}
