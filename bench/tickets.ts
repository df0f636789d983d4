/**
 * Ticket figures in the main process, on 200k tickets with 1M notes, each beside a reference
 * measured the same way on the same store:
 *  - queue p95 (mine, unassigned, by client, SLA at risk, waiting: count + first page with
 *    exact SLA reports) beside the same conditions and order with every index refused;
 *  - full-text search p95 (subject, description and notes) beside the same words as LIKE
 *    '%word%' scans of the same columns;
 *  - beside queues and search, their floor: the same SQL (listFloorSql: the queue's count and
 *    page, or the search's FTS5 window, candidates in order and the page's rows) run by hand on
 *    another connection to the same file, without the service's steps (hits gathered in JS,
 *    SLA reports, row objects). Goal: the app's p95 at most 1.5× the floor's;
 *  - intent write p99 (the service call a handler makes: mutation, outbox append, apply, one
 *    IMMEDIATE transaction, the ack with the ticket's id and number) beside the same apply
 *    statements in a transaction without the outbox append.
 * The store is filled through the service's bulk path (TicketSnapshotWriter.writeMany via the
 * sample ticket generator: the same INSERT statements as a rebase, search indexed in bulk),
 * on top of a sample inventory of 500 clients; most sample tickets are closed history, as in a
 * real desk. Each figure also shows the process's CPU time for the same calls, which stays
 * readable when other work shares the machine. Run with `npm run bench:tickets`
 * (BENCH_TICKETS, BENCH_WRITES for a smaller run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { TicketListInput, type TicketQueue } from '../src/shared/contract/tickets'
import {
  TICKET_TRANSITIONS,
  type ImpactLevel,
  type TicketMutation,
  type TicketStatus,
} from '../src/shared/domain/tickets'
import { createServices } from '../src/main/services'
import { timeOrderedId } from '../src/main/base/time-ordered-id'
import { Random } from '../src/shared/base/seeded-random'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import { writeSampleWorkspace } from '../src/main/services/inventory/sample/sample-writer'
import { writeSampleTickets } from '../src/main/services/tickets/sample/sample-ticket-writer'
import {
  listFloorSql,
  SEARCH_WINDOW,
  TicketQueries,
  type TicketListQuery,
} from '../src/main/services/tickets/ticket-queries'
import { TicketSlaClock } from '../src/main/services/tickets/ticket-sla'
import { benchPorts } from './host-ports'
import { ms, percentile, printTable } from './stats'

const TICKETS = Number(process.env.BENCH_TICKETS ?? 200_000)
// The generator's average; 5.3 gives just over a million notes on 200k tickets.
const NOTES_PER_TICKET = Number(process.env.BENCH_NOTES_PER_TICKET ?? 5.3)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500)
const DEVICES = Number(process.env.BENCH_DEVICES ?? 20_000)
const ROUNDS = 5
/** A queue's own row has only 3 views: enough rounds that its p95 is not just its slowest call. */
const QUEUE_ROUNDS = 20
const LIKE_ROUNDS = 1
/** The LIKE reference scans a million notes per query: a dozen queries tell enough. */
const LIKE_QUERIES = 12
const WRITES = Number(process.env.BENCH_WRITES ?? 2_000)
const local = { user: 'bench', platform: 'linux', timeZone: 'UTC' }

/**
 * Durations of calls: wall time, and the process's CPU time over the same call, which stays
 * readable when other work shares the machine (wall time then includes waiting for a core).
 * Process, not thread: here the kernel counts a thread's own time only in 4 ms ticks.
 */
class Samples {
  readonly wall: number[] = []
  readonly cpu: number[] = []

  /** Runs `work` once and records it. */
  time(work: () => unknown): void {
    const cpu = process.cpuUsage()
    const started = performance.now()
    work()
    this.wall.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    this.cpu.push((used.user + used.system) / 1000)
  }

  add(other: Samples): this {
    this.wall.push(...other.wall)
    this.cpu.push(...other.cpu)
    return this
  }

  /** "p95 wall (CPU p95)". */
  show(p: number): string {
    return `${ms(percentile(this.wall, p))} (CPU ${ms(percentile(this.cpu, p))})`
  }
}

/** Each call timed `rounds` times after one warm-up pass. */
function timeEach<T>(items: readonly T[], run: (item: T) => unknown, rounds = ROUNDS): Samples {
  for (const item of items) run(item)
  const samples = new Samples()
  for (let round = 0; round < rounds; round++) {
    for (const item of items) samples.time(() => run(item))
  }
  return samples
}

const p95 = (samples: Samples): number => percentile(samples.wall, 95)
const faster = (ours: Samples, reference: Samples) =>
  `${(p95(reference) / p95(ours)).toFixed(0)}× faster`
/** The app's p95 over the floor's, wall and CPU. */
const overFloor = (ours: Samples, floor: Samples) =>
  `app ${(p95(ours) / p95(floor)).toFixed(2)}× the floor ` +
  `(CPU ${(percentile(ours.cpu, 95) / percentile(floor.cpu, 95)).toFixed(2)}×; goal ≤ 1.5×)`

/** The WHERE of each queue, as ticket-queries.ts has it, for the unindexed reference. */
const QUEUE_WHERE: Record<Exclude<TicketQueue, 'open' | 'all'>, string> = {
  mine: 't.is_open = 1 AND t.assignee = @me',
  unassigned: 't.is_open = 1 AND t.assignee IS NULL',
  client: 't.is_open = 1 AND t.client_id = @clientId',
  'sla-at-risk': 't.is_open = 1 AND t.sla_risk_at <= @now',
  waiting: "t.status IN ('waiting-customer', 'waiting-vendor')",
}
const ORDER_SQL = {
  updated: 't.updated_at DESC, t.seq DESC',
  due: 't.sla_due_at IS NULL, t.sla_due_at ASC, t.seq DESC',
  priority: 't.priority ASC, t.sla_due_at IS NULL, t.sla_due_at, t.seq DESC',
} as const

interface QueueCase {
  queue: keyof typeof QUEUE_WHERE
  clientId?: string
  sort: keyof typeof ORDER_SQL
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-tickets-'))
  const ports = benchPorts(join(root, 'data'))
  const services = createServices(ports)
  try {
    // ---- the store: 500 clients, then 200k tickets with 1M notes through the bulk path ----
    const now = Date.now()
    let started = performance.now()
    const workspace = generateSampleWorkspace({
      seed: 7,
      clients: CLIENTS,
      devices: DEVICES,
      now,
      local,
    })
    writeSampleWorkspace(services.store, workspace, { replace: false })
    const inventoryMs = performance.now() - started
    started = performance.now()
    const db = services.store.db
    // Loading a million rows with random-id unique indexes thrashes SQLite's default 2 MB page
    // cache; a larger one for the load only, so every figure below runs with the app's setting.
    const appCacheSize = db.pragma('cache_size', { simple: true }) as number
    db.pragma('cache_size = -262144')
    const written = writeSampleTickets(services.store, {
      seed: 7,
      tickets: TICKETS,
      notesPerTicket: NOTES_PER_TICKET,
      now,
      technician: ports.technician,
    })
    db.pragma(`cache_size = ${appCacheSize}`)
    // The load leaves a WAL as large as the data; the app's first commit afterwards would pay
    // its checkpoint. Fold it in now so the write figures are of writes, not of the load.
    db.pragma('wal_checkpoint(TRUNCATE)')
    const ticketsMs = performance.now() - started
    const tickets = services.tickets
    const me = tickets.me
    const random = new Random(42)

    // The floor: the list's own SQL by hand on a connection of its own (see listFloorSql).
    const floorDb = new Database(db.name, { readonly: true })
    const floorQueries = new TicketQueries(floorDb, new TicketSlaClock(floorDb))
    const floorStatements = new Map<string, Database.Statement>()
    const floorStatement = (sql: string): Database.Statement => {
      let statement = floorStatements.get(sql)
      if (!statement) {
        statement = floorDb.prepare(sql)
        floorStatements.set(sql, statement)
      }
      return statement
    }
    const floorList = (input: TicketListQuery) => {
      const match = input.query === undefined ? null : floorQueries.matchExpression(input.query)
      const { total, page, params } = listFloorSql(input, Date.now(), me, match)
      if (match === null) {
        floorStatement(total).pluck().get(params)
        floorStatement(page).all({ ...params, limit: input.limit, offset: input.offset })
        return
      }
      const seqs = floorStatement(total).pluck().all(params) as number[]
      const pageSeqs = seqs.slice(input.offset, input.offset + input.limit)
      floorStatement(page).all({ seqs: JSON.stringify(pageSeqs) })
    }

    // ---- queues ----
    const busyClients = db
      .prepare(
        `SELECT client_id FROM tickets WHERE is_open = 1 GROUP BY client_id
         ORDER BY count(*) DESC LIMIT 5`,
      )
      .pluck()
      .all() as string[]
    const someClients = [
      ...busyClients,
      ...Array.from({ length: 5 }, () => random.pick(workspace.clients).id),
    ]
    const queueCases: QueueCase[] = []
    for (const sort of ['updated', 'due', 'priority'] as const) {
      queueCases.push({ queue: 'mine', sort }, { queue: 'unassigned', sort })
      queueCases.push({ queue: 'sla-at-risk', sort }, { queue: 'waiting', sort })
      for (const clientId of someClients) queueCases.push({ queue: 'client', clientId, sort })
    }
    const listInput = (c: QueueCase) =>
      TicketListInput.parse({
        queue: c.queue,
        ...(c.clientId ? { clientId: c.clientId } : {}),
        sort: { column: c.sort, direction: c.sort === 'updated' ? 'desc' : 'asc' },
        limit: 100,
      })
    const runQueue = (c: QueueCase) => tickets.list(listInput(c))
    const scans = new Map<string, { count: Database.Statement; page: Database.Statement }>()
    const scanQueue = (c: QueueCase) => {
      const key = `${c.queue}|${c.sort}`
      let statements = scans.get(key)
      if (!statements) {
        const where = QUEUE_WHERE[c.queue]
        statements = {
          count: db.prepare(`SELECT count(*) FROM tickets t NOT INDEXED WHERE ${where}`),
          page: db.prepare(
            `SELECT t.* FROM tickets t NOT INDEXED WHERE ${where}
             ORDER BY ${ORDER_SQL[c.sort]} LIMIT 100`,
          ),
        }
        scans.set(key, statements)
      }
      const params: Record<string, unknown> = {}
      if (c.queue === 'mine') params.me = me
      if (c.queue === 'client') params.clientId = c.clientId
      if (c.queue === 'sla-at-risk') params.now = Date.now()
      statements.count.get(params)
      statements.page.all(params)
    }
    const queueRows: string[][] = []
    const queueTimes = new Samples()
    const queueFloor = new Samples()
    for (const queue of Object.keys(QUEUE_WHERE) as Array<keyof typeof QUEUE_WHERE>) {
      const cases = queueCases.filter((c) => c.queue === queue)
      const ours = timeEach(cases, runQueue, QUEUE_ROUNDS)
      const reference = timeEach(cases, scanQueue, 1)
      const floor = timeEach(cases, (c) => floorList(listInput(c)), QUEUE_ROUNDS)
      queueTimes.add(ours)
      queueFloor.add(floor)
      const total = runQueue(cases[0] as QueueCase).total
      queueRows.push([
        `  ${queue} (${cases.length} views, e.g. ${total.toLocaleString('en')} rows)`,
        ours.show(95),
        `${reference.show(95)} NOT INDEXED`,
        `${faster(ours, reference)} (goal ≤ 10 ms)`,
      ])
      queueRows.push([
        `    floor: the same SQL by hand`,
        floor.show(95),
        '',
        overFloor(ours, floor),
      ])
    }
    const countsTimes = timeEach([0], () => tickets.queueCounts())

    // ---- full-text search ----
    const people = db
      .prepare('SELECT contact_name FROM tickets ORDER BY random() LIMIT 10')
      .pluck()
      .all() as string[]
    const hosts = db
      .prepare('SELECT hostname FROM ticket_devices ORDER BY random() LIMIT 10')
      .pluck()
      .all() as string[]
    const typed: Array<[string, string]> = [
      ['word', 'printer'],
      ['word', 'phishing'],
      ['word', 'certificate'],
      ['word', 'firmware'],
      ['word', 'voicemail'],
      ['two words', 'backup failed'],
      ['two words', 'outlook password'],
      ['two words', 'vpn drops'],
      ['two words', 'disk space'],
      ['prefix', 'firew'],
      ['prefix', 'kern'],
      ['prefix', 'scree'],
      ...people.map((p): [string, string] => ['person', p]),
      ...people.map((p): [string, string] => ['surname', p.split(' ')[1] ?? p]),
      ...hosts.map((h): [string, string] => ['hostname', h]),
    ]
    const searchQueue = (query: string, queue: TicketQueue) =>
      tickets.list(TicketListInput.parse({ queue, query, limit: 100 }))
    const searchFloor = (query: string, queue: TicketQueue) =>
      floorList(TicketListInput.parse({ queue, query, limit: 100 }))
    const searchAll = timeEach(typed, ([, q]) => searchQueue(q, 'all'))
    const searchAllFloor = timeEach(typed, ([, q]) => searchFloor(q, 'all'))
    // A search reads the most recent matches only (SEARCH_WINDOW); say how often that cut in.
    const truncated = typed.filter(([, q]) => searchQueue(q, 'all').truncated).length
    const searchOpen = timeEach(typed, ([, q]) => searchQueue(q, 'open'))
    const searchOpenFloor = timeEach(typed, ([, q]) => searchFloor(q, 'open'))
    floorDb.close()
    const byKind = new Map<string, Samples>()
    for (const [kind, q] of typed) {
      const samples = byKind.get(kind) ?? new Samples()
      byKind.set(kind, samples.add(timeEach([q], (x) => searchQueue(x, 'all'))))
    }
    const likeStatements = new Map<
      number,
      { count: Database.Statement; page: Database.Statement }
    >()
    const likeSearch = (query: string) => {
      const words = query.split(/\s+/).filter(Boolean)
      let statements = likeStatements.get(words.length)
      if (!statements) {
        const where = words
          .map(
            (_, i) => `(t.subject LIKE @q${i} OR t.description LIKE @q${i} OR EXISTS (
              SELECT 1 FROM ticket_notes n WHERE n.ticket_seq = t.seq AND n.body LIKE @q${i}))`,
          )
          .join(' AND ')
        statements = {
          count: db.prepare(`SELECT count(*) FROM tickets t WHERE ${where}`),
          page: db.prepare(
            `SELECT t.* FROM tickets t WHERE ${where} ORDER BY t.updated_at DESC, t.seq DESC LIMIT 100`,
          ),
        }
        likeStatements.set(words.length, statements)
      }
      const params = Object.fromEntries(words.map((w, i) => [`q${i}`, `%${w}%`]))
      statements.count.get(params)
      statements.page.all(params)
    }
    const likeTimes = timeEach(typed.slice(0, LIKE_QUERIES), ([, q]) => likeSearch(q), LIKE_ROUNDS)

    // ---- intent writes ----
    const writeCase = intentWrites(services, random)
    const writeTimes = { service: new Samples(), apply: new Samples(), withOutbox: new Samples() }
    const byIntent = new Map<string, Samples>()
    // The store checkpoints its WAL between calls (Store.checkpointSoon); time those too.
    const checkpoints = new Samples()
    const pragma = db.pragma.bind(db)
    db.pragma = ((source: string, options?: Database.PragmaOptions) => {
      if (!source.startsWith('wal_checkpoint')) return pragma(source, options)
      let result: unknown
      checkpoints.time(() => (result = pragma(source, options)))
      return result
    }) as typeof db.pragma
    const writesStarted = performance.now()
    for (let i = 0; i < WRITES; i++) {
      const kind = random.weighted(INTENT_MIX)
      // The three variants in turn, each on its own ticket, so none gains from another's cache.
      for (const variant of ['service', 'withOutbox', 'apply'] as const) {
        const run = writeCase(kind, variant)
        const samples = new Samples()
        samples.time(run)
        writeTimes[variant].add(samples)
        if (variant === 'service')
          byIntent.set(kind, (byIntent.get(kind) ?? new Samples()).add(samples))
        // Each intent arrives as its own message in the app: the event loop turns in between.
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    const writesMs = performance.now() - writesStarted
    db.pragma = pragma

    console.log(
      `\nSwitchboard tickets, main process: ${written.tickets.toLocaleString('en')} tickets, ` +
        `${written.notes.toLocaleString('en')} notes in ${CLIENTS} clients, ` +
        `${tickets.queueCounts().open.toLocaleString('en')} tickets open ` +
        `(inventory ${(inventoryMs / 1000).toFixed(1)} s; tickets through the bulk path ${(ticketsMs / 1000).toFixed(1)} s)\n`,
    )
    // Wall times include waiting for a core when other work shares the machine; say how much.
    console.log(
      `Load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores at the end.\n`,
    )
    printTable([
      ['figure', 'Switchboard', 'reference', 'result'],
      ['queue p50, all queues', queueTimes.show(50), '', ''],
      [
        `queue p95, all queues (${queueCases.length} views × ${QUEUE_ROUNDS}, count + page of 100 with SLA)`,
        queueTimes.show(95),
        '',
        '(goal ≤ 10 ms)',
      ],
      [
        '  floor: the same SQL by hand p95',
        queueFloor.show(95),
        '',
        overFloor(queueTimes, queueFloor),
      ],
      ...queueRows,
      ['queue counts for the sidebar p95', countsTimes.show(95), '', ''],
      ['search p50, all tickets', searchAll.show(50), '', ''],
      [
        `search p95, all tickets (${typed.length} typed queries × ${ROUNDS})`,
        searchAll.show(95),
        `${likeTimes.show(95)} LIKE '%…%' scans (${LIKE_QUERIES} queries)`,
        `${faster(searchAll, likeTimes)} (goal ≤ 10 ms)`,
      ],
      [
        '  floor: the same SQL by hand p95',
        searchAllFloor.show(95),
        '',
        overFloor(searchAll, searchAllFloor),
      ],
      [
        `  queries with more than ${SEARCH_WINDOW} matches (the newest ${SEARCH_WINDOW} are searched)`,
        `${truncated} of ${typed.length}`,
        'the LIKE scans find every match',
        '',
      ],
      ...[...byKind].map(([kind, times]) => [`  ${kind} p95`, times.show(95), '', '']),
      ['search p95, open tickets', searchOpen.show(95), '', '(goal ≤ 10 ms)'],
      [
        '  floor: the same SQL by hand p95',
        searchOpenFloor.show(95),
        '',
        overFloor(searchOpen, searchOpenFloor),
      ],
      ['intent write p50', writeTimes.service.show(50), `${writeTimes.apply.show(50)}`, ''],
      [
        `intent write p99 (${WRITES} intents, outbox append included)`,
        writeTimes.service.show(99),
        `${writeTimes.apply.show(99)} same apply, no outbox`,
        '(goal ≤ 2 ms)',
      ],
      [
        '  the transaction alone: apply + outbox append p99',
        writeTimes.withOutbox.show(99),
        `${writeTimes.apply.show(99)} apply only`,
        '',
      ],
      [
        `  WAL checkpoints between the writes (${checkpoints.wall.length}) p50`,
        checkpoints.show(50),
        `${(writesMs / 1000).toFixed(1)} s for all ${3 * WRITES} writes, checkpoints included`,
        '',
      ],
      ...[...byIntent].map(([kind, times]) => [
        `  ${kind} p99 (${times.wall.length})`,
        times.show(99),
        '',
        '',
      ]),
    ])
  } finally {
    services.dispose()
    rmSync(root, { recursive: true, force: true })
  }
}

type WriteKind =
  'create' | 'setStatus' | 'assign' | 'setPriority' | 'addNote' | 'addTimeEntry' | 'update'
const INTENT_MIX: ReadonlyArray<readonly [WriteKind, number]> = [
  ['create', 1],
  ['update', 1],
  ['setStatus', 2],
  ['assign', 2],
  ['setPriority', 1],
  ['addNote', 4],
  ['addTimeEntry', 2],
]

/**
 * One write of each kind in three variants: the service intent as a handler calls it; the
 * same mutation applied and appended in one transaction; and applied without the outbox.
 */
function intentWrites(services: ReturnType<typeof createServices>, random: Random) {
  const { tickets, store } = services
  const db = store.db
  const openTickets = db
    .prepare(
      "SELECT id FROM tickets WHERE is_open = 1 AND status != 'new' ORDER BY random() LIMIT 5000",
    )
    .pluck()
    .all() as string[]
  const clientIds = db.prepare('SELECT id FROM clients').pluck().all() as string[]
  const statusOf = db.prepare('SELECT status FROM tickets WHERE id = ?').pluck()
  const me = tickets.me
  const impacts: ImpactLevel[] = ['high', 'medium', 'low']
  const stamp = () => ({ at: Date.now(), actor: me })

  /** A mutation like the one the service would build for this kind. */
  const mutation = (kind: WriteKind, id: string): TicketMutation => {
    const at = Date.now()
    switch (kind) {
      case 'create': {
        const ticketId = timeOrderedId(at)
        return {
          intent: 'tickets.create',
          payload: {
            ...stamp(),
            id: ticketId,
            number: tickets.installation.takeNumber(),
            clientId: random.pick(clientIds),
            siteId: null,
            devices: [],
            subject: 'Bench printer offline again',
            description: 'Opened by the bench',
            contact: { name: null, email: null, phone: null },
            type: 'incident',
            board: 'Service Desk',
            impact: 'medium',
            urgency: 'high',
            priority: null,
            assignee: me,
            dueAt: null,
          },
        }
      }
      case 'update':
        return {
          intent: 'tickets.update',
          payload: { ...stamp(), id, changes: { subject: `Bench subject ${random.int(1, 1e9)}` } },
        }
      case 'setStatus':
        return { intent: 'tickets.setStatus', payload: { ...stamp(), id, status: nextStatus(id) } }
      case 'assign':
        return {
          intent: 'tickets.assign',
          payload: { ...stamp(), id, assignee: random.pick([me, 'Priya Shah', null]) },
        }
      case 'setPriority':
        return {
          intent: 'tickets.setPriority',
          payload: { ...stamp(), id, impact: random.pick(impacts), urgency: random.pick(impacts) },
        }
      case 'addNote':
        return {
          intent: 'tickets.addNote',
          payload: {
            ...stamp(),
            ticketId: id,
            noteId: timeOrderedId(at),
            body: 'Called the user back, the printer works again after a restart.',
            visibility: 'internal',
            isPlan: false,
          },
        }
      case 'addTimeEntry':
        return {
          intent: 'tickets.addTimeEntry',
          payload: {
            ...stamp(),
            ticketId: id,
            entryId: timeOrderedId(at),
            technician: me,
            startedAt: null,
            endedAt: null,
            durationMinutes: 15,
            billable: true,
            workType: 'remote',
            note: 'Remote session',
            sessionId: null,
            recordingId: null,
          },
        }
    }
  }
  // Among statuses that keep the ticket open, so the same tickets can take many writes.
  const nextStatus = (id: string): TicketStatus => {
    const current = statusOf.get(id) as TicketStatus
    const open = TICKET_TRANSITIONS[current].filter((s) => s !== 'resolved' && s !== 'closed')
    return random.pick(open)
  }
  const service = (kind: WriteKind, id: string) => {
    switch (kind) {
      case 'create':
        return tickets.create({
          clientId: random.pick(clientIds),
          deviceIds: [],
          subject: 'Bench printer offline again',
          description: 'Opened by the bench',
          type: 'incident',
          board: 'Service Desk',
          impact: 'medium',
          urgency: 'high',
          assignee: me,
        })
      case 'update':
        return tickets.update({ id, subject: `Bench subject ${random.int(1, 1e9)}` })
      case 'setStatus':
        return tickets.setStatus({ id, status: nextStatus(id) })
      case 'assign':
        return tickets.assign({ id, assignee: random.pick([me, 'Priya Shah', null]) })
      case 'setPriority':
        return tickets.setPriority({
          id,
          impact: random.pick(impacts),
          urgency: random.pick(impacts),
        })
      case 'addNote':
        return tickets.addNote({
          ticketId: id,
          body: 'Called the user back, the printer works again after a restart.',
          visibility: 'internal',
          isPlan: false,
        })
      case 'addTimeEntry':
        return tickets.addTimeEntry({
          ticketId: id,
          durationMinutes: 15,
          billable: true,
          workType: 'remote',
          note: 'Remote session',
        })
    }
  }

  return (kind: WriteKind, variant: 'service' | 'withOutbox' | 'apply'): (() => void) => {
    const id = random.pick(openTickets)
    if (variant === 'service') return () => void service(kind, id)
    // Built before the clock starts: the service builds its mutation inside its timing, but
    // that is a few object literals; the reference must not be charged for the bench's reads.
    const m = mutation(kind, id)
    const ticketId = 'ticketId' in m.payload ? m.payload.ticketId : m.payload.id
    const entityId =
      m.intent === 'tickets.addNote'
        ? m.payload.noteId
        : m.intent === 'tickets.addTimeEntry'
          ? m.payload.entryId
          : ticketId
    if (variant === 'apply')
      return () => void store.transaction(() => tickets.writer.apply(m, null))
    return () =>
      void store.transaction(() => {
        const mutationId = tickets.outbox.append(m, { entityId, ticketId }, {}, m.payload.at)
        tickets.writer.apply(m, mutationId)
      })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
