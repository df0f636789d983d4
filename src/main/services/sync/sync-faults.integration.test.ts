/**
 * Team sync under faults (issue 16): 100 rounds, each with one fault on a push or a pull
 * through a TCP proxy (network cut, connection reset, answer lost after commit, the server
 * SIGKILLed mid-batch and restarted on its data dir), then the invariants: the server holds
 * the intents, each applied once, and the installation's store equals the server's tickets.
 * SYNC_FAULTS_SEED=<n> replays a failing run (SYNC_FAULTS_COUNT and SYNC_FAULTS_CHECK_EVERY
 * shorten it or check more often); `npm run bench:sync-faults` runs 1,000.
 */
import { describe, expect, it } from 'vitest'
import { testHostPorts } from '../../testing/host-ports'
import { runSyncFaultLoop, SYNC_FAULT_KINDS } from '../../testing/sync-fault-loop'
import { useTempDirs } from '../../testing/temp-dir'

const tempDir = useTempDirs()
const FAULTS = Number(process.env.SYNC_FAULTS_COUNT ?? 100)

describe('team sync under network and server faults', () => {
  it(`${FAULTS} random faults: every intent reaches the server once and the installation matches it`, async () => {
    const seed = process.env.SYNC_FAULTS_SEED ? Number(process.env.SYNC_FAULTS_SEED) : undefined
    const report = await runSyncFaultLoop({
      faults: FAULTS,
      restarts: 2,
      checkEvery: Number(process.env.SYNC_FAULTS_CHECK_EVERY ?? 25),
      workDir: tempDir(),
      ports: (dataDir) =>
        testHostPorts(dataDir, { clock: { now: () => Date.now() }, technician: 'faye' }),
      ...(seed !== undefined ? { seed } : {}),
    })
    const replay = `replay with SYNC_FAULTS_SEED=${report.seed}`
    expect(report.failures, replay).toEqual([])
    expect(report.rounds, replay).toBe(FAULTS)
    for (const kind of SYNC_FAULT_KINDS) expect(report.faultsByKind[kind], kind).toBeGreaterThan(0)
    expect(report.restarts).toBe(2)
    // Most faults must break a cycle, or the loop is not testing recovery at all.
    expect(report.faultsFelt, replay).toBeGreaterThan(FAULTS / 2)
    expect(report.checks).toBeGreaterThanOrEqual(Math.ceil(FAULTS / 25))
    console.log(JSON.stringify(report))
  }, 300_000)
})
