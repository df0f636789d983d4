import type { Migration } from '../migration'

/**
 * A first sync's bulk load, made cheaper:
 * - bulk_load_set_aside holds what the load has set aside (the secondary indexes of the tables
 *   it fills and their search triggers) with the SQL that makes each again. A row here on open
 *   means a load was cut short (a crash, a kill): the store puts them back before any read.
 * - A ticket's base may be NULL: pulled with nothing pending, its working copy is its base, so
 *   no second copy of every document is written; the first local change keeps the working
 *   copy as the base before it applies (see keepBaseBeforeChange).
 */
export const bulkLoad: Migration = {
  version: 13,
  name: 'bulk load',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_load_set_aside (
        name TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
        sql TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ticket_base_nullable (
        id        TEXT PRIMARY KEY,
        snapshot  TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
        pulled_at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO ticket_base_nullable (id, snapshot, pulled_at)
        SELECT id, snapshot, pulled_at FROM ticket_base;
      DROP TABLE ticket_base;
      ALTER TABLE ticket_base_nullable RENAME TO ticket_base;
    `)
  },
}
