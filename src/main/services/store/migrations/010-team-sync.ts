import type { Migration } from '../migration'

/**
 * Team sync's local state: where the engine stands (server, pull cursor, work-offline), the
 * conflicts the server sent back to this technician, the changes it refused for good, and the
 * vault's slot for main's own secrets (the refresh token), sealed like credentials.
 */
export const teamSync: Migration = {
  version: 10,
  name: 'team sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE sync_conflicts (
        id         TEXT PRIMARY KEY,
        ticket_id  TEXT NOT NULL,
        doc        TEXT NOT NULL CHECK (json_valid(doc)),
        created_at INTEGER NOT NULL
      ) STRICT;

      -- mutation_id is not unique: ids left free by dropped rows are given out again.
      CREATE TABLE sync_rejections (
        id          INTEGER PRIMARY KEY,
        mutation_id INTEGER NOT NULL,
        intent      TEXT NOT NULL,
        ticket_id   TEXT,
        reason      TEXT NOT NULL,
        at          INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_rejections_by_mutation ON sync_rejections (mutation_id);

      CREATE TABLE vault_internal_secrets (
        slot       TEXT PRIMARY KEY,
        sealed     BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
