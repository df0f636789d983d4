/**
 * Deliberate faults the crash loop can start its host with (never the app), to show that its
 * checks fail when durability is broken: `npm run bench:crash -- --fault X`. Each one replaces
 * how a ticket intent commits, through the host's `intentCommit` seam (services/ports.ts).
 */
import type { IntentCommit } from '../services/ports'
import type { Store } from '../services/store/store'

/**
 * The classic durability bug: batch intents into one transaction committed 20 ms after the
 * first reply, so a kill in between loses intents the caller was told were saved.
 */
function commitAfterReply(): IntentCommit {
  let batch: Store | null = null
  return (store, work) => {
    const { db } = store
    if (batch === null) {
      db.exec('BEGIN IMMEDIATE')
      batch = store
      setTimeout(() => {
        db.exec('COMMIT')
        batch = null
      }, 20)
    }
    db.exec('SAVEPOINT intent')
    try {
      const result = work()
      db.exec('RELEASE intent')
      return result
    } catch (error) {
      db.exec('ROLLBACK TO intent')
      db.exec('RELEASE intent')
      throw error
    }
  }
}

/** The faults by name, each a fresh commit function for one host. */
export const CRASH_FAULTS = {
  'commit-after-reply': commitAfterReply,
} as const satisfies Record<string, () => IntentCommit>
export type CrashFault = keyof typeof CRASH_FAULTS

export function isCrashFault(name: string): name is CrashFault {
  return Object.hasOwn(CRASH_FAULTS, name)
}

/** Where the crash loop names the fault for the host it starts (crash-host.ts reads it). */
export const CRASH_FAULT_ENV = 'SWITCHBOARD_CRASH_FAULT'
