/**
 * The team-sync fault loop shared by the fault test and `npm run bench:sync-faults`: the real
 * team server (a child process on PGlite) behind a TCP proxy the loop controls, and one
 * installation (the real services) signed in through the proxy. Each round the installation
 * makes a few random ticket intents and its engine syncs them while one fault lands on a push
 * or a pull: the network cut, the connection reset, the answer lost after the server
 * committed, or the server killed and restarted on its data directory. After every round the
 * installation must get back to synced by itself; every few rounds, and at the end, the
 * server's state is read directly (not through the proxy) and checked against the intents
 * and against the installation's store.
 */
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { SyncStatus } from '../../shared/contract/sync'
import { Random } from '../../shared/base/seeded-random'
import { TicketSnapshot } from '../../shared/domain/tickets'
import { PullResponse } from '../../shared/sync/protocol'
import type { Services } from '../services'
import type { HostPorts } from '../services/ports'
import type { SyncTiming } from '../services/sync/sync-engine'
import { IntentPlanner } from './crash-intents'
import { readTicketSnapshot } from '../services/tickets/snapshot-reader'
import { serveOverMemory } from './rpc-harness'
import { startTcpProxy, type ProxiedConnection, type TcpProxy } from './tcp-proxy'
import { openTeamInstallation, signInToTeam } from './team-installation'
import { startTeamServerChild, type TeamServerChild } from './team-server-child'

/** Where a round's fault lands. */
export const SYNC_FAULT_KINDS = [
  /** The network goes away (proxy refuses and resets) during a push; back once the app noticed. */
  'cut-push',
  'cut-pull',
  /** The one connection carrying a push (or pull) is reset, before or after the server got it. */
  'reset-push',
  'reset-pull',
  /** The answer is cut off after the server committed: the app must retry, not re-apply. */
  'lost-push-response',
  'lost-pull-response',
  /** The server process is SIGKILLed during a push batch and started again on its data dir. */
  'server-restart',
] as const
export type SyncFaultKind = (typeof SYNC_FAULT_KINDS)[number]

export interface SyncFaultLoopOptions {
  faults: number
  /** How many of the faults are server restarts (the slowest kind: a new process each). */
  restarts: number
  /** An empty temp dir for the installation's data. */
  workDir: string
  /** Host ports for the installation's services on `dataDir`. */
  ports: (dataDir: string) => HostPorts
  seed?: number
  /** Check the server against the intents every this many rounds (and always at the end). */
  checkEvery?: number
  /** Bounds each wait for the installation to get back to synced. */
  recoverTimeoutMs?: number
  onProgress?: (done: { rounds: number; mutations: number; elapsedMs: number }) => void
}

export interface SyncFaultLoopReport {
  seed: number
  rounds: number
  faultsByKind: Record<SyncFaultKind, number>
  /** Faults after which a sync cycle failed (the others landed where the app did not notice). */
  faultsFelt: number
  /** Intents made (each one outbox mutation). */
  mutations: number
  restarts: number
  checks: number
  /** What went wrong, in words; empty when every invariant held. */
  failures: string[]
  durationMs: number
}

const TIMING: Partial<SyncTiming> = {
  pushDebounceMs: 5,
  fallbackPullMs: 3_600_000,
  retryMinMs: 10,
  retryMaxMs: 200,
  // Small pages: a first pull and a catch-up after a restart take several requests, so a
  // fault can land between pages.
  pullPageSize: 4,
}

/** What the intents leave a ticket as, apart from what only the server decides. */
type IntendedTicket = Omit<TicketSnapshot, 'versions' | 'writers'>

/** Runs the loop; never throws for a broken invariant or a stuck sync, it reports them. */
export async function runSyncFaultLoop(
  options: SyncFaultLoopOptions,
): Promise<SyncFaultLoopReport> {
  const started = performance.now()
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31)
  const random = new Random(seed)
  const checkEvery = options.checkEvery ?? 25
  const recoverTimeoutMs = options.recoverTimeoutMs ?? 60_000
  const report: SyncFaultLoopReport = {
    seed,
    rounds: 0,
    faultsByKind: Object.fromEntries(SYNC_FAULT_KINDS.map((k) => [k, 0])) as Record<
      SyncFaultKind,
      number
    >,
    faultsFelt: 0,
    mutations: 0,
    restarts: 0,
    checks: 0,
    failures: [],
    durationMs: 0,
  }
  const cleanups: Array<() => Promise<void> | void> = []
  try {
    const server = await startTeamServerChild()
    cleanups.push(() => server.kill())
    const proxy = await startTcpProxy(portOf(server.url))
    cleanups.push(() => proxy.close())
    const world = await setUp(server, proxy, options, random, seed)
    cleanups.push(() => {
      world.app.dispose()
    })
    const plan = faultPlan(random, options.faults, options.restarts)
    for (const kind of plan) {
      const round = report.rounds + 1
      const problem = await runRound(world, kind, random, recoverTimeoutMs).catch(
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      )
      report.rounds = round
      report.faultsByKind[kind] += 1
      if (kind === 'server-restart') report.restarts += 1
      if (typeof problem === 'string') {
        report.failures.push(`round ${round} (${kind}): ${problem}`)
        break
      }
      if (problem.felt) report.faultsFelt += 1
      options.onProgress?.({
        rounds: round,
        mutations: world.mutations,
        elapsedMs: performance.now() - started,
      })
      if (round % checkEvery === 0 || round === plan.length) {
        report.checks += 1
        const found = await checkInvariants(world, recoverTimeoutMs).catch((error: unknown) => [
          error instanceof Error ? error.message : String(error),
        ])
        if (found.length > 0) {
          report.failures.push(...found.map((f) => `check after round ${round}: ${f}`))
          break
        }
      }
    }
    report.mutations = world.mutations
  } catch (error) {
    report.failures.push(`setup: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
    report.durationMs = performance.now() - started
  }
  return report
}

interface World {
  server: TeamServerChild
  proxy: TcpProxy
  app: Services
  send: ReturnType<typeof serveOverMemory>['client']
  planner: IntentPlanner
  clientIds: string[]
  /** The ticket as the intents made it, taken from the working copy after each round. */
  intended: Map<string, IntendedTicket>
  /** Note and time-entry ids the intents created. */
  appended: Set<string>
  lastMutationId: number
  mutations: number
}

async function setUp(
  server: TeamServerChild,
  proxy: TcpProxy,
  options: SyncFaultLoopOptions,
  random: Random,
  seed: number,
): Promise<World> {
  const app = await openTeamInstallation(options.ports(join(options.workDir, 'app')), TIMING)
  try {
    // The clients exist on both sides (inventory does not travel by sync): made here, and
    // put on the team by the admin with the same ids.
    const clientIds = ['North', 'South'].map(
      (name, i) =>
        app.inventory.createClient({
          name: `${name} ${seed}`,
          shortCode: `F${i}${seed.toString(36)}`.slice(0, 10).toUpperCase(),
          contractTier: 'Standard',
          notes: '',
          onlineMinutes: 5,
          staleMinutes: 60,
        }).id,
    )
    for (const id of clientIds) {
      const { name } = app.inventory.getClient(id)
      await server.request('POST', '/v1/clients', { body: { id, name } })
    }
    const account = await server.addTechnician({ name: 'Faye', role: 'lead' })
    const step = await signInToTeam(app, proxy.url(), account.email)
    if (step.step !== 'choose-first-sync') throw new Error(`sign-in answered ${step.step}`)
    await app.sync.chooseFirstSync({ choice: 'upload' })
    const planner = new IntentPlanner(random, `sf${seed.toString(36)}`)
    planner.reset(clientIds, [])
    return {
      server,
      proxy,
      app,
      send: serveOverMemory(app).client,
      planner,
      clientIds,
      intended: new Map(),
      appended: new Set(),
      lastMutationId: 0,
      mutations: 0,
    }
  } catch (error) {
    app.dispose()
    throw error
  }
}

/** Every kind at least once, restarts exactly `restarts` times, the rest at random; shuffled. */
function faultPlan(random: Random, faults: number, restarts: number): SyncFaultKind[] {
  const others = SYNC_FAULT_KINDS.filter((k) => k !== 'server-restart')
  const plan: SyncFaultKind[] = Array.from({ length: restarts }, () => 'server-restart' as const)
  plan.push(...others.slice(0, Math.max(0, faults - plan.length)))
  while (plan.length < faults) plan.push(random.pick(others))
  for (let i = plan.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[plan[i], plan[j]] = [plan[j] as SyncFaultKind, plan[i] as SyncFaultKind]
  }
  return plan
}

/**
 * One round: arm the fault on the next push or pull, make the intents, wait for the fault to
 * land and be over, then for the installation to be synced with nothing pending.
 */
async function runRound(
  world: World,
  kind: SyncFaultKind,
  random: Random,
  recoverTimeoutMs: number,
): Promise<{ felt: boolean }> {
  const { app, proxy } = world
  const fault = armFault(world, kind, random)
  try {
    const count = random.int(1, 8)
    const touched = new Set<string>()
    for (let i = 0; i < count; i++) {
      const planned = world.planner.next(0, 1)
      const reply = await planned.send(world.send)
      world.mutations += 1
      world.lastMutationId = Math.max(world.lastMutationId, reply.mutationId)
      touched.add(reply.ticketId)
      if (APPENDING.has(planned.intent)) world.appended.add(reply.entityId)
    }
    // The working copy is always the intents' effect (the server's base plus the changes not
    // yet confirmed), since nobody else writes to these clients.
    for (const id of touched) {
      const snapshot = readTicketSnapshot(app.store.db, id)
      if (snapshot) world.intended.set(id, intendedPart(snapshot))
    }
    await withTimeout(fault.done, recoverTimeoutMs, `the ${kind} fault never landed`)
    await waitForStatus(
      app,
      (s) => s.state === 'synced' && s.pending === 0 && s.progress === null,
      recoverTimeoutMs,
      'synced with nothing pending after the fault',
    )
    return { felt: fault.felt() }
  } finally {
    fault.disarm()
    proxy.restore()
  }
}

/** Intents whose reply names a note or time entry they made. */
const APPENDING = new Set(['tickets.addNote', 'tickets.addTimeEntry', 'tickets.stopTimer'])

interface ArmedFault {
  /** Resolves once the fault has landed and whatever it broke is back (network, server). */
  done: Promise<void>
  /** Whether a sync cycle failed after it landed (so far). */
  felt(): boolean
  /** Stops waiting for the request and watching the status. */
  disarm(): void
}

function armFault(world: World, kind: SyncFaultKind, random: Random): ArmedFault {
  const { proxy, app } = world
  const target = kind.endsWith('-pull') ? 'POST /v1/sync/pull ' : 'POST /v1/sync/push '
  let felt = false
  let landed = false
  const stopWatch = app.syncStatus.onDidChange((s) => {
    if (landed && s.state === 'offline') felt = true
  })
  // Drawn now, so a seed replays the same faults whatever the timing.
  const delayMs = random.chance(0.25) ? 0 : random.int(1, 15)
  const dropAfter = random.int(0, 120)
  let resolveDone: () => void = () => {}
  let rejectDone: (error: Error) => void = () => {}
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve
    rejectDone = reject
  })
  const later = (work: () => Promise<void> | void): void => {
    const run = (): void => {
      Promise.resolve()
        .then(work)
        .then(resolveDone, (error: unknown) =>
          rejectDone(error instanceof Error ? error : new Error(String(error))),
        )
    }
    // 0: before the server sees a byte of the request; otherwise a few ms into it.
    if (delayMs === 0) run()
    else setTimeout(run, delayMs)
  }
  const land = (connection: ProxiedConnection): void => {
    landed = true
    switch (kind) {
      case 'cut-push':
      case 'cut-pull':
        later(async () => {
          proxy.cut()
          // Back once the app has seen the network gone, or finished without needing it.
          await waitForStatus(
            app,
            (s) => s.state === 'offline' || (s.state === 'synced' && s.progress === null),
            60_000,
            'offline or synced while the network is cut',
          )
          proxy.restore()
        })
        return
      case 'reset-push':
      case 'reset-pull':
        later(() => connection.reset())
        return
      case 'lost-push-response':
      case 'lost-pull-response':
        connection.dropResponseAfter(dropAfter)
        resolveDone()
        return
      case 'server-restart':
        // The request goes through first: the kill lands while the batch is being applied.
        setTimeout(() => {
          world.server
            .restart()
            .then(() => proxy.retarget(portOf(world.server.url)))
            .then(resolveDone, (error: unknown) =>
              rejectDone(error instanceof Error ? error : new Error(String(error))),
            )
        }, delayMs)
        return
    }
  }
  const stopRequests = proxy.onRequest((line, connection) => {
    if (landed || !line.startsWith(target)) return
    land(connection)
  })
  return {
    done,
    felt: () => felt,
    disarm() {
      stopRequests()
      stopWatch()
    },
  }
}

/**
 * The invariants, with the installation synced: its outbox empty and the server's last
 * mutation id for it equal to its last one; every ticket on the server as the intents made
 * it, every note and time entry once; the installation's store equal to the server's tickets
 * (versions too); no change refused, no conflict.
 */
async function checkInvariants(world: World, recoverTimeoutMs: number): Promise<string[]> {
  const { app } = world
  const problems: string[] = []
  await waitForStatus(
    app,
    (s) => s.state === 'synced' && s.pending === 0 && s.progress === null,
    recoverTimeoutMs,
    'synced before the check',
  )
  const outbox = app.tickets.outboxPage({ afterMutationId: 0, limit: 10 }).entries
  if (outbox.length > 0) {
    problems.push(`the outbox still holds ${outbox.map((e) => e.mutationId).join(', ')}`)
  }
  // The server's word, asked with the installation's own session.
  const own = await app.sync.team('POST', '/v1/sync/pull', PullResponse, {
    cursor: null,
    limit: 1,
  })
  if (own.lastMutationId !== world.lastMutationId) {
    problems.push(
      `the server's last mutation id for the installation is ${own.lastMutationId}, its last is ${world.lastMutationId}`,
    )
  }
  const rejections = app.sync.rejections().rejections
  if (rejections.length > 0) problems.push(`refused: ${JSON.stringify(rejections)}`)
  const conflicts = app.sync.conflicts().conflicts
  if (conflicts.length > 0) problems.push(`conflicts: ${JSON.stringify(conflicts)}`)

  const onServer = await serverTickets(world.server)
  const appended = new Map<string, number>()
  for (const ticket of onServer.values()) {
    for (const id of [...ticket.notes.map((n) => n.id), ...ticket.timeEntries.map((e) => e.id)]) {
      appended.set(id, (appended.get(id) ?? 0) + 1)
    }
  }
  for (const id of world.appended) {
    const times = appended.get(id) ?? 0
    if (times !== 1) problems.push(`note or time entry ${id} is on the server ${times} times`)
  }
  for (const id of appended.keys()) {
    if (!world.appended.has(id)) problems.push(`note or time entry ${id} was never made here`)
  }
  const localIds = app.store.db.prepare('SELECT id FROM tickets').pluck().all() as string[]
  const wanted = new Set([...world.intended.keys(), ...localIds, ...onServer.keys()])
  for (const id of wanted) {
    const server = onServer.get(id)
    const intended = world.intended.get(id)
    const local = readTicketSnapshot(app.store.db, id)
    if (!server) {
      problems.push(`ticket ${id} is not on the server`)
      continue
    }
    if (!intended) problems.push(`ticket ${id} on the server was never made here`)
    else if (!isDeepStrictEqual(intendedPart(server), intended)) {
      problems.push(
        `ticket ${id} on the server is not what the intents made: ${diff(intendedPart(server), intended)}`,
      )
    }
    // Which installation wrote each field last is the server's business, not kept here.
    const shared = without(server, ['writers'])
    if (!local) problems.push(`ticket ${id} is on the server but not in the installation`)
    else if (!isDeepStrictEqual(local, shared)) {
      problems.push(
        `ticket ${id} differs between the installation and the server: ${diff(shared, local)}`,
      )
    }
    if (problems.length > 20) break
  }
  return problems
}

/** Every ticket on the server, read as the admin straight from it (not through the proxy). */
async function serverTickets(server: TeamServerChild): Promise<Map<string, TicketSnapshot>> {
  const tickets = new Map<string, TicketSnapshot>()
  let cursor: PullResponse['cursor'] | null = null
  for (;;) {
    const page = PullResponse.parse(
      await server.request('POST', '/v1/sync/pull', { body: { cursor, limit: 5000 } }),
    )
    for (const change of page.changes) {
      if (change.kind !== 'ticket') continue
      if (change.doc === null) tickets.delete(change.id)
      else tickets.set(change.id, TicketSnapshot.parse(change.doc))
    }
    cursor = page.cursor
    if (!page.hasMore) return tickets
  }
}

function intendedPart(ticket: TicketSnapshot): IntendedTicket {
  return without(ticket, ['versions', 'writers'])
}

function without<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  const dropped = new Set<PropertyKey>(keys)
  return Object.fromEntries(Object.entries(value).filter(([k]) => !dropped.has(k))) as Omit<T, K>
}

/** The top-level fields that differ, with both values, for a failure message. */
function diff(server: object, other: object): string {
  const a = server as Record<string, unknown>
  const b = other as Record<string, unknown>
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys
    .filter((k) => !isDeepStrictEqual(a[k], b[k]))
    .map((k) => `${k}: server ${JSON.stringify(a[k])} / here ${JSON.stringify(b[k])}`)
    .join('; ')
}

/** Resolves when the installation's status meets `ready` (now or on a later change). */
function waitForStatus(
  app: Services,
  ready: (status: SyncStatus) => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  if (ready(app.sync.status())) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`not ${what} in ${timeoutMs} ms: ${JSON.stringify(app.sync.status())}`))
    }, timeoutMs)
    const stop = app.syncStatus.onDidChange((status) => {
      if (!ready(status)) return
      clearTimeout(timer)
      stop()
      resolve()
    })
  })
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} in ${timeoutMs} ms`)), timeoutMs)
    }),
  ]).finally(() => clearTimeout(timer))
}

function portOf(url: string): number {
  return Number(new URL(url).port)
}
