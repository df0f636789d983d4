/**
 * The crash test's random ticket intents. The planner keeps a prediction of every ticket it
 * knows (status, running timer) and only proposes intents that are legal in that predicted
 * state, so any error reply other than a lost connection is a real failure. After a restart
 * the prediction is rebuilt from the store, since intents in flight at the kill may or may
 * not have committed.
 */
import type { SwitchboardClient } from '../../shared/contract'
import {
  IMPACT_LEVELS,
  TICKET_TRANSITIONS,
  TICKET_TYPES,
  type TicketIntentName,
  type TicketStatus,
} from '../../shared/domain/tickets'
import type { Random } from '../../shared/base/seeded-random'

/** The intents the crash test performs (the ones a technician uses while working a ticket). */
export const CRASH_INTENTS = [
  'tickets.create',
  'tickets.update',
  'tickets.setStatus',
  'tickets.assign',
  'tickets.setPriority',
  'tickets.addNote',
  'tickets.addTimeEntry',
  'tickets.startTimer',
  'tickets.stopTimer',
] as const satisfies readonly TicketIntentName[]
export type CrashIntent = (typeof CRASH_INTENTS)[number]

/** A ticket as the planner predicts it after every intent sent so far has applied. */
export interface KnownTicket {
  id: string
  status: TicketStatus
  /** The running timer's id; 'starting' while its startTimer is unanswered. */
  timer: string | 'starting' | null
  /** Which connection sends this ticket's intents, so they reach the host in planned order. */
  lane: number
}

/** One intent as sent: a unique tag in its text makes every effect findable and countable. */
export interface PlannedIntent {
  intent: CrashIntent
  tag: string
  ticketId: string | null
  /** Sends it; resolves with its mutation id and the entity it created or changed. */
  send(client: SwitchboardClient): Promise<IntentReply>
}

/** What the test keeps of an acknowledged reply. */
export interface IntentReply {
  mutationId: number
  entityId: string
  ticketId: string
  /** The ticket's number as the reply showed it. */
  number: string
}

const ASSIGNEES = ['alice', 'bob', 'carol', null] as const

/** Plans legal random intents against the predicted state of the tickets it knows. */
export class IntentPlanner {
  private readonly tickets = new Map<string, KnownTicket>()
  private clientIds: string[] = []
  private nextTag = 0

  constructor(
    private readonly random: Random,
    /** Tags start with this, so each run's text is its own. */
    private readonly tagPrefix: string,
  ) {}

  /** Forgets the prediction and starts again from the store's state (after a restart). */
  reset(clientIds: readonly string[], tickets: ReadonlyArray<Omit<KnownTicket, 'lane'>>): void {
    this.clientIds = [...clientIds]
    this.tickets.clear()
    tickets.forEach((t, i) => this.tickets.set(t.id, { ...t, lane: i }))
  }

  /**
   * A tag no other intent of this run carries: one word to the full-text index, and never the
   * start of another tag (search matches the last word as a prefix).
   */
  private tag(): string {
    this.nextTag += 1
    return `${this.tagPrefix}x${this.nextTag}q`
  }

  /** The next intent for connection `lane` of `lanes`. */
  next(lane: number, lanes: number): PlannedIntent {
    const mine = [...this.tickets.values()].filter((t) => t.lane % lanes === lane)
    const open = mine.filter((t) => TICKET_TRANSITIONS[t.status].length > 0)
    const timerFree = mine.filter((t) => t.timer === null)
    const timing = mine.filter((t) => t.timer !== null && t.timer !== 'starting')
    const choices: Array<readonly [CrashIntent, number]> = [
      ['tickets.create', mine.length < 4 ? 6 : 1],
    ]
    if (mine.length > 0) {
      choices.push(
        ['tickets.update', 1],
        ['tickets.assign', 2],
        ['tickets.setPriority', 1],
        ['tickets.addNote', 4],
        ['tickets.addTimeEntry', 2],
      )
    }
    if (open.length > 0) choices.push(['tickets.setStatus', 3])
    if (timerFree.length > 0) choices.push(['tickets.startTimer', 1])
    if (timing.length > 0) choices.push(['tickets.stopTimer', 1])
    const intent = this.random.weighted(choices)
    const tag = this.tag()
    const r = this.random
    switch (intent) {
      case 'tickets.create': {
        const clientId = r.pick(this.clientIds)
        const assignee = r.pick(ASSIGNEES)
        const input = {
          clientId,
          subject: `Crash ticket ${tag}`,
          description: `Opened by the crash test ${tag}`,
          impact: r.pick(IMPACT_LEVELS),
          urgency: r.pick(IMPACT_LEVELS),
          assignee,
          ...(r.chance(0.2) ? { priority: r.pick(['P1', 'P2', 'P3', 'P4'] as const) } : {}),
        }
        return {
          intent,
          tag,
          ticketId: null,
          send: async (client) => {
            const ack = await client.tickets.create(input)
            this.tickets.set(ack.ticket.id, {
              id: ack.ticket.id,
              status: 'new',
              timer: null,
              lane,
            })
            return ack3(ack.mutationId, ack.ticket.id, ack.ticket)
          },
        }
      }
      case 'tickets.update': {
        const t = r.pick(mine)
        const input = {
          id: t.id,
          subject: `Crash ticket ${tag}`,
          ...(r.chance(0.5) ? { type: r.pick(TICKET_TYPES) } : {}),
          ...(r.chance(0.3) ? { board: r.pick(['Service Desk', 'Projects', 'Onsite']) } : {}),
        }
        return onTicket(intent, tag, t, (c) => c.tickets.update(input))
      }
      case 'tickets.setStatus': {
        const t = r.pick(open)
        const status = r.pick(TICKET_TRANSITIONS[t.status])
        t.status = status
        return onTicket(intent, tag, t, (c) => c.tickets.setStatus({ id: t.id, status }))
      }
      case 'tickets.assign': {
        const t = r.pick(mine)
        const assignee = r.pick(ASSIGNEES)
        return onTicket(intent, tag, t, (c) => c.tickets.assign({ id: t.id, assignee }))
      }
      case 'tickets.setPriority': {
        const t = r.pick(mine)
        const input = r.chance(0.3)
          ? { id: t.id, priority: r.pick(['P1', 'P2', 'P3', 'P4', null] as const) }
          : { id: t.id, impact: r.pick(IMPACT_LEVELS), urgency: r.pick(IMPACT_LEVELS) }
        return onTicket(intent, tag, t, (c) => c.tickets.setPriority(input))
      }
      case 'tickets.addNote': {
        const t = r.pick(mine)
        const input = {
          ticketId: t.id,
          body: `Crash note ${tag}`,
          visibility: r.chance(0.3) ? ('customer' as const) : ('internal' as const),
          isPlan: r.chance(0.1),
        }
        return {
          intent,
          tag,
          ticketId: t.id,
          send: async (client) => {
            const ack = await client.tickets.addNote(input)
            return ack3(ack.mutationId, ack.note.id, ack.ticket)
          },
        }
      }
      case 'tickets.addTimeEntry': {
        const t = r.pick(mine)
        const input = {
          ticketId: t.id,
          durationMinutes: r.int(1, 240),
          billable: r.chance(0.7),
          note: `Crash time ${tag}`,
        }
        return {
          intent,
          tag,
          ticketId: t.id,
          send: async (client) => {
            const ack = await client.tickets.addTimeEntry(input)
            return ack3(ack.mutationId, ack.timeEntry.id, ack.ticket)
          },
        }
      }
      case 'tickets.startTimer': {
        const t = r.pick(timerFree)
        t.timer = 'starting'
        return {
          intent,
          tag,
          ticketId: t.id,
          send: async (client) => {
            const ack = await client.tickets.startTimer({
              ticketId: t.id,
              note: `Crash timer ${tag}`,
            })
            t.timer = ack.timer.id
            return ack3(ack.mutationId, ack.timer.id, ack.ticket)
          },
        }
      }
      case 'tickets.stopTimer': {
        const t = r.pick(timing)
        const timerId = t.timer as string
        t.timer = null
        return {
          intent,
          tag,
          ticketId: t.id,
          send: async (client) => {
            const ack = await client.tickets.stopTimer({
              timerId,
              durationMinutes: r.int(1, 90),
              note: `Crash timer ${tag}`,
            })
            return ack3(ack.mutationId, ack.timeEntry.id, ack.ticket)
          },
        }
      }
    }
  }
}

type TicketAck = { mutationId: number; ticket: { id: string; number: string } }

const ack3 = (
  mutationId: number,
  entityId: string,
  ticket: { id: string; number: string },
): IntentReply => ({
  mutationId,
  entityId,
  ticketId: ticket.id,
  number: ticket.number,
})

function onTicket(
  intent: CrashIntent,
  tag: string,
  t: KnownTicket,
  call: (client: SwitchboardClient) => Promise<TicketAck>,
): PlannedIntent {
  return {
    intent,
    tag,
    ticketId: t.id,
    send: async (client) => {
      const ack = await call(client)
      return ack3(ack.mutationId, ack.ticket.id, ack.ticket)
    },
  }
}
