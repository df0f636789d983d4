/**
 * Sorts a failed collection into a reason the UI can act on. The SSH layer already words its
 * errors for technicians (ssh-exec.ts, describeConnectError); this only recognises them.
 */
import type { CollectionFailureReason } from '../../../shared/contract'

/** A collection failure: why, in a category and in words. */
export class CollectionFailure extends Error {
  constructor(
    readonly reason: CollectionFailureReason,
    message: string,
  ) {
    super(message)
    this.name = 'CollectionFailure'
  }
}

const PATTERNS: ReadonlyArray<readonly [RegExp, CollectionFailureReason]> = [
  [/host key .* has changed/i, 'host-key-changed'],
  [/host key .* (is not trusted|was not trusted)/i, 'host-key-untrusted'],
  [/vault is locked|vault has not been set up/i, 'vault-locked'],
  [/^Credential .* is scoped to /, 'credential-scope'],
  [/login to .* failed|no credential was accepted|more than the stored credential/i, 'auth-failed'],
  [/stored private key could not be used/i, 'auth-failed'],
  [/did not finish within/i, 'timeout'],
  [/refused the connection|unreachable|could not be found|did not answer in time/i, 'unreachable'],
  [/could not connect/i, 'unreachable'],
]

/** The failure behind an error thrown while collecting. */
export function classifyFailure(error: unknown): CollectionFailure {
  if (error instanceof CollectionFailure) return error
  const message = error instanceof Error ? error.message : String(error)
  for (const [pattern, reason] of PATTERNS) {
    if (pattern.test(message)) return new CollectionFailure(reason, message)
  }
  return new CollectionFailure('probe-failed', message)
}
