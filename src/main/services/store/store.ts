import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Migration } from './migration'
import { migrations as appMigrations } from './migrations'

export class StoreVersionError extends Error {
  override name = 'StoreVersionError'
}

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

  constructor(options: StoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true })
    this.db = new Database(options.file)
    try {
      this.db.pragma('journal_mode = WAL')
      // NORMAL in WAL mode survives a crash or kill -9 of the app; only a power loss can drop
      // the last commits, and FULL would put an fsync on every keystroke-sized write.
      this.db.pragma('synchronous = NORMAL')
      this.db.pragma('foreign_keys = ON')
      this.db.pragma('busy_timeout = 5000')
      this.schemaVersion = migrate(this.db, options.migrations ?? appMigrations)
    } catch (error) {
      this.db.close()
      throw error
    }
  }

  /** Runs `work` in one IMMEDIATE transaction; a throw rolls everything back. */
  transaction<T>(work: (db: Database.Database) => T): T {
    return this.db.transaction(() => work(this.db)).immediate()
  }

  close(): void {
    if (this.db.open) this.db.close()
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
