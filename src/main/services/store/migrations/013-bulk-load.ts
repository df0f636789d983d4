import type { Migration } from '../migration'

/**
 * What a bulk load (a first sync) has set aside: the secondary indexes of the tables it fills
 * and their search triggers, with the SQL that makes each again. A row here on open means a
 * load was cut short (a crash, a kill): the store puts them back before anything reads it.
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
    `)
  },
}
