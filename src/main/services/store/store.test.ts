import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { useTempDirs } from '../../testing/temp-dir'
import type { Migration } from './migration'
import { migrations } from './migrations'
import { CHECKPOINT_DELAY_MS, PAGE_SIZE, Store, StoreVersionError } from './store'

const tempDir = useTempDirs()

describe('Store', () => {
  it('creates the file with WAL, foreign keys and every migration applied', () => {
    const file = join(tempDir(), 'nested', 'switchboard.db')
    const store = new Store({ file })
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.schemaVersion).toBe(migrations.length)
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const applied = store.db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all()
    expect(applied).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })))
    expect(store.db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE)
    store.close()
  })

  it('opens a file made with another page size as it is, keeping its data', () => {
    const file = join(tempDir(), 'db')
    const old = new Database(file)
    old.pragma('page_size = 4096')
    old.exec("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('row')")
    old.close()
    const store = new Store({ file })
    expect(store.db.pragma('page_size', { simple: true })).toBe(4096)
    expect(store.db.prepare('SELECT v FROM kept').pluck().get()).toBe('row')
    store.close()
  })

  it('applies only the new migrations when reopened by a newer build', () => {
    const file = join(tempDir(), 'db')
    const first = new Store({ file })
    first.db.prepare("INSERT INTO settings VALUES ('ui.theme', '\"dark\"', 1)").run()
    first.close()
    const extra: Migration = {
      version: migrations.length + 1,
      name: 'add notes',
      up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT'),
    }
    const second = new Store({ file, migrations: [...migrations, extra] })
    expect(second.schemaVersion).toBe(migrations.length + 1)
    expect(second.db.prepare('SELECT value FROM settings').pluck().get()).toBe('"dark"')
    second.close()
  })

  it('refuses to open data written by a newer schema, leaving it untouched', () => {
    const file = join(tempDir(), 'db')
    const raw = new Database(file)
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => new Store({ file })).toThrow(StoreVersionError)
    const check = new Database(file)
    expect(check.pragma('user_version', { simple: true })).toBe(99)
    check.close()
  })

  it('rolls back a failed migration as a whole', () => {
    const file = join(tempDir(), 'db')
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'half done',
      up: (db) => {
        db.exec('CREATE TABLE half (id INTEGER PRIMARY KEY)')
        throw new Error('boom')
      },
    }
    expect(() => new Store({ file, migrations: [...migrations, broken] })).toThrow('boom')
    const store = new Store({ file })
    expect(
      store.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get(),
    ).toBe(0)
    expect(store.schemaVersion).toBe(migrations.length)
    store.close()
  })

  it('rejects migrations that are not numbered consecutively', () => {
    const gap: Migration = { version: 5, name: 'gap', up: () => {} }
    expect(() => new Store({ file: ':memory:', migrations: [gap] })).toThrow(/expected 1/)
  })

  it('runs a unit of work in one transaction: all or nothing', () => {
    const store = new Store({ file: join(tempDir(), 'db') })
    expect(() =>
      store.transaction((db) => {
        db.prepare("INSERT INTO settings VALUES ('a', '1', 1)").run()
        db.prepare(
          "INSERT INTO audit_log (at, actor, action, subject) VALUES (1, 'x', 'y', 'z')",
        ).run()
        throw new Error('abort')
      }),
    ).toThrow('abort')
    expect(store.db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0)
    expect(store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0)
    store.close()
  })

  it('copies a transaction back from the WAL shortly after its commit, not inside it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const file = join(tempDir(), 'db')
      const store = new Store({ file })
      store.db.pragma('wal_checkpoint(TRUNCATE)')
      const before = statSync(file).size
      store.transaction((db) =>
        db.prepare("INSERT INTO settings VALUES ('big', ?, 1)").run(`"${'x'.repeat(200_000)}"`),
      )
      // Committed to the WAL only: the database file itself has not grown yet.
      expect(statSync(file).size).toBe(before)
      vi.advanceTimersByTime(CHECKPOINT_DELAY_MS)
      expect(statSync(file).size).toBeGreaterThan(before + 100_000)
      store.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('holds checkpoints back for a bulk load, and copies the whole log back once released', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const file = join(tempDir(), 'db')
      const store = new Store({ file })
      store.db.pragma('wal_checkpoint(TRUNCATE)')
      const before = statSync(file).size
      const release = store.holdCheckpoints()
      for (let n = 0; n < 3; n++) {
        store.transaction((db) =>
          db
            .prepare('INSERT INTO settings VALUES (?, ?, 1)')
            .run(`big-${n}`, `"${'x'.repeat(200_000)}"`),
        )
        vi.advanceTimersByTime(CHECKPOINT_DELAY_MS)
      }
      // Neither the timer nor SQLite's own threshold copied anything back meanwhile.
      expect(statSync(file).size).toBe(before)
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
      release()
      expect(statSync(file).size).toBeGreaterThan(before + 500_000)
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(0)
      store.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('rejects values that are not JSON at the table level', () => {
    const store = new Store({ file: join(tempDir(), 'db') })
    expect(() =>
      store.db.prepare("INSERT INTO settings VALUES ('k', 'not json', 1)").run(),
    ).toThrow(/CHECK constraint/)
    store.close()
  })
})
