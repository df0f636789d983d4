/**
 * A bulk load of tickets (a first sync: the whole scope, hundreds of pages) without the
 * per-row upkeep of the ticket tables' secondary indexes and search triggers. They are set
 * aside before the load and made again after it, each index in one sorted pass and the search
 * index in one statement per table, instead of a random B-tree insert per row into each of a
 * dozen indexes. The SQL of what was set aside is kept in ticket_set_aside in the same
 * transaction as the DROP, so a load cut short by a crash is finished by the next start
 * (restoreSetAside) before anything reads the store.
 */
import type Database from 'better-sqlite3'

/** Tables whose secondary indexes a bulk load sets aside. */
const TABLES = ['tickets', 'ticket_events', 'ticket_notes', 'ticket_devices', 'ticket_time_entries']

/** The triggers that keep ticket_search in step with tickets and notes. */
const SEARCH_TRIGGERS = [
  'tickets_search_insert',
  'tickets_search_update',
  'tickets_search_delete',
  'ticket_notes_search_insert',
  'ticket_notes_search_delete',
]

interface SetAside {
  name: string
  type: 'index' | 'trigger'
  sql: string
}

const list = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ')

/**
 * Sets the indexes and search triggers aside (one transaction). A unique index stays: it is a
 * rule, not a speed-up. Does nothing when a load has them aside already.
 */
export function setAsideForBulkLoad(db: Database.Database): void {
  db.transaction(() => {
    const aside = db
      .prepare<[], SetAside>(
        `SELECT name, type, sql FROM sqlite_schema
         WHERE (type = 'index' AND tbl_name IN (${list(TABLES)}) AND sql IS NOT NULL
                AND sql NOT LIKE 'CREATE UNIQUE%')
            OR (type = 'trigger' AND name IN (${list(SEARCH_TRIGGERS)}))`,
      )
      .all()
    const record = db.prepare('INSERT INTO ticket_set_aside (name, type, sql) VALUES (?, ?, ?)')
    for (const object of aside) {
      record.run(object.name, object.type, object.sql)
      db.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name}"`)
    }
  }).immediate()
}

/** Whether a bulk load has the ticket indexes or search triggers aside now. */
export function hasSetAside(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM ticket_set_aside LIMIT 1').get() !== undefined
}

/**
 * Steps that put back what a load set aside, each its own transaction (so the caller may yield
 * between them and a crash leaves only the steps not yet done): the search triggers with the
 * search index rebuilt from every ticket and note, then each index.
 */
export function restoreSteps(db: Database.Database): Array<() => void> {
  const aside = db
    .prepare<[], SetAside>('SELECT name, type, sql FROM ticket_set_aside ORDER BY type DESC, name')
    .all()
  if (aside.length === 0) return []
  const done = db.prepare('DELETE FROM ticket_set_aside WHERE name = ?')
  const triggers = aside.filter((a) => a.type === 'trigger')
  const indexes = aside.filter((a) => a.type === 'index')
  const steps: Array<() => void> = []
  if (triggers.length > 0) {
    steps.push(() =>
      db
        .transaction(() => {
          for (const trigger of triggers) {
            db.exec(trigger.sql)
            done.run(trigger.name)
          }
          // Rows written while the triggers were away are in no index; all are indexed again.
          db.exec(`
          INSERT INTO ticket_search (ticket_search) VALUES ('delete-all');
          INSERT INTO ticket_search (rowid, subject, body)
            SELECT seq << 20, subject, description FROM tickets;
          INSERT INTO ticket_search (rowid, subject, body)
            SELECT seq, '', body FROM ticket_notes;
          INSERT INTO ticket_search (ticket_search) VALUES ('optimize');
        `)
        })
        .immediate(),
    )
  }
  for (const index of indexes) {
    steps.push(() =>
      db
        .transaction(() => {
          db.exec(index.sql)
          done.run(index.name)
        })
        .immediate(),
    )
  }
  return steps
}

/** Puts back everything a load set aside, at once (on start, or in tests). */
export function restoreSetAside(db: Database.Database): void {
  for (const step of restoreSteps(db)) step()
}
