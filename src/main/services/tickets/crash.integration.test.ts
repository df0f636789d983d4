import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../testing/temp-dir'
import { runCrashLoop } from './crash-loop'

const tempDir = useTempDirs()
const KILLS = Number(process.env.SWITCHBOARD_CRASH_KILLS ?? 200)

describe('tickets under kill -9', () => {
  it(
    `keeps every acknowledged intent exactly once, in order, across ${KILLS} SIGKILLs of the host`,
    async () => {
      const report = await runCrashLoop({ kills: KILLS, workDir: tempDir() })
      const summary = `seed ${report.seed}: ${report.kills} kills, ${report.acknowledged} acknowledged of ${report.sent} sent, ${report.committedUnacknowledged} committed without a reply`
      expect(report.failures, summary).toEqual([])
      expect(report.kills).toBe(KILLS)
      // The loop has to have done something worth checking.
      expect(report.acknowledged).toBeGreaterThan(KILLS)
      console.log(summary)
    },
    10 * 60_000,
  )
})
