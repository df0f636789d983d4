/**
 * What went wrong, in the domain's words. Services throw these; each transport maps them to its
 * own codes in one place (the RPC server's for the app), so no service imports a transport.
 */
export type DomainErrorCode =
  /** The request itself is wrong: a bad value, a move the rules do not allow. */
  | 'invalid'
  /** The thing asked for does not exist (or is not the caller's to see). */
  | 'not-found'
  /** The request clashes with the current state: a duplicate, something already done. */
  | 'conflict'
  /** The caller may not do this now: the vault is locked, a passphrase is wrong. */
  | 'forbidden'
  /** Something this needs is out of reach for now: a host, the team server, a busy file. */
  | 'unavailable'
  /** Stored data is damaged; the message says what to do about it. */
  | 'damaged'

/** Which field of the request is wrong, and why, so a form can mark the field itself. */
export interface DomainIssue {
  path: (string | number)[]
  message: string
}

/**
 * An expected failure meant for the person at the keyboard. Its message crosses to the
 * renderer as is, so it must never contain a secret.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode
  readonly issues: DomainIssue[] | undefined

  constructor(code: DomainErrorCode, message: string, issues?: DomainIssue[]) {
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.issues = issues
  }
}
