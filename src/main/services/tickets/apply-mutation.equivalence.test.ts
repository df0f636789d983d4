/**
 * The team server applies ticket intents with applyTicketMutation to JSON documents; the app
 * applies them with TicketWriter to SQLite rows. For seeded random sequences of intents (legal
 * and illegal ones), both must accept and reject the same mutations and end with the same
 * ticket, read back from the store with readTicketSnapshot. Replay a failure with its seed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  applyTicketMutation,
  IMPACT_LEVELS,
  mutationTicketId,
  TICKET_FIELDS,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  TICKET_TYPES,
  TicketRuleError,
  WORK_TYPES,
  type AppliedTicketMutation,
  type TicketMutation,
  type TicketRuleCode,
  type TicketSnapshot,
} from '../../../shared/domain/tickets'
import { DomainError } from '../../../shared/domain/errors'
import { useTempDirs } from '../../testing/temp-dir'
import { Random } from '../../../shared/base/seeded-random'
import { readTicketSnapshot } from './snapshot-reader'
import { MINUTE, MONDAY_9AM, TicketWorld } from '../../testing/ticket-test-world'

const tempDir = useTempDirs()
const worlds: TicketWorld[] = []
afterEach(() => {
  for (const world of worlds.splice(0)) world.close()
})

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]
const STEPS = 160

const ACTORS = ['alice', 'bob', 'carol'] as const
const ASSIGNEES = ['alice', 'bob', null] as const
/**
 * Ticket devices are not foreign keys, so any id links. '𝔡…' (a surrogate pair in UTF-16) and
 * 'ﬀ…' sort differently by UTF-16 code units than by code points, which SQLite uses.
 */
const DEVICES = [
  { id: 'device-web', hostname: 'web-01' },
  { id: 'device-db', hostname: 'db-01' },
  { id: 'Dev-Z', hostname: 'z-box' },
  { id: '𝔡evice', hostname: 'fraktur' },
  { id: 'ﬀ-device', hostname: 'ligature' },
] as const
const MISSING = 'ticket-missing'
/** Date's last millisecond plus some: the timeline cannot show it. */
const BEYOND_DATES = 8.7e15

type Outcome = { ok: true; value: AppliedTicketMutation } | { ok: false; error: unknown }

function attempt(work: () => AppliedTicketMutation): Outcome {
  try {
    return { ok: true, value: work() }
  } catch (error) {
    return { ok: false, error }
  }
}

/** The codes the pure function may answer for what the writer threw. */
function expectedCodes(error: unknown): readonly TicketRuleCode[] {
  if (error instanceof DomainError) {
    if (error.code === 'not-found') return ['not-found']
    if (error.code === 'invalid') return ['invalid-transition']
    if (error.code === 'conflict') return ['conflict-exists']
  }
  // A unique key of the store (a duplicated note, entry, timer or device id).
  if (error instanceof Error && error.name === 'SqliteError') return ['conflict-exists', 'invalid']
  // new Date(x).toISOString() past Date's range.
  if (error instanceof RangeError) return ['invalid']
  return []
}

/** Versions are compared separately: the app counts changes, the server stamps its version. */
const withoutVersions = (s: TicketSnapshot | null) => (s === null ? null : { ...s, versions: {} })

const text = (r: Random, words: number) =>
  Array.from({ length: words }, () =>
    r.pick(['printer', 'VPN', 'Outlook', 'drops', 'after', 'update', 'Grüße', 'naïve', '🖨️']),
  ).join(' ')

/** Sometimes past the timeline's 200 characters, with an emoji where the cut can split it. */
function subject(r: Random): string {
  if (!r.chance(0.25)) return text(r, r.int(1, 6))
  return `${'s'.repeat(r.int(195, 200))}🖨️${text(r, 3)}`.slice(0, 300)
}

/** Plans the next intent from the pure model's tickets; some intents are illegal on purpose. */
class Planner {
  private serial = 0

  constructor(
    private readonly r: Random,
    private readonly seed: number,
    private readonly world: TicketWorld,
    private readonly model: Map<string, TicketSnapshot>,
  ) {}

  private id(kind: string): string {
    this.serial += 1
    return `${kind}-${this.seed}-${this.serial}`
  }

  private dueAt(at: number): number | null {
    const r = this.r
    return r.weighted<number | null>([
      [null, 2],
      [at + r.int(1, 72) * 60 * MINUTE, 5],
      [BEYOND_DATES, 0.2],
    ])
  }

  next(at: number): TicketMutation {
    const r = this.r
    const tickets = [...this.model.values()]
    const stamp = { at, actor: r.pick(ACTORS) }
    const intent =
      tickets.length === 0
        ? 'tickets.create'
        : r.weighted<TicketMutation['intent']>([
            ['tickets.create', tickets.length < 4 ? 3 : 0.5],
            ['tickets.update', 4],
            ['tickets.setStatus', 4],
            ['tickets.setPriority', 3],
            ['tickets.assign', 2],
            ['tickets.linkDevice', 2],
            ['tickets.unlinkDevice', 2],
            ['tickets.addNote', 3],
            ['tickets.addTimeEntry', 2],
            ['tickets.startTimer', 2],
            ['tickets.stopTimer', 2],
            ['tickets.cancelTimer', 1],
          ])
    if (intent === 'tickets.create') return this.create(stamp, tickets)
    const ticket = r.pick(tickets)
    // Now and then a ticket that does not exist.
    const id = r.chance(0.03) ? MISSING : ticket.id
    switch (intent) {
      case 'tickets.update': {
        const changes: Extract<TicketMutation, { intent: 'tickets.update' }>['payload']['changes'] =
          {}
        if (r.chance(0.4)) changes.subject = subject(r)
        if (r.chance(0.3)) changes.description = text(r, r.int(0, 12))
        if (r.chance(0.3)) {
          changes.contact = {}
          if (r.chance(0.6)) changes.contact.name = r.pick(['Dana', 'Lee', null])
          if (r.chance(0.5)) changes.contact.email = r.pick(['dana@example.com', null])
          if (r.chance(0.3)) changes.contact.phone = r.pick(['+49 30 1234', null])
        }
        if (r.chance(0.2)) changes.type = r.pick(TICKET_TYPES)
        if (r.chance(0.2)) changes.board = r.pick(['Service Desk', 'Projects', 'Onsite'])
        if (r.chance(0.2)) {
          changes.siteId = r.pick([this.world.siteId, this.world.otherSiteId, 'site-gone', null])
        }
        if (r.chance(0.3)) changes.dueAt = this.dueAt(at)
        return { intent, payload: { ...stamp, id, changes } }
      }
      case 'tickets.setStatus': {
        const legal = TICKET_TRANSITIONS[ticket.status]
        const status = legal.length > 0 && r.chance(0.75) ? r.pick(legal) : r.pick(TICKET_STATUSES)
        return { intent, payload: { ...stamp, id, status } }
      }
      case 'tickets.setPriority': {
        const payload: Extract<TicketMutation, { intent: 'tickets.setPriority' }>['payload'] = {
          ...stamp,
          id,
        }
        if (r.chance(0.6)) payload.impact = r.pick(IMPACT_LEVELS)
        if (r.chance(0.6)) payload.urgency = r.pick(IMPACT_LEVELS)
        if (r.chance(0.4)) payload.priority = r.pick(['P1', 'P2', 'P3', 'P4', null] as const)
        return { intent, payload }
      }
      case 'tickets.assign':
        return { intent, payload: { ...stamp, id, assignee: r.pick(ASSIGNEES) } }
      case 'tickets.linkDevice': {
        const device = r.pick(DEVICES)
        return {
          intent,
          payload: { ...stamp, id, deviceId: device.id, hostname: device.hostname },
        }
      }
      case 'tickets.unlinkDevice': {
        const device =
          ticket.devices.length > 0 && r.chance(0.7) ? r.pick(ticket.devices) : r.pick(DEVICES)
        return { intent, payload: { ...stamp, id, deviceId: device.id } }
      }
      case 'tickets.addNote': {
        const again = ticket.notes.length > 0 && r.chance(0.05)
        return {
          intent,
          payload: {
            ...stamp,
            ticketId: id,
            noteId: again ? r.pick(ticket.notes).id : this.id('note'),
            body: text(r, r.int(1, 20)),
            visibility: r.pick(['internal', 'customer'] as const),
            isPlan: r.chance(0.2),
          },
        }
      }
      case 'tickets.addTimeEntry': {
        const again = ticket.timeEntries.length > 0 && r.chance(0.05)
        const startedAt = r.chance(0.5) ? at - r.int(5, 120) * MINUTE : null
        return {
          intent,
          payload: {
            ...stamp,
            ticketId: id,
            entryId: again ? r.pick(ticket.timeEntries).id : this.id('entry'),
            technician: r.pick(ACTORS),
            startedAt,
            endedAt: startedAt === null ? null : at,
            durationMinutes: r.int(1, 240),
            billable: r.chance(0.7),
            workType: r.pick(WORK_TYPES),
            note: text(r, r.int(0, 5)),
            sessionId: r.chance(0.2) ? this.id('session') : null,
            recordingId: r.chance(0.1) ? this.id('recording') : null,
          },
        }
      }
      case 'tickets.startTimer': {
        const again = ticket.timers.length > 0 && r.chance(0.05)
        return {
          intent,
          payload: {
            ...stamp,
            ticketId: id,
            timerId: again ? r.pick(ticket.timers).id : this.id('timer'),
            technician: r.pick(ACTORS),
            workType: r.pick(WORK_TYPES),
            billable: r.chance(0.7),
            note: text(r, r.int(0, 4)),
          },
        }
      }
      case 'tickets.stopTimer': {
        const timer = ticket.timers.length > 0 && r.chance(0.8) ? r.pick(ticket.timers) : null
        const again = ticket.timeEntries.length > 0 && r.chance(0.05)
        return {
          intent,
          payload: {
            ...stamp,
            ticketId: id,
            timerId: timer?.id ?? this.id('timer-never'),
            entryId: again ? r.pick(ticket.timeEntries).id : this.id('entry'),
            technician: timer?.technician ?? r.pick(ACTORS),
            startedAt: timer?.startedAt ?? at - MINUTE,
            durationMinutes: r.int(1, 240),
            billable: timer?.billable ?? true,
            workType: timer?.workType ?? 'remote',
            note: timer?.note ?? '',
          },
        }
      }
      case 'tickets.cancelTimer': {
        const timer = ticket.timers.length > 0 && r.chance(0.8) ? r.pick(ticket.timers) : null
        return {
          intent,
          payload: { ...stamp, ticketId: id, timerId: timer?.id ?? this.id('timer-never') },
        }
      }
    }
  }

  private create(stamp: { at: number; actor: string }, tickets: TicketSnapshot[]): TicketMutation {
    const r = this.r
    const existing = tickets.length > 0 && r.chance(0.05) ? r.pick(tickets).id : null
    const devices = DEVICES.filter(() => r.chance(0.3)).map((d) => ({ ...d }))
    return {
      intent: 'tickets.create',
      payload: {
        ...stamp,
        id: existing ?? this.id('ticket'),
        number: `T-EQ${this.seed}-${this.id('n')}`,
        clientId: this.world.clientId,
        siteId: r.pick([this.world.siteId, null]),
        devices,
        subject: subject(r),
        description: text(r, r.int(0, 30)),
        contact: {
          name: r.pick(['Dana', null]),
          email: r.pick(['dana@example.com', null]),
          phone: null,
        },
        type: r.pick(TICKET_TYPES),
        board: 'Service Desk',
        impact: r.pick(IMPACT_LEVELS),
        urgency: r.pick(IMPACT_LEVELS),
        priority: r.chance(0.3) ? r.pick(['P1', 'P2', 'P3', 'P4'] as const) : null,
        assignee: r.pick(ASSIGNEES),
        dueAt: this.dueAt(stamp.at),
      },
    }
  }
}

/** Runs one seed; returns how many mutations both sides accepted and rejected. */
function runSeed(seed: number): { applied: number; rejected: number } {
  const w = new TicketWorld(tempDir())
  worlds.push(w)
  const r = new Random(seed)
  const model = new Map<string, TicketSnapshot>()
  const planner = new Planner(r, seed, w, model)
  let at = MONDAY_9AM
  const counts = { applied: 0, rejected: 0 }
  for (let step = 1; step <= STEPS; step++) {
    at += r.int(0, 90) * MINUTE
    const mutation = planner.next(at)
    const ticketId = mutationTicketId(mutation)
    const where = `seed ${seed}, step ${step}: ${mutation.intent} ${JSON.stringify(mutation.payload)}`
    const before = model.get(ticketId) ?? null
    const localBefore = readTicketSnapshot(w.store.db, ticketId)
    // Every base is current: the author saw the ticket as it is, so nothing may conflict.
    const pure = attempt(() =>
      applyTicketMutation(before, mutation, {
        version: step,
        baseVersions: before?.versions ?? {},
      }),
    )
    let local: unknown = null
    try {
      w.store.transaction(() => w.tickets.writer.apply(mutation, step))
    } catch (error) {
      local = error ?? 'thrown'
    }
    if (local !== null) {
      expect(
        pure.ok,
        `${where}\nthe writer refused (${String(local)}), the pure function did not`,
      ).toBe(false)
      if (!pure.ok) {
        expect(pure.error, where).toBeInstanceOf(TicketRuleError)
        const code = (pure.error as TicketRuleError).code
        expect(expectedCodes(local), `${where}\n${String(local)} vs ${code}`).toContain(code)
        if (local instanceof DomainError)
          expect((pure.error as Error).message, where).toBe(local.message)
      }
      counts.rejected += 1
    } else {
      if (!pure.ok)
        throw new Error(`${where}\nonly the pure function refused: ${String(pure.error)}`)
      expect(pure.value.conflicts, where).toEqual([])
      model.set(ticketId, pure.value.snapshot)
      counts.applied += 1
    }
    const localAfter = readTicketSnapshot(w.store.db, ticketId)
    const pureAfter = model.get(ticketId) ?? null
    expect(withoutVersions(localAfter), where).toEqual(withoutVersions(pureAfter))
    // Versions count differently (the app: +1 per change; the pure function: the change's
    // version), but the same fields must move.
    const movedLocally = TICKET_FIELDS.filter(
      (f) => localAfter?.versions[f] !== localBefore?.versions[f],
    )
    const movedPurely = TICKET_FIELDS.filter((f) => pureAfter?.versions[f] !== before?.versions[f])
    expect(movedPurely, where).toEqual(movedLocally)
  }
  return counts
}

describe('applyTicketMutation and TicketWriter', () => {
  it.each(SEEDS)('accept, refuse and change tickets alike (seed %i)', (seed) => {
    const { applied, rejected } = runSeed(seed)
    // The sequence exercised both sides of the rules, not just one.
    expect(applied).toBeGreaterThan(STEPS / 2)
    expect(rejected).toBeGreaterThan(0)
  })
})
