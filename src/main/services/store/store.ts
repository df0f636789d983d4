import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { restoreSetAside } from './bulk-load'
import type { Migration } from './migration'
import { migrations as appMigrations } from './migrations'

/** The migration that made bulk_load_set_aside (a test store may stop before it). */
const BULK_LOAD_VERSION = 13

export class StoreVersionError extends Error {
  override name = 'StoreVersionError'
}

/**
 * SQLite checkpoints a WAL inside the commit that crosses its threshold, so one write in a few
 * dozen paid for copying the log back and two fsyncs (several ms). The store checkpoints this
 * long after a transaction instead, off every caller's path; SQLite's own threshold stays as a
 * backstop for long bursts of writes with no pause in between. A ticket intent writes ~20
 * pages (rows, indexes, search segments, outbox), so a backstop of 4000 pages was crossed
 * within one 100 ms window by a busy burst (a sync pull, a script) and a commit paid ~12 ms;
 * 16000 pages (128 MB of log at most, at PAGE_SIZE) leaves the timer to do it.
 */
export const CHECKPOINT_DELAY_MS = 100
const BACKSTOP_CHECKPOINT_PAGES = 16_000
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024

/**
 * The page size of a new store file (an existing file keeps the size it was made with). 8 KiB
 * instead of SQLite's 4 KiB halves the pages, B-tree cells and WAL frames a bulk write goes
 * through: a 100k-device CSV import takes ~12% less time, the commit at its end a third, and
 * the ticket figures of bench:tickets (queues, search, intent writes) are unchanged or better.
 */
export const PAGE_SIZE = 8192

export interface StoreOptions {
  file: string
  migrations?: readonly Migration[]
}

/**
 * The local SQLite store: one file, WAL, foreign keys on, migrated on open.
 * Services run each unit of work through `transaction` so a change and its side records
 * (audit row, outbox entry) land together or not at all.
 */
export class Store {
  readonly db: Database.Database
  readonly schemaVersion: number
  private checkpointTimer: NodeJS.Timeout | undefined
  private readonly beforeCommit = new Set<(db: Database.Database) => void>()
  private held = 0

  constructor(options: StoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true })
    this.db = new Database(options.file)
    try {
      // Must come before anything creates the file's first page; a no-op on an existing file.
      this.db.pragma(`page_size = ${PAGE_SIZE}`)
      this.db.pragma('journal_mode = WAL')
      // NORMAL in WAL mode survives a crash or kill -9 of the app; only a power loss can drop
      // the last commits, and FULL would put an fsync on every keystroke-sized write.
      this.db.pragma('synchronous = NORMAL')
      this.db.pragma('foreign_keys = ON')
      this.db.pragma('busy_timeout = 5000')
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`)
      // A log grown large (a first sync holds checkpoints back) shrinks back once copied.
      this.db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
      this.schemaVersion = migrate(this.db, options.migrations ?? appMigrations)
      // A first sync cut short (a crash, a kill) left indexes aside: back before any read.
      if (this.schemaVersion >= BULK_LOAD_VERSION) restoreSetAside(this.db)
    } catch (error) {
      this.db.close()
      throw error
    }
  }

  /**
   * Runs `work` in one IMMEDIATE transaction; a throw rolls everything back. The outermost
   * transaction runs the before-commit hooks last, inside it, so what they derive from the
   * work (the inventory's outbox rows) commits with it or not at all.
   */
  transaction<T>(work: (db: Database.Database) => T): T {
    const outermost = !this.db.inTransaction
    const result = this.db
      .transaction(() => {
        const done = work(this.db)
        if (outermost) for (const hook of this.beforeCommit) hook(this.db)
        return done
      })
      .immediate()
    this.checkpointSoon()
    return result
  }

  /**
   * Holds checkpoints back until the returned release is called, which runs one: for a bulk
   * load (a first sync), whose hundreds of transactions otherwise paid a checkpoint each,
   * copying the same growing pages back again and again (an eighth of a first sync's time).
   * The log grows meanwhile, up to about the size of what the load writes.
   */
  holdCheckpoints(): () => void {
    this.held += 1
    this.db.pragma('wal_autocheckpoint = 0')
    let released = false
    return () => {
      if (released) return
      released = true
      this.held -= 1
      if (this.held > 0 || !this.db.open) return
      this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`)
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)')
      } catch {
        // Another connection was checkpointing: the timer or SQLite's backstop copies it.
      }
    }
  }

  /** Runs `hook` at the end of every outermost transaction; returns the unsubscribe. */
  onBeforeCommit(hook: (db: Database.Database) => void): () => void {
    this.beforeCommit.add(hook)
    return () => this.beforeCommit.delete(hook)
  }

  close(): void {
    clearTimeout(this.checkpointTimer)
    if (this.db.open) this.db.close()
  }

  private checkpointSoon(): void {
    if (this.checkpointTimer !== undefined || this.held > 0) return
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined
      if (!this.db.open) return
      try {
        // PASSIVE never waits for readers or writers.
        this.db.pragma('wal_checkpoint(PASSIVE)')
      } catch {
        // Another connection was checkpointing: the next one (or SQLite's backstop) copies it.
      }
    }, CHECKPOINT_DELAY_MS)
    this.checkpointTimer.unref()
  }
}

function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}, expected ${index + 1}`)
    }
  })
  const latest = migrations.length
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new StoreVersionError(
      `This data was written by a newer Switchboard (schema ${current}; this build knows ${latest}). Update the app to open it.`,
    )
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL
  ) STRICT`)
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      )
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return latest
}
