import type Database from 'better-sqlite3'

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * The connection's prepared statement for `sql`, prepared on its first use. Preparing costs
 * more than running a small statement, and code that runs per pulled row (thousands in a first
 * sync) paid it per row. Whatever mode the last caller set (pluck, raw, expand) is undone, so
 * each use starts from plain rows as a fresh prepare would. Not for a statement that may be
 * iterated while the same SQL runs again inside the loop (SQLite would refuse it as busy).
 */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  const cached = cache.get(sql)
  if (!cached) {
    const prepared = db.prepare(sql)
    cache.set(sql, prepared)
    return prepared
  }
  if (cached.reader) cached.pluck(false).raw(false).expand(false)
  return cached
}
