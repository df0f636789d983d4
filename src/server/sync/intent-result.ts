import type { MutationOutcome } from '../../shared/sync/protocol'

/** What applying one pushed intent came to, and whose listeners to tell. */
export interface IntentResult {
  outcome: MutationOutcome
  /** The client whose rows changed (its listeners are poked at commit), or null. */
  changedClientId: string | null
  /** The handler sent its own pg_notify already (a round trip less, or another channel). */
  notified?: boolean
}
