/**
 * What the crash test checks after every restart, reading the store file itself (read-only):
 * the file is intact, every acknowledged intent is in the outbox exactly once and in the
 * order it was acknowledged, the outbox never loses or reuses a row, and the working copy is
 * exactly what replaying the outbox gives — each note, time entry, timer, timeline event and
 * search entry once, each ticket's fields as its last committed change left them.
 *
 * Intents that committed but whose reply was lost to the kill may be present; because every
 * outbox row (acknowledged or not) must have exactly its effect and nothing else may exist,
 * they can never be present twice, and an acknowledged one can never be missing.
 */
import Database from 'better-sqlite3'
import {
  priorityFromMatrix,
  type ImpactLevel,
  type TicketStatus,
} from '../../shared/domain/tickets'
import { TicketListInput } from '../../shared/contract/tickets'
import type { CrashIntent, IntentReply } from './crash-intents'
import { TicketQueries } from '../services/tickets/ticket-queries'
import { TicketSlaClock } from '../services/tickets/ticket-sla'

/** An intent the host acknowledged, as the test recorded it. */
export interface AckedIntent {
  round: number
  /** One WebSocket connection; its replies must carry increasing mutation ids. */
  connection: string
  intent: CrashIntent
  tag: string
  reply: IntentReply
}

interface OutboxRow {
  mutation_id: number
  intent: string
  entity_id: string
  ticket_id: string
  payload: string
}

interface TicketRow {
  seq: number
  id: string
  number: string
  status: TicketStatus
  assignee: string | null
  subject: string
  description: string
  type: string
  board: string
  impact: ImpactLevel
  urgency: ImpactLevel
  priority: string
  priority_manual: number
}

/** A ticket as replaying the outbox in order leaves it. */
interface Replayed {
  number: string
  status: TicketStatus
  assignee: string | null
  subject: string
  description: string
  type: string
  board: string
  impact: ImpactLevel
  urgency: ImpactLevel
  priority: string
  manual: boolean
}

type Payload = Record<string, unknown>

const str = (value: unknown): string => String(value)
const counter = (number: string): number => Number(/(\d+)$/.exec(number)?.[1] ?? Number.NaN)
/** The crash test's tag is the last word of each text it writes. */
const lastWord = (text: string): string => text.slice(text.lastIndexOf(' ') + 1)

/** Checks one store after each restart; remembers what it saw to catch rows that vanish. */
export class CrashChecker {
  /** Every outbox row seen so far, as text: it must never change or disappear. */
  private readonly seenOutbox = new Map<number, string>()
  private readonly ackedMutations = new Map<number, AckedIntent>()
  private readonly lastAckOnConnection = new Map<string, number>()
  private checkedAcks = 0
  private readonly searchedNotes = new Set<string>()
  private outboxCheckedThrough = 0

  constructor(private readonly dbFile: string) {}

  /** Problems found, in words; empty when the store is as it must be. */
  check(acked: readonly AckedIntent[]): string[] {
    const problems: string[] = []
    const db = new Database(this.dbFile, { readonly: true, fileMustExist: true })
    try {
      this.checkFile(db, problems)
      if (problems.length > 0) return problems
      const outbox = db
        .prepare(
          'SELECT mutation_id, intent, entity_id, ticket_id, payload FROM ticket_outbox ORDER BY mutation_id',
        )
        .all() as OutboxRow[]
      this.checkOutboxHistory(db, outbox, problems)
      this.checkAcks(outbox, acked, problems)
      this.checkWorkingCopy(db, outbox, acked, problems)
    } finally {
      db.close()
    }
    return problems
  }

  private checkFile(db: Database.Database, problems: string[]): void {
    const integrity = db.pragma('integrity_check') as Array<{ integrity_check: string }>
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`)
    }
    const orphans = db.pragma('foreign_key_check') as unknown[]
    if (orphans.length > 0) problems.push(`foreign_key_check: ${orphans.length} rows`)
  }

  /** Ids 1..n with no hole, rows never changed or lost, ids never handed out twice. */
  private checkOutboxHistory(db: Database.Database, outbox: OutboxRow[], problems: string[]): void {
    outbox.forEach((row, i) => {
      if (row.mutation_id !== i + 1) {
        problems.push(`outbox: mutation ${row.mutation_id} at position ${i + 1} (a gap)`)
      }
    })
    const now = new Map(outbox.map((r) => [r.mutation_id, this.fingerprint(r)]))
    for (const [id, seen] of this.seenOutbox) {
      const current = now.get(id)
      if (current === undefined) problems.push(`outbox: mutation ${id} was committed, then lost`)
      else if (current !== seen) problems.push(`outbox: mutation ${id} was reused for another row`)
    }
    for (const [id, text] of now) this.seenOutbox.set(id, text)
    const sequence = db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'ticket_outbox'")
      .pluck()
      .get() as number | undefined
    const highest = outbox.at(-1)?.mutation_id ?? 0
    if ((sequence ?? 0) < highest) {
      problems.push(`outbox: sequence ${sequence} is below mutation ${highest}`)
    }
  }

  private fingerprint(row: OutboxRow): string {
    return `${row.intent}|${row.entity_id}|${row.ticket_id}|${row.payload}`
  }

  /** Each acknowledged intent is its outbox row, once, in the order of its connection. */
  private checkAcks(outbox: OutboxRow[], acked: readonly AckedIntent[], problems: string[]): void {
    const byId = new Map(outbox.map((r) => [r.mutation_id, r]))
    for (const ack of acked.slice(this.checkedAcks)) {
      const { mutationId } = ack.reply
      const earlier = this.ackedMutations.get(mutationId)
      if (earlier) {
        problems.push(
          `ack: mutation ${mutationId} acknowledged twice (${earlier.tag} and ${ack.tag})`,
        )
      }
      this.ackedMutations.set(mutationId, ack)
      const last = this.lastAckOnConnection.get(ack.connection) ?? 0
      if (mutationId <= last) {
        problems.push(
          `ack: ${ack.tag} on ${ack.connection} got mutation ${mutationId} after ${last}`,
        )
      }
      this.lastAckOnConnection.set(ack.connection, mutationId)
    }
    this.checkedAcks = acked.length
    // Rows already seen are guarded by the history check; still, every ack is looked up, so
    // a lost acknowledged intent is named by its tag.
    for (const ack of acked) {
      const row = byId.get(ack.reply.mutationId)
      if (!row) {
        problems.push(
          `ack: ${ack.intent} ${ack.tag} (mutation ${ack.reply.mutationId}) is not in the outbox`,
        )
      } else if (
        row.intent !== ack.intent ||
        row.entity_id !== ack.reply.entityId ||
        row.ticket_id !== ack.reply.ticketId
      ) {
        problems.push(
          `ack: mutation ${row.mutation_id} is ${row.intent} ${row.entity_id}, acknowledged as ${ack.intent} ${ack.reply.entityId}`,
        )
      }
    }
  }

  /** The working copy is exactly the outbox replayed: every effect once, nothing else. */
  private checkWorkingCopy(
    db: Database.Database,
    outbox: OutboxRow[],
    acked: readonly AckedIntent[],
    problems: string[],
  ): void {
    const tickets = new Map(
      (db.prepare('SELECT * FROM tickets').all() as TicketRow[]).map((t) => [t.id, t]),
    )
    const notes = db
      .prepare(
        `SELECT n.seq, n.id, t.id AS ticket_id, n.body FROM ticket_notes n
         JOIN tickets t ON t.seq = n.ticket_seq ORDER BY n.seq`,
      )
      .all() as Array<{ seq: number; id: string; ticket_id: string; body: string }>
    const entries = db
      .prepare(
        `SELECT e.seq, e.id, t.id AS ticket_id, e.note FROM ticket_time_entries e
         JOIN tickets t ON t.seq = e.ticket_seq ORDER BY e.seq`,
      )
      .all() as Array<{ seq: number; id: string; ticket_id: string; note: string }>
    const timers = db
      .prepare(
        `SELECT r.id, t.id AS ticket_id FROM ticket_timers r JOIN tickets t ON t.seq = r.ticket_seq`,
      )
      .all() as Array<{ id: string; ticket_id: string }>
    const events = new Map(
      (
        db
          .prepare('SELECT mutation_id, count(*) AS n FROM ticket_events GROUP BY mutation_id')
          .all() as Array<{ mutation_id: number | null; n: number }>
      ).map((r) => [r.mutation_id, r.n]),
    )

    const replayed = new Map<string, Replayed>()
    const noteMutation = new Map<string, number>()
    const entryMutation = new Map<string, number>()
    const runningTimers = new Map<string, string>()
    const stoppedTimers = new Set<string>()
    const expectEvents = (row: OutboxRow, expected: number): void => {
      const found = events.get(row.mutation_id) ?? 0
      if (found !== expected) {
        problems.push(
          `events: mutation ${row.mutation_id} (${row.intent}) has ${found} timeline events, expected ${expected}`,
        )
      }
      events.delete(row.mutation_id)
    }
    const once = (map: Map<string, number>, id: string, row: OutboxRow): void => {
      if (map.has(id))
        problems.push(`outbox: ${id} made by mutations ${map.get(id)} and ${row.mutation_id}`)
      map.set(id, row.mutation_id)
    }

    for (const row of outbox) {
      const p = JSON.parse(row.payload) as Payload
      const ticket = replayed.get(row.ticket_id)
      if (row.intent !== 'tickets.create' && !ticket) {
        problems.push(
          `outbox: mutation ${row.mutation_id} on ticket ${row.ticket_id} before its create`,
        )
        continue
      }
      switch (row.intent) {
        case 'tickets.create': {
          if (ticket) {
            problems.push(`outbox: ticket ${row.ticket_id} created twice`)
            continue
          }
          const impact = p.impact as ImpactLevel
          const urgency = p.urgency as ImpactLevel
          replayed.set(row.ticket_id, {
            number: str(p.number),
            status: 'new',
            assignee: (p.assignee as string | null) ?? null,
            subject: str(p.subject),
            description: str(p.description),
            type: str(p.type),
            board: str(p.board),
            impact,
            urgency,
            priority: (p.priority as string | null) ?? priorityFromMatrix(impact, urgency),
            manual: p.priority !== null,
          })
          expectEvents(row, 1)
          break
        }
        case 'tickets.update': {
          const changes = p.changes as Payload
          const t = ticket as Replayed
          if (changes.subject !== undefined) t.subject = str(changes.subject)
          if (changes.description !== undefined) t.description = str(changes.description)
          if (changes.type !== undefined) t.type = str(changes.type)
          if (changes.board !== undefined) t.board = str(changes.board)
          expectEvents(row, Object.keys(changes).length)
          break
        }
        case 'tickets.setStatus':
          ;(ticket as Replayed).status = p.status as TicketStatus
          expectEvents(row, 1)
          break
        case 'tickets.assign':
          ;(ticket as Replayed).assignee = (p.assignee as string | null) ?? null
          expectEvents(row, 1)
          break
        case 'tickets.setPriority': {
          const t = ticket as Replayed
          const before = t.priority
          t.impact = (p.impact as ImpactLevel | undefined) ?? t.impact
          t.urgency = (p.urgency as ImpactLevel | undefined) ?? t.urgency
          if (p.priority !== undefined) {
            t.manual = p.priority !== null
            t.priority = (p.priority as string | null) ?? priorityFromMatrix(t.impact, t.urgency)
          } else if (!t.manual) {
            t.priority = priorityFromMatrix(t.impact, t.urgency)
          }
          expectEvents(row, t.priority === before ? 0 : 1)
          break
        }
        case 'tickets.addNote':
          once(noteMutation, row.entity_id, row)
          expectEvents(row, 0)
          break
        case 'tickets.addTimeEntry':
          once(entryMutation, row.entity_id, row)
          expectEvents(row, 0)
          break
        case 'tickets.startTimer':
          runningTimers.set(row.entity_id, row.ticket_id)
          expectEvents(row, 0)
          break
        case 'tickets.stopTimer':
        case 'tickets.cancelTimer': {
          const timerId = str(p.timerId)
          if (!runningTimers.delete(timerId) || stoppedTimers.has(timerId)) {
            problems.push(`outbox: mutation ${row.mutation_id} stops timer ${timerId}, not running`)
          }
          stoppedTimers.add(timerId)
          if (row.intent === 'tickets.stopTimer') once(entryMutation, row.entity_id, row)
          expectEvents(row, 0)
          break
        }
        default:
          problems.push(`outbox: mutation ${row.mutation_id} has intent ${row.intent}, never sent`)
      }
    }
    for (const [mutationId, n] of events) {
      problems.push(`events: ${n} timeline events of mutation ${mutationId}, not in the outbox`)
    }

    // Tickets: exactly the created ones, each as its last committed change left it.
    for (const [id, expected] of replayed) {
      const actual = tickets.get(id)
      if (!actual) {
        problems.push(`tickets: ${id} (${expected.number}) is in the outbox but not the store`)
        continue
      }
      const fields = [
        ['number', actual.number, expected.number],
        ['status', actual.status, expected.status],
        ['assignee', actual.assignee, expected.assignee],
        ['subject', actual.subject, expected.subject],
        ['description', actual.description, expected.description],
        ['type', actual.type, expected.type],
        ['board', actual.board, expected.board],
        ['impact', actual.impact, expected.impact],
        ['urgency', actual.urgency, expected.urgency],
        ['priority', actual.priority, expected.priority],
        ['priority_manual', actual.priority_manual === 1, expected.manual],
      ] as const
      for (const [field, got, want] of fields) {
        if (got !== want)
          problems.push(`tickets: ${actual.number} ${field} is ${got}, replay gives ${want}`)
      }
    }
    for (const [id, t] of tickets) {
      if (!replayed.has(id))
        problems.push(`tickets: ${t.number} exists without a create in the outbox`)
    }
    const installation = db.prepare('SELECT next_number FROM ticket_installation').pluck().get() as
      number | undefined
    for (const t of tickets.values()) {
      if (!(counter(t.number) < (installation ?? 0))) {
        problems.push(`tickets: number ${t.number} not below the next number ${installation}`)
      }
    }
    for (const ack of acked) {
      if (
        ack.intent === 'tickets.create' &&
        tickets.get(ack.reply.ticketId)?.number !== ack.reply.number
      ) {
        problems.push(`tickets: ${ack.tag} was acknowledged as ${ack.reply.number}`)
      }
    }

    // Notes, time entries and timers: one per outbox row, in outbox order, nothing else.
    this.checkChildren('note', notes, noteMutation, (n) => n.body, problems)
    this.checkChildren('time entry', entries, entryMutation, (e) => e.note, problems)
    const actualTimers = new Map(timers.map((t) => [t.id, t.ticket_id]))
    for (const [id, ticketId] of runningTimers) {
      if (actualTimers.get(id) !== ticketId) problems.push(`timers: ${id} should be running`)
      actualTimers.delete(id)
    }
    for (const id of actualTimers.keys())
      problems.push(`timers: ${id} runs without a start in the outbox`)

    const touched = new Set(
      outbox.filter((r) => r.mutation_id > this.outboxCheckedThrough).map((r) => r.ticket_id),
    )
    this.outboxCheckedThrough = outbox.at(-1)?.mutation_id ?? 0
    this.checkSearch(
      db,
      [...touched].flatMap((id) => tickets.get(id) ?? []),
      notes,
      problems,
    )
  }

  private checkChildren<T extends { seq: number; id: string; ticket_id: string }>(
    what: string,
    rows: readonly T[],
    mutations: Map<string, number>,
    text: (row: T) => string,
    problems: string[],
  ): void {
    const tags = new Set<string>()
    const lastOnTicket = new Map<string, number>()
    for (const row of rows) {
      const tag = lastWord(text(row))
      if (tags.has(tag)) problems.push(`${what}s: ${tag} stored twice`)
      tags.add(tag)
      const mutationId = mutations.get(row.id)
      if (mutationId === undefined) {
        problems.push(`${what}s: ${row.id} exists without its mutation in the outbox`)
        continue
      }
      mutations.delete(row.id)
      // A ticket's rows are in the order they were written (rows come ordered by seq).
      const last = lastOnTicket.get(row.ticket_id) ?? 0
      if (mutationId < last) {
        problems.push(`${what}s: ${row.id} (mutation ${mutationId}) stored after mutation ${last}`)
      }
      lastOnTicket.set(row.ticket_id, mutationId)
    }
    for (const [id, mutationId] of mutations) {
      problems.push(`${what}s: ${id} (mutation ${mutationId}) is in the outbox but not the store`)
    }
  }

  /**
   * Search finds each new note's ticket, and each changed ticket by its current subject and
   * description, exactly once. Asked through the service's own read path, so the check does
   * not depend on how the index is laid out.
   */
  private checkSearch(
    db: Database.Database,
    tickets: readonly TicketRow[],
    notes: ReadonlyArray<{ id: string; ticket_id: string; body: string }>,
    problems: string[],
  ): void {
    const queries = new TicketQueries(db, new TicketSlaClock(db))
    const now = Date.now()
    const expectFinds = (what: string, text: string, ticketId: string): void => {
      const query = TicketListInput.parse({ queue: 'all', query: lastWord(text), limit: 5 })
      const found = queries.list(query, now, 'crash-check').rows.map((r) => r.id)
      if (found.length !== 1 || found[0] !== ticketId) {
        problems.push(`search: ${what} "${text}" finds [${found.join(', ')}], not ${ticketId}`)
      }
    }
    for (const note of notes) {
      if (this.searchedNotes.has(note.id)) continue
      this.searchedNotes.add(note.id)
      expectFinds('note', note.body, note.ticket_id)
    }
    for (const t of tickets) {
      expectFinds('subject', t.subject, t.id)
      expectFinds('description', t.description, t.id)
    }
  }
}
