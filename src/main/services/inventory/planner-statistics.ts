/**
 * Keeps SQLite's query planner informed about the inventory tables. Without statistics it
 * guesses that every index is equally selective, and then, for example, walks the hostname
 * index row by row to find the few devices with an expiring warranty instead of reading the
 * warranty index. A bounded ANALYZE (a sample of each index) takes milliseconds.
 */
import type Database from 'better-sqlite3'

/** Re-samples the inventory tables; call after a bulk load, inside or outside a transaction. */
export function refreshPlannerStatistics(db: Database.Database): void {
  db.pragma('analysis_limit = 1000')
  db.exec('ANALYZE clients; ANALYZE sites; ANALYZE devices')
}
