import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RecordingSummary } from '../../../../shared/contract/sessions'
import { RpcError } from '../../../../shared/rpc/errors'
import type { Clock } from '../../ports'
import type { Store } from '../../store/store'
import { AppendWriter } from './append-writer'

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

/** One session's asciicast v2 file being written. */
export interface ActiveRecording {
  readonly id: string
  output(data: string): void
  input(data: string): void
  resize(cols: number, rows: number): void
  end(): void
}

/**
 * Session recordings as asciicast v2 files in the data directory, indexed in SQLite. Events
 * are appended in batches (every 64 KB or 100 ms), so a crash loses at most the last 100 ms.
 */
export class RecordingStore {
  /** Recordings whose last batch is still being written, so a reader waits for it. */
  private readonly closing = new Map<string, Promise<void>>()

  constructor(
    private readonly store: Store,
    private readonly dir: string,
    private readonly clock: Clock,
  ) {}

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
    const writer = new AppendWriter(openSync(file, 'wx', 0o600))
    let ended = false
    const append = (line: string): void => {
      if (!ended) writer.append(`${line}\n`)
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
    const at = (): number => Math.max(0, (this.clock.now() - startedAt) / 1000)
    const event = (code: string, data: string): void =>
      append(JSON.stringify([Number(at().toFixed(6)), code, data]))

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
        const closed = writer.close().finally(() => this.closing.delete(id))
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
    ).map(toSummary)
  }

  async get(id: string): Promise<{ recording: RecordingSummary; asciicast: string }> {
    await this.closing.get(id)
    const row = this.store.db.prepare('SELECT * FROM recordings WHERE id = ?').get(id) as
      RecordingRow | undefined
    if (!row) throw new RpcError('NOT_FOUND', 'No such recording')
    if (!existsSync(row.file)) throw new RpcError('NOT_FOUND', 'The recording file is missing')
    return { recording: toSummary(row), asciicast: readFileSync(row.file, 'utf8') }
  }
}
