import type { Migration } from '../migration'

/**
 * What a bulk load of tickets (a first sync) has set aside: the secondary indexes of the ticket
 * tables and the search triggers, with the SQL that makes each again. A row here on start means
 * a load was cut short (a crash, a kill): the store puts them back before anything reads it.
 */
export const ticketBulkLoad: Migration = {
  version: 13,
  name: 'ticket bulk load',
  up(db) {
    db.exec(`
      CREATE TABLE ticket_set_aside (
        name TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('index', 'trigger')),
        sql TEXT NOT NULL
      ) STRICT;
    `)
  },
}
