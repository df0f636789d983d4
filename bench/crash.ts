/**
 * The kill -9 crash loop at bench size: the real headless host as a child process, random
 * ticket intents pipelined over its WebSocket, SIGKILL at random moments, and after every
 * restart the store checks of crash-check.ts (integrity, every acknowledged intent exactly
 * once and in order, outbox ids never reused). Prints kills, acknowledged intents, time and
 * every failure. `npm test` runs the same loop with 200 kills.
 *
 *   npm run bench:crash                         1,000 kills
 *   npm run bench:crash -- --kills 50 --seed 7  fewer kills, a given seed
 *   npm run bench:crash -- --fault commit-after-reply
 *       starts the host with a deliberate fault (commits a batch 20 ms after replying),
 *       to see the checks catch lost acknowledged intents
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CRASH_FAULTS, isCrashFault } from '../src/main/testing/crash-faults'
import { runCrashLoop } from '../src/main/testing/crash-loop'
import { median, ms, percentile, printTable } from './stats'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: process.env.BENCH_CRASH_KILLS ?? '1000' },
      seed: { type: 'string' },
      fault: { type: 'string' },
      'keep-going': { type: 'boolean', default: false },
    },
  })
  const kills = Number(values.kills)
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`--kills must be a positive number`)
  const fault = values.fault
  if (fault !== undefined && !isCrashFault(fault)) {
    throw new Error(`--fault must be one of ${Object.keys(CRASH_FAULTS).join(', ')}`)
  }
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-crash-'))
  try {
    const report = await runCrashLoop({
      kills,
      workDir,
      ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
      ...(fault === undefined ? {} : { fault }),
      stopAtFirstFailure: !values['keep-going'],
      onProgress: ({ kills: done, acknowledged, elapsedMs }) => {
        if (done % 100 === 0) {
          console.log(
            `  ${done} kills, ${acknowledged} acknowledged, ${(elapsedMs / 1000).toFixed(0)} s`,
          )
        }
      },
    })
    console.log(
      `\nSwitchboard tickets under kill -9${fault ? ` (deliberate fault: ${fault})` : ''}, seed ${report.seed}\n`,
    )
    printTable([
      ['figure', 'value', 'note'],
      [
        'kills (SIGKILL of the host)',
        String(report.kills),
        Object.entries(report.killsByMoment)
          .map(([moment, n]) => `${moment} ${n}`)
          .join(', '),
      ],
      ['intents sent', String(report.sent), ''],
      ['intents acknowledged', String(report.acknowledged), 'each checked after every restart'],
      [
        'committed, reply lost to the kill',
        String(report.committedUnacknowledged),
        'allowed: present once, never twice',
      ],
      ['time', `${(report.durationMs / 1000).toFixed(1)} s`, `bundle ${ms(report.bundleMs)}`],
      [
        'host start to ready (median / p95)',
        `${ms(median(report.startMs))} / ${ms(percentile(report.startMs, 95))}`,
        `${report.startMs.length} starts`,
      ],
      [
        'store check after restart (median / p95)',
        `${ms(median(report.checkMs))} / ${ms(percentile(report.checkMs, 95))}`,
        '',
      ],
      ['failures', String(report.failures.length), report.failures.length ? 'listed below' : ''],
    ])
    for (const failure of report.failures.slice(0, 50)) console.log(`  ✗ ${failure}`)
    if (report.failures.length > 50) console.log(`  … and ${report.failures.length - 50} more`)
    if (report.failures.length > 0) process.exitCode = 1
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
