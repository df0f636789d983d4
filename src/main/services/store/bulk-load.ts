/**
 * A bulk load (a first sync: the whole scope, hundreds of pages of tickets and devices)
 * without the per-row upkeep of the secondary indexes and search triggers of the tables it
 * fills. They are set aside before the load and made again after it, each index in one sorted
 * pass and each search index in one statement per table, instead of a random B-tree insert per
 * row into each of a dozen indexes. The SQL of what was set aside is kept in
 * bulk_load_set_aside in the same transaction as the DROP, so a load cut short by a crash is
 * finished when the store next opens (restoreSetAside), before anything reads it.
 */
import type Database from 'better-sqlite3'
import { substringColumns, wordColumns } from './migrations/004-inventory'

/** Tables whose secondary indexes a bulk load sets aside. */
const TABLES = [
  'tickets',
  'ticket_events',
  'ticket_notes',
  'ticket_devices',
  'ticket_time_entries',
  'devices',
]

/** Search indexes kept by triggers: the triggers, and how the index is made again from scratch. */
const SEARCHES = [
  {
    triggers: [
      'tickets_search_insert',
      'tickets_search_update',
      'tickets_search_delete',
      'ticket_notes_search_insert',
      'ticket_notes_search_delete',
    ],
    rebuild: `
      INSERT INTO ticket_search (ticket_search) VALUES ('delete-all');
      INSERT INTO ticket_search (rowid, subject, body)
        SELECT seq << 20, subject, description FROM tickets ORDER BY seq;
      INSERT INTO ticket_search (rowid, subject, body)
        SELECT seq, '', body FROM ticket_notes ORDER BY seq;
      INSERT INTO ticket_search (ticket_search) VALUES ('optimize');`,
  },
  {
    triggers: ['devices_search_insert', 'devices_search_update', 'devices_search_delete'],
    // In rowid order: FTS5 writes out its buffer at every rowid that is not above the last.
    rebuild: `
      INSERT INTO device_search_words (device_search_words) VALUES ('delete-all');
      INSERT INTO device_search_words (rowid, ${wordColumns})
        SELECT * FROM device_search_words_source ORDER BY seq;
      INSERT INTO device_search_trigram (device_search_trigram) VALUES ('delete-all');
      INSERT INTO device_search_trigram (rowid, ${substringColumns})
        SELECT * FROM device_search_trigram_source ORDER BY seq;`,
  },
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
            OR (type = 'trigger' AND name IN (${list(SEARCHES.flatMap((s) => s.triggers))}))`,
      )
      .all()
    const record = db.prepare('INSERT INTO bulk_load_set_aside (name, type, sql) VALUES (?, ?, ?)')
    for (const object of aside) {
      record.run(object.name, object.type, object.sql)
      db.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name}"`)
    }
  }).immediate()
}

/** Whether a bulk load has the ticket indexes or search triggers aside now. */
export function hasSetAside(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM bulk_load_set_aside LIMIT 1').get() !== undefined
}

/**
 * Steps that put back what a load set aside, each its own transaction (so the caller may yield
 * between them, and a crash leaves only the steps not yet done): each search's triggers with
 * its index made again from every row (rows written while the triggers were away are in none),
 * then each index.
 */
export function restoreSteps(db: Database.Database): Array<() => void> {
  const aside = db
    .prepare<[], SetAside>('SELECT name, type, sql FROM bulk_load_set_aside ORDER BY name')
    .all()
  const done = db.prepare('DELETE FROM bulk_load_set_aside WHERE name = ?')
  const putBack =
    (objects: SetAside[], then = ''): (() => void) =>
    () =>
      db
        .transaction(() => {
          for (const object of objects) {
            db.exec(object.sql)
            done.run(object.name)
          }
          if (then) db.exec(then)
        })
        .immediate()
  const steps: Array<() => void> = []
  for (const search of SEARCHES) {
    const triggers = aside.filter((a) => a.type === 'trigger' && search.triggers.includes(a.name))
    if (triggers.length > 0) steps.push(putBack(triggers, search.rebuild))
  }
  for (const index of aside.filter((a) => a.type === 'index')) steps.push(putBack([index]))
  return steps
}

/** Puts back everything a load set aside, at once (on start, or in tests). */
export function restoreSetAside(db: Database.Database): void {
  for (const step of restoreSteps(db)) step()
}
