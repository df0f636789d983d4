import { describe, expect, it } from 'vitest'
import { runCrashLoop } from './crash-loop'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

describe('the crash loop with a deliberate fault', () => {
  it(
    'catches acknowledged intents lost by a host that commits after replying',
    async () => {
      // The same loop as crash.integration.test.ts; only how an intent commits differs, set
      // through the host's intentCommit seam. A check that passed here could never fail.
      const report = await runCrashLoop({
        kills: 40,
        seed: 7,
        workDir: tempDir(),
        fault: 'commit-after-reply',
      })
      expect(report.failures.join('\n')).toMatch(/is not in the outbox/)
    },
    5 * 60_000,
  )
})
