/**
 * The team-sync fault loop at bench size: the real team server (PGlite) behind a TCP proxy,
 * one installation signed in through it, and 1,000 rounds of random ticket intents each synced
 * through one fault (network cut, connection reset, answer lost after commit, the server
 * SIGKILLed mid-batch and restarted on its data dir). Every 25 rounds and at the end the
 * server is read directly and checked: each intent applied exactly once, the installation's
 * store equal to the server's tickets. `npm test` runs the same loop with 100 faults.
 *
 *   npm run bench:sync-faults                                1,000 faults, 50 of them restarts
 *   npm run bench:sync-faults -- --faults 200 --restarts 5 --seed 7
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runSyncFaultLoop } from '../src/main/testing/sync-fault-loop'
import { benchPorts } from './host-ports'
import { printTable } from './stats'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      faults: { type: 'string', default: '1000' },
      restarts: { type: 'string' },
      seed: { type: 'string', default: process.env.SYNC_FAULTS_SEED },
    },
  })
  const faults = Number(values.faults)
  if (!Number.isInteger(faults) || faults < 1) throw new Error('--faults must be a positive number')
  const restarts = Number(values.restarts ?? Math.round(faults / 20))
  if (!Number.isInteger(restarts) || restarts < 0 || restarts > faults) {
    throw new Error('--restarts must be a number from 0 to --faults')
  }
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sync-faults-'))
  try {
    const report = await runSyncFaultLoop({
      faults,
      restarts,
      workDir,
      ports: benchPorts,
      ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
      onProgress: ({ rounds, mutations, elapsedMs }) => {
        if (rounds % 100 === 0) {
          console.log(
            `  ${rounds} faults, ${mutations} mutations, ${(elapsedMs / 1000).toFixed(0)} s`,
          )
        }
      },
    })
    const held = report.failures.length === 0
    console.log(`\nSwitchboard team sync under faults, seed ${report.seed}\n`)
    printTable([
      ['figure', 'value', 'note'],
      ['rounds', String(report.rounds), 'one fault each, on a push or a pull'],
      ...Object.entries(report.faultsByKind).map(([kind, n]) => [`  ${kind}`, String(n), '']),
      [
        'faults the app felt',
        String(report.faultsFelt),
        'a sync cycle failed and was retried (the rest landed after the answer was read)',
      ],
      ['mutations', String(report.mutations), 'ticket intents, each one outbox row'],
      [
        'server restarts',
        String(report.restarts),
        'SIGKILL mid-batch, then serve on the same data dir',
      ],
      ['invariant checks', String(report.checks), 'server read directly, not through the proxy'],
      ['time', `${(report.durationMs / 1000).toFixed(1)} s`, ''],
      ['invariants held', held ? 'yes' : 'NO', held ? '' : `replay with --seed ${report.seed}`],
    ])
    for (const failure of report.failures.slice(0, 50)) console.log(`  ✗ ${failure}`)
    if (!held) process.exitCode = 1
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
