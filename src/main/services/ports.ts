import type { Store } from './store/store'

/** What the services need from whichever host runs them (Electron or the headless host). */

export interface AppPaths {
  /** Where the SQLite store, recordings and logs live. */
  dataDir: string
}

export interface Clock {
  now(): number
}

export interface Logger {
  info(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

/** One warning or error as the log kept it, already censored. */
export interface LogRecord {
  time: string
  level: 'warn' | 'error'
  message: string
  /** The detail as written to the log (JSON or a stack), cut to 2,000 characters. */
  detail: string | null
}

/** What a technician sends when something went wrong: where the log is, what it said lately. */
export interface LogFacts {
  /** The current log file; null where the host keeps none. */
  readonly file: string | null
  /** The most recent warnings and errors, oldest first. */
  recent(): LogRecord[]
}

/** Hands an already-approved URL to the OS; the headless host leaves it to the browser. */
export interface ExternalOpener {
  readonly kind: 'host' | 'renderer'
  open(url: string): Promise<void>
}

/**
 * The OS keychain (Electron's safeStorage). Null in the headless host, and where the OS would
 * keep keys in plain text (safeStorage's basic_text backend): the vault then asks for a master
 * passphrase instead.
 */
export interface OsKeychain {
  encrypt(plain: Buffer): Buffer
  decrypt(sealed: Buffer): Buffer
}

export interface HostPorts {
  mode: 'electron' | 'browser'
  version: string
  paths: AppPaths
  clock: Clock
  logger: Logger
  /** The logger's file and recent problems, for diagnostics; absent where there is no file. */
  log?: LogFacts
  opener: ExternalOpener
  /** The technician using this installation, for the audit log. */
  technician: string
  osKeychain: OsKeychain | null
  /**
   * How a ticket intent's writes (mutation and outbox entry) commit. Hosts leave it out and get
   * one IMMEDIATE transaction per intent; only the crash tooling sets it, to start a host with
   * a deliberate durability fault and see its checks catch it (src/main/testing/crash-faults.ts).
   */
  intentCommit?: IntentCommit
}

/** Runs `work` so that its writes are durable, all or none, when it returns. */
export type IntentCommit = <T>(store: Store, work: () => T) => T

/** One IMMEDIATE transaction per intent: what every real host uses. */
export const commitInOneTransaction: IntentCommit = (store, work) => store.transaction(work)

export const systemClock: Clock = { now: () => Date.now() }
