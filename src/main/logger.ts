import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { pino, type Logger as Pino } from 'pino'
import { createStream } from 'rotating-file-stream'
import type { LogFacts, LogRecord, Logger } from './services/ports'

/** The log a technician sends: in the data directory, rotated so it never grows past ~25 MB. */
export const LOG_FILE_NAME = 'switchboard.log'
const DEFAULT_FILE_SIZE = '5M'
/** Rotated files kept beside the current one: 5 files × 5 MB at most. */
const DEFAULT_ROTATED_FILES = 4
/** Warnings and errors kept in memory for "Copy diagnostics". */
const RECENT_PROBLEMS = 50

const REDACTED = '[redacted]'
/**
 * Keys whose values are secrets whatever the caller meant to log. Matched on the key name at
 * any depth, because details nest (an RPC input inside an error inside an object).
 */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|private_?key|key_?material|(data|master|api)_?key|credential|authorization|cookie|^answers?$/i
const MAX_DEPTH = 6
const MAX_STRING = 4000
const MAX_ITEMS = 50

/**
 * A copy of a log detail that is safe to write: secret-bearing keys censored at every depth,
 * bytes reduced to their length (they may be key material), errors reduced to name, code,
 * message and stack, cycles and runaway sizes cut.
 */
export function safeDetail(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)`
      : value
  }
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`
  if (seen.has(value)) return '[circular]'
  if (depth >= MAX_DEPTH) return '[too deep]'
  seen.add(value)
  if (value instanceof Error) {
    const error = value as Error & { code?: unknown; level?: unknown }
    const out: Record<string, unknown> = { name: error.name, message: safeDetail(error.message) }
    if (error.code !== undefined) out.code = safeDetail(error.code, depth + 1, seen)
    if (typeof error.level === 'string') out.level = error.level
    if (error.stack) out.stack = safeDetail(error.stack)
    if (error.cause !== undefined) out.cause = safeDetail(error.cause, depth + 1, seen)
    return out
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => safeDetail(item, depth + 1, seen))
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`)
    return items
  }
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value).slice(0, MAX_ITEMS)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : safeDetail(item, depth + 1, seen)
  }
  return out
}

function describe(detail: unknown): string {
  if (detail === undefined) return ''
  if (detail !== null && typeof detail === 'object' && 'stack' in detail) {
    const stack = (detail as { stack?: unknown }).stack
    if (typeof stack === 'string') return ` ${stack}`
  }
  try {
    return ` ${JSON.stringify(detail)}`
  } catch {
    return ` ${String(detail)}`
  }
}

export interface AppLogOptions {
  /** Names the process in every line: 'main' (Electron) or 'headless'. */
  scope: string
  /** Where the rotating log file goes; null: stderr only (tests, a second instance). */
  dir: string | null
  /** Leave info lines off stderr (they still reach the file), e.g. for `--json`. */
  quiet?: boolean
  /** Rotation size, in rotating-file-stream's notation ('5M'); small values for tests. */
  fileSize?: `${number}${'B' | 'K' | 'M' | 'G'}`
  rotatedFiles?: number
  /** Where the human-readable copy goes; process.stderr unless a test listens. */
  stderr?: { write(text: string): unknown }
}

/** The process's log: the `Logger` services get, its file, and its recent problems. */
export interface AppLog extends LogFacts {
  readonly logger: Logger
  /** Writes what is buffered and closes the file; later lines go to stderr only. */
  close(): Promise<void>
}

/**
 * One log for a host process: JSON lines through pino into a size-capped, rotating file in the
 * data directory (rotating-file-stream, in this thread: no transport worker to bundle), a
 * readable copy on stderr as before, and the last warnings and errors in memory. Every detail
 * passes `safeDetail` first, so the file, stderr and diagnostics hold the same censored text.
 */
export function createAppLog(options: AppLogOptions): AppLog {
  const stderr = options.stderr ?? process.stderr
  const recentProblems: LogRecord[] = []
  // As a plain Writable: the library's own event map leaves out the Writable events.
  let stream: Writable | null = null
  let file: Pino | null = null
  let closed: Promise<void> | null = null
  const path = options.dir === null ? null : join(options.dir, LOG_FILE_NAME)

  if (options.dir !== null) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 })
    const rotating = createStream(
      (index: number | null) => (index === null ? LOG_FILE_NAME : `${LOG_FILE_NAME}.${index}`),
      {
        path: options.dir,
        size: options.fileSize ?? DEFAULT_FILE_SIZE,
        rotate: options.rotatedFiles ?? DEFAULT_ROTATED_FILES,
        mode: 0o600,
      },
    )
    // A full disk or a removed folder costs the file, never the process: stderr carries on.
    const lost = (error: Error): void => {
      if (file === null) return
      file = null
      stderr.write(
        `${new Date().toISOString()} error [${options.scope}] the log file failed: ${error.message}\n`,
      )
    }
    rotating.on('warning', (error) => stderr.write(`log file warning: ${error.message}\n`))
    stream = rotating
    stream.on('error', lost)
    file = pino(
      {
        level: 'info',
        base: { pid: process.pid, scope: options.scope },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      rotating,
    )
  }

  const write = (level: 'info' | LogRecord['level'], message: string, detail: unknown): void => {
    const safe = detail === undefined ? undefined : safeDetail(detail)
    const time = new Date().toISOString()
    file?.[level](safe === undefined ? {} : { detail: safe }, message)
    if (level !== 'info' || !options.quiet) {
      stderr.write(`${time} ${level} [${options.scope}] ${message}${describe(safe)}\n`)
    }
    if (level !== 'info') {
      const text = describe(safe)
      recentProblems.push({ time, level, message, detail: text ? text.slice(1, 2001) : null })
      if (recentProblems.length > RECENT_PROBLEMS) recentProblems.shift()
    }
  }

  return {
    logger: {
      info: (m, d) => write('info', m, d),
      warn: (m, d) => write('warn', m, d),
      error: (m, d) => write('error', m, d),
    },
    file: path,
    recent: () => [...recentProblems],
    close() {
      closed ??= new Promise<void>((resolve) => {
        const open = stream
        file = null
        stream = null
        if (!open || open.destroyed) return resolve()
        open.once('close', () => resolve())
        open.once('error', () => resolve())
        open.end()
      })
      return closed
    },
  }
}
