/**
 * The kill -9 loop shared by the crash test and `npm run bench:crash`: the real headless host
 * as a child process, random ticket intents pipelined over its WebSocket, SIGKILL at a random
 * moment, restart, check the store (crash-check.ts), again. Each kill lands somewhere else:
 * while the store opens, before the first intent, after some replies, after a few
 * milliseconds of a burst.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { TicketStatus } from '../../shared/domain/tickets'
import { RpcError } from '../../shared/rpc/errors'
import { CRASH_FAULT_ENV, type CrashFault } from './crash-faults'
import { bundleHeadlessHost } from './headless-bundle'
import { launchHeadlessChild, startHeadlessChild, type HeadlessChild } from './headless-child'
import { connectRpc, type WsRpcConnection } from './ws-rpc-client'
import { Random } from '../../shared/base/seeded-random'
import { CrashChecker, type AckedIntent } from './crash-check'
import { IntentPlanner, type KnownTicket } from './crash-intents'

/** When a round's SIGKILL is sent. */
export const KILL_MOMENTS = ['while-starting', 'right-away', 'after-replies', 'after-ms'] as const
export type KillMoment = (typeof KILL_MOMENTS)[number]

export interface CrashLoopOptions {
  kills: number
  /** An empty temp dir for the bundle, the data dir and the code cache. */
  workDir: string
  seed?: number
  /** A deliberate fault the host starts with (to prove the checks can fail). */
  fault?: CrashFault
  /** Stops after the first check that finds a problem (default true). */
  stopAtFirstFailure?: boolean
  onProgress?: (done: { kills: number; acknowledged: number; elapsedMs: number }) => void
}

export interface CrashLoopReport {
  seed: number
  kills: number
  killsByMoment: Record<KillMoment, number>
  /** Intents sent, and of those the ones whose reply came back before the kill. */
  sent: number
  acknowledged: number
  /** Outbox rows whose reply was lost to a kill (committed, never acknowledged). */
  committedUnacknowledged: number
  /** Unexpected error replies and problems the checks found, in words. */
  failures: string[]
  durationMs: number
  bundleMs: number
  /** Spawn to ready line, per start. */
  startMs: number[]
  checkMs: number[]
}

const MOMENT_WEIGHTS: ReadonlyArray<readonly [KillMoment, number]> = [
  ['while-starting', 1],
  ['right-away', 2],
  ['after-replies', 9],
  ['after-ms', 8],
]
/** A round that has not killed its host by then is a bug in the loop, not a slow host. */
const ROUND_LIMIT_MS = 10_000

/** Runs `kills` rounds of intents and SIGKILLs against one store, checking after each. */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const started = performance.now()
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31)
  const random = new Random(seed)
  const dataDir = join(options.workDir, 'data')
  const compileCacheDir = join(options.workDir, 'compile-cache')
  mkdirSync(dataDir, { recursive: true })
  const dbFile = join(dataDir, 'switchboard.db')
  const stopAtFirstFailure = options.stopAtFirstFailure ?? true

  let bundleMs = performance.now()
  const entry = await bundleHeadlessHost(
    join(options.workDir, 'host'),
    options.fault === undefined ? {} : { entry: 'src/main/testing/crash-host.ts' },
  )
  const childOptions = {
    compileCacheDir,
    ...(options.fault === undefined ? {} : { env: { [CRASH_FAULT_ENV]: options.fault } }),
  }
  bundleMs = performance.now() - bundleMs

  const report: CrashLoopReport = {
    seed,
    kills: 0,
    killsByMoment: { 'while-starting': 0, 'right-away': 0, 'after-replies': 0, 'after-ms': 0 },
    sent: 0,
    acknowledged: 0,
    committedUnacknowledged: 0,
    failures: [],
    durationMs: 0,
    bundleMs,
    startMs: [],
    checkMs: [],
  }
  const acked: AckedIntent[] = []
  const checker = new CrashChecker(dbFile)
  const planner = new IntentPlanner(random, `s${seed.toString(36)}`)

  const start = async (): Promise<HeadlessChild> => {
    const t = performance.now()
    const host = await startHeadlessChild(entry, dataDir, childOptions)
    report.startMs.push(performance.now() - t)
    return host
  }
  const check = (when: string): boolean => {
    const t = performance.now()
    const problems = checker.check(acked)
    report.checkMs.push(performance.now() - t)
    report.failures.push(...problems.map((p) => `${when}: ${p}`))
    return problems.length === 0
  }

  // Two clients for the tickets, made before any kill.
  let host = await start()
  {
    const connection = await connectRpc(host.port, host.token)
    for (const code of ['CRASHA', 'CRASHB']) {
      await connection.client.inventory.createClient({ name: `Crash ${code}`, shortCode: code })
    }
    connection.close()
  }

  try {
    for (let round = 1; round <= options.kills; round++) {
      const moment = random.weighted(MOMENT_WEIGHTS)
      report.killsByMoment[moment] += 1
      if (moment === 'while-starting') {
        // The previous round's host is still up: end it the same way first.
        await host.kill('SIGKILL')
        const launching = launchHeadlessChild(entry, dataDir, childOptions)
        await delay(random.int(0, 250))
        await launching.kill('SIGKILL')
        report.kills += 1
        host = await start()
      } else {
        planner.reset(...readPrediction(dbFile))
        const counts = await burst(host, planner, random, moment, round, acked)
        report.sent += counts.sent
        report.failures.push(...counts.failures.map((f) => `round ${round}: ${f}`))
        report.kills += 1
        host = await start()
      }
      const ok = check(`after kill ${round} (${moment})`)
      options.onProgress?.({
        kills: report.kills,
        acknowledged: acked.length,
        elapsedMs: performance.now() - started,
      })
      if (!ok && stopAtFirstFailure) break
    }
  } finally {
    await host.kill('SIGTERM')
  }

  report.acknowledged = acked.length
  const acknowledged = new Set(acked.map((a) => a.reply.mutationId))
  report.committedUnacknowledged = outboxIds(dbFile).filter((id) => !acknowledged.has(id)).length
  report.durationMs = performance.now() - started
  return report
}

/**
 * One round: a few connections, each keeping several intents in flight, until the host is
 * killed at `moment`. Returns after the process is gone and every call has settled.
 */
async function burst(
  host: HeadlessChild,
  planner: IntentPlanner,
  random: Random,
  moment: Exclude<KillMoment, 'while-starting'>,
  round: number,
  acked: AckedIntent[],
): Promise<{ sent: number; failures: string[] }> {
  const lanes = random.int(1, 3)
  const connections = await Promise.all(
    Array.from({ length: lanes }, () => connectRpc(host.port, host.token)),
  )
  const failures: string[] = []
  const settling: Array<Promise<void>> = []
  let sent = 0
  let killed = false
  const killAfterReplies = random.int(1, 60)
  let replies = 0
  const kill = (): void => {
    if (killed) return
    killed = true
    host.process.kill('SIGKILL')
  }

  const pump = (connection: WsRpcConnection, lane: number, depth: number): void => {
    let inFlight = 0
    const fill = (): void => {
      while (!killed && inFlight < depth) {
        const planned = planner.next(lane, lanes)
        sent += 1
        inFlight += 1
        settling.push(
          planned.send(connection.client).then(
            (reply) => {
              acked.push({
                round,
                connection: `${round}.${lane}`,
                intent: planned.intent,
                tag: planned.tag,
                reply,
              })
              replies += 1
              if (moment === 'after-replies' && replies >= killAfterReplies) kill()
              inFlight -= 1
              fill()
            },
            (error: unknown) => {
              inFlight -= 1
              if (error instanceof RpcError && error.code === 'UNAVAILABLE') return
              failures.push(`${planned.intent} ${planned.tag} failed: ${describe(error)}`)
            },
          ),
        )
      }
    }
    fill()
  }

  connections.forEach((connection, lane) => pump(connection, lane, random.int(2, 16)))
  const guard = setTimeout(() => {
    failures.push(`the host was still up after ${ROUND_LIMIT_MS} ms (moment ${moment})`)
    kill()
  }, ROUND_LIMIT_MS)
  if (moment === 'right-away') kill()
  else if (moment === 'after-ms') setTimeout(kill, random.int(0, 40))

  await host.exited
  clearTimeout(guard)
  if (!killed) failures.push(`the host exited by itself:\n${host.stderr()}`)
  await Promise.all(connections.map((c) => c.closed))
  await Promise.all(settling)
  for (const c of connections) c.close()
  return { sent, failures }
}

/** The clients and tickets as the store has them now, for the planner's prediction. */
function readPrediction(dbFile: string): [string[], Array<Omit<KnownTicket, 'lane'>>] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const clients = db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as string[]
    const tickets = db
      .prepare(
        `SELECT t.id, t.status, r.id AS timer FROM tickets t
         LEFT JOIN ticket_timers r ON r.ticket_seq = t.seq ORDER BY t.seq`,
      )
      .all() as Array<{ id: string; status: TicketStatus; timer: string | null }>
    return [clients, tickets]
  } finally {
    db.close()
  }
}

function outboxIds(dbFile: string): number[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT mutation_id FROM ticket_outbox').pluck().all() as number[]
  } finally {
    db.close()
  }
}

function describe(error: unknown): string {
  return error instanceof RpcError
    ? `${error.code} ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error)
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
