import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../testing/temp-dir'
import { runCrashLoop } from '../../testing/crash-loop'

const tempDir = useTempDirs()
const KILLS = Number(process.env.SWITCHBOARD_CRASH_KILLS ?? 200)
/** A failing run prints its seed; set it here to replay the same intents and kill moments. */
const SEED = process.env.SWITCHBOARD_CRASH_SEED

describe('tickets under kill -9', () => {
  it(
    `keeps every acknowledged intent exactly once, in order, across ${KILLS} SIGKILLs of the host`,
    async () => {
      const report = await runCrashLoop({
        kills: KILLS,
        workDir: tempDir(),
        ...(SEED === undefined ? {} : { seed: Number(SEED) }),
      })
      const summary =
        `seed ${report.seed}: ${report.kills} kills, ${report.acknowledged} acknowledged of ` +
        `${report.sent} sent, ${report.committedUnacknowledged} committed without a reply, ` +
        `${(report.durationMs / 1000).toFixed(0)} s`
      expect(report.failures, summary).toEqual([])
      expect(report.kills).toBe(KILLS)
      // The loop has to have done something worth checking.
      expect(report.acknowledged).toBeGreaterThan(KILLS)
      expect(report.committedUnacknowledged).toBeGreaterThan(0)
      console.log(summary)
    },
    15 * 60_000,
  )
})
