import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type {
  RecordingChunk,
  RecordingIndex,
  RecordingSummary,
} from '../../../../shared/contract/recordings'
import { DomainError } from '../../../../shared/domain/errors'
import type { AuditLog } from '../../audit/audit-log'
import type { Clock, Logger } from '../../ports'
import type { Store } from '../../store/store'
import { AppendWriter } from './append-writer'
import { indexCast, readCastChunk, type CastIndex } from './cast-file'

interface RecordingRow {
  id: string
  session_id: string
  title: string
  host: string
  file: string
  started_at: number
  ended_at: number | null
  bytes: number
  input_recorded: number
}

function toSummary(row: RecordingRow): RecordingSummary {
  return {
    id: row.id,
    sessionId: row.session_id,
    title: row.title,
    host: row.host,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    bytes: row.bytes,
    inputRecorded: row.input_recorded === 1,
  }
}

/** How big one recording may grow, and which old ones are deleted. */
export interface RecordingLimits {
  maxBytes: number
  /** Recordings that started longer ago are deleted; null keeps them. */
  retentionDays: number | null
  /** The oldest are deleted while all together take more; null: no cap. */
  retentionBytes: number | null
}

export const DEFAULT_RECORDING_LIMITS: RecordingLimits = {
  maxBytes: 100 * 1024 * 1024,
  retentionDays: null,
  retentionBytes: null,
}

/** Room kept under the cap for the lines that say the recording stopped. */
const CAP_NOTICE_RESERVE = 512
const DAY_MS = 24 * 60 * 60 * 1000

export interface RecordingStoreOptions {
  store: Store
  /** Where the .cast files go. */
  dir: string
  clock: Clock
  /** Read at each start and each retention pass, so a changed setting applies at once. */
  limits?: () => RecordingLimits
  /** Retention's deletions are audited when given. */
  audit?: AuditLog
  /** Named as the actor of retention's audit rows. */
  technician?: string
  logger?: Logger
}

/** One session's asciicast v2 file being written. */
export interface ActiveRecording {
  readonly id: string
  output(data: string): void
  input(data: string): void
  resize(cols: number, rows: number): void
  end(): void
}

/** "100 MB", "1.5 MB", "8 KB": the limit as the technician set it (or a test did). */
function formatLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  return `${Math.round(bytes / 1024)} KB`
}

/**
 * Session recordings as asciicast v2 files in the data directory, indexed in SQLite. Events
 * are appended in batches (every 64 KB or 100 ms), so a crash loses at most the last 100 ms.
 * A recording stops at the size limit with a visible notice (the session goes on), is read
 * back in chunks, and old ones are deleted by the retention limits.
 */
export class RecordingStore {
  /** Recordings whose last batch is still being written, so a reader waits for it. */
  private readonly closing = new Map<string, Promise<void>>()
  /** Recordings being written, with what they hold so far. */
  private readonly active = new Map<string, AppendWriter>()
  /** Each finished recording's index, built once. */
  private readonly indexes = new Map<string, Promise<CastIndex>>()
  private readonly store: Store
  private readonly dir: string
  private readonly clock: Clock
  private readonly limits: () => RecordingLimits

  constructor(private readonly options: RecordingStoreOptions) {
    this.store = options.store
    this.dir = options.dir
    this.clock = options.clock
    this.limits = options.limits ?? (() => DEFAULT_RECORDING_LIMITS)
    this.closeInterrupted()
  }

  /**
   * Recordings a crash or a kill left unfinished are finished as their files stand, so they
   * stop showing as running, count in the space used and fall under retention like the rest.
   */
  private closeInterrupted(): void {
    const rows = this.store.db
      .prepare('SELECT * FROM recordings WHERE ended_at IS NULL')
      .all() as RecordingRow[]
    for (const row of rows) {
      let size = 0
      let endedAt = row.started_at
      try {
        const stat = statSync(row.file)
        size = stat.size
        endedAt = Math.max(row.started_at, Math.floor(stat.mtimeMs))
      } catch {
        // The file is gone: a finished row with nothing in it, which retention can clear.
      }
      this.store.db
        .prepare('UPDATE recordings SET ended_at = ?, bytes = ? WHERE id = ?')
        .run(endedAt, size, row.id)
    }
  }

  start(options: {
    sessionId: string
    title: string
    host: string
    cols: number
    rows: number
    recordInput: boolean
  }): ActiveRecording {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const id = randomUUID()
    const file = join(this.dir, `${id}.cast`)
    const startedAt = this.clock.now()
    const { maxBytes } = this.limits()
    const writer = new AppendWriter(openSync(file, 'wx', 0o600))
    let ended = false
    let stopped = false
    const append = (line: string): void => {
      if (!ended && !stopped) writer.append(`${line}\n`)
    }
    append(
      JSON.stringify({
        version: 2,
        width: options.cols,
        height: options.rows,
        timestamp: Math.floor(startedAt / 1000),
        title: options.title,
        env: { TERM: 'xterm-256color' },
      }),
    )
    this.store.db
      .prepare(
        `INSERT INTO recordings (id, session_id, title, host, file, started_at, input_recorded)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        options.sessionId,
        options.title,
        options.host,
        file,
        startedAt,
        options.recordInput ? 1 : 0,
      )
    this.active.set(id, writer)
    const at = (): number => Number(Math.max(0, (this.clock.now() - startedAt) / 1000).toFixed(6))
    const line = (code: string, data: string): string => JSON.stringify([at(), code, data])
    const event = (code: string, data: string): void => {
      if (ended || stopped) return
      const next = line(code, data)
      if (writer.bytes + Buffer.byteLength(next) + 1 <= maxBytes - CAP_NOTICE_RESERVE) {
        append(next)
        return
      }
      // The player shows the output line; the marker lets other asciicast tools find the spot.
      const limit = formatLimit(maxBytes)
      append(
        line(
          'o',
          `\r\n\x1b[0m[Switchboard: recording stopped at ${limit}; the session continues unrecorded]\r\n`,
        ),
      )
      append(line('m', `recording stopped at ${limit}`))
      stopped = true
    }

    return {
      id,
      output: (data) => event('o', data),
      input: (data) => {
        if (options.recordInput) event('i', data)
      },
      resize: (cols, rows) => event('r', `${cols}x${rows}`),
      end: () => {
        if (ended) return
        ended = true
        const closed = writer.close().finally(() => {
          this.closing.delete(id)
          this.active.delete(id)
          this.applyRetentionSafely()
        })
        this.closing.set(id, closed)
        this.store.db
          .prepare('UPDATE recordings SET ended_at = ?, bytes = ? WHERE id = ?')
          .run(this.clock.now(), writer.bytes, id)
      },
    }
  }

  list(limit: number): RecordingSummary[] {
    return (
      this.store.db
        .prepare('SELECT * FROM recordings ORDER BY started_at DESC LIMIT ?')
        .all(limit) as RecordingRow[]
    ).map((row) => this.summary(row))
  }

  /** How much the recordings take on disk, those being written included. */
  usage(): { count: number; bytes: number } {
    const row = this.store.db
      .prepare('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM recordings')
      .get() as { count: number; bytes: number }
    let live = 0
    for (const writer of this.active.values()) live += writer.bytes
    return { count: row.count, bytes: row.bytes + live }
  }

  /** Size, duration and seek points; built once per finished recording. */
  async index(id: string): Promise<RecordingIndex> {
    await this.closing.get(id)
    const row = this.row(id)
    const running = row.ended_at === null
    let built = running ? undefined : this.indexes.get(id)
    if (!built) {
      built = indexCast(row.file)
      if (!running) {
        this.indexes.set(id, built)
        built.catch(() => this.indexes.delete(id))
      }
    }
    return { recording: this.summary(row), ...(await built) }
  }

  /** Whole lines from `offset`; see readCastChunk. */
  async read(id: string, offset: number, maxBytes: number): Promise<RecordingChunk> {
    await this.closing.get(id)
    const row = this.row(id)
    return readCastChunk(row.file, offset, maxBytes, row.ended_at !== null)
  }

  /**
   * A whole recording as text, for main's own use (a ticket's commands from its keystrokes).
   * Not for the renderer: a recording may be as large as the size limit.
   */
  async get(id: string): Promise<{ recording: RecordingSummary; asciicast: string }> {
    await this.closing.get(id)
    const row = this.row(id)
    return { recording: this.summary(row), asciicast: readFileSync(row.file, 'utf8') }
  }

  /**
   * Deletes finished recordings past the retention limits: first those older than the days
   * kept, then the oldest while all of them together take more than the space kept. One being
   * written is never deleted, nor counted twice. Each deletion is audited.
   */
  applyRetention(): { deleted: number } {
    const { retentionDays, retentionBytes } = this.limits()
    if (retentionDays === null && retentionBytes === null) return { deleted: 0 }
    const now = this.clock.now()
    const finished = this.store.db
      .prepare('SELECT * FROM recordings WHERE ended_at IS NOT NULL ORDER BY started_at ASC')
      .all() as RecordingRow[]
    const doomed: { row: RecordingRow; reason: 'age' | 'space' }[] = []
    let total = this.usage().bytes
    for (const row of finished) {
      if (this.active.has(row.id) || this.closing.has(row.id)) continue
      const tooOld = retentionDays !== null && row.started_at < now - retentionDays * DAY_MS
      const tooBig = retentionBytes !== null && total > retentionBytes
      if (!tooOld && !tooBig) continue
      doomed.push({ row, reason: tooOld ? 'age' : 'space' })
      total -= row.bytes
    }
    for (const { row, reason } of doomed) this.remove(row, reason, now)
    return { deleted: doomed.length }
  }

  /** Retention after a recording ends: its failure (a closed store at exit) is only logged. */
  applyRetentionSafely(): void {
    try {
      this.applyRetention()
    } catch (error) {
      this.options.logger?.warn('recording retention failed', error)
    }
  }

  private remove(row: RecordingRow, reason: 'age' | 'space', now: number): void {
    try {
      rmSync(row.file, { force: true })
    } catch (error) {
      // Kept in the list, so the next pass tries again rather than losing track of the file.
      this.options.logger?.warn(`could not delete recording ${row.id}`, error)
      return
    }
    this.indexes.delete(row.id)
    this.store.transaction((db) => {
      db.prepare('DELETE FROM recordings WHERE id = ?').run(row.id)
      this.options.audit?.record(db, now, {
        actor: this.options.technician ?? 'switchboard',
        action: 'recordings.delete',
        subject: row.id,
        detail: {
          reason,
          title: row.title,
          host: row.host,
          startedAt: row.started_at,
          bytes: row.bytes,
        },
      })
    })
  }

  private row(id: string): RecordingRow {
    const row = this.store.db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as
      RecordingRow | undefined
    if (!row) throw new DomainError('not-found', 'No such recording')
    if (!existsSync(row.file)) throw new DomainError('not-found', 'The recording file is missing')
    return row
  }

  /** A running recording's size is what it holds so far, not the 0 stored until it ends. */
  private summary(row: RecordingRow): RecordingSummary {
    const summary = toSummary(row)
    const writer = this.active.get(row.id)
    if (writer) summary.bytes = writer.bytes
    return summary
  }
}
