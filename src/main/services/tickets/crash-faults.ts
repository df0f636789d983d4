/**
 * Deliberate faults the crash loop can compile into the host it starts (never into the app),
 * to show that its checks fail when durability is broken: `npm run bench:crash -- --fault X`.
 */
import type { SourcePatch } from '../../testing/headless-bundle'

const SERVICE = 'src/main/services/tickets/ticket-service.ts'
const INTENT_TRANSACTION = 'this.deps.store.transaction(() => {'

/** The classic durability bug: batch intents into one transaction committed after the reply. */
const commitAfterReply: SourcePatch = {
  file: SERVICE,
  patch: (source) => {
    if (!source.includes(INTENT_TRANSACTION)) {
      throw new Error(`${SERVICE} no longer runs intents through "${INTENT_TRANSACTION}"`)
    }
    return (
      source.replace(INTENT_TRANSACTION, '__commitLater(this.deps.store.db, () => {') +
      `
let __batchOpen = false
function __commitLater<T>(db: import('better-sqlite3').Database, work: () => T): T {
  if (!__batchOpen) {
    db.exec('BEGIN IMMEDIATE')
    __batchOpen = true
    setTimeout(() => {
      db.exec('COMMIT')
      __batchOpen = false
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
`
    )
  },
}

/** The faults by name. */
export const CRASH_FAULTS = {
  'commit-after-reply': commitAfterReply,
} as const satisfies Record<string, SourcePatch>
export type CrashFault = keyof typeof CRASH_FAULTS
