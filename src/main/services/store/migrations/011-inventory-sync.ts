import type { Migration } from '../migration'

const CAPTURING = 'WHEN EXISTS (SELECT 1 FROM inventory_capture)'

/** Marks a row of `table` changed, as `kind`, on insert, update and delete. */
const dirtyTriggers = (table: string, kind: string): string =>
  (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map((event) => {
      const row = event === 'DELETE' ? 'OLD' : 'NEW'
      return `CREATE TRIGGER ${table}_sync_${event.toLowerCase()} AFTER ${event} ON ${table}
      ${CAPTURING} BEGIN
        INSERT OR IGNORE INTO inventory_dirty (kind, id) VALUES ('${kind}', ${row}.id);
      END;`
    })
    .join('\n')

/**
 * Inventory joins team sync. Local writes are found by triggers (every write path: forms, CSV
 * imports, collection, the sample) and turned into outbox rows when their transaction ends;
 * pulled rows are kept as the team's base, so a refused change can be undone and a pending
 * one laid over a newer base.
 */
export const inventorySync: Migration = {
  version: 11,
  name: 'inventory sync',
  up(db) {
    db.exec(`
      -- Inventory changes waiting for the team server. mutation_id comes from the ticket
      -- outbox's sequence: one installation, one order of changes.
      CREATE TABLE inventory_outbox (
        mutation_id   INTEGER PRIMARY KEY,
        op            TEXT NOT NULL CHECK (op IN ('put', 'delete')),
        kind          TEXT NOT NULL,
        entity_id     TEXT NOT NULL,
        client_id     TEXT NOT NULL,
        fields        TEXT NOT NULL CHECK (json_valid(fields)),
        base_versions TEXT NOT NULL CHECK (json_valid(base_versions)),
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX inventory_outbox_by_entity ON inventory_outbox (kind, entity_id, mutation_id);
      CREATE INDEX inventory_outbox_by_client ON inventory_outbox (client_id);

      -- Each row as the team server last sent it (fields, versions, writers).
      CREATE TABLE inventory_base (
        kind      TEXT NOT NULL,
        id        TEXT NOT NULL,
        client_id TEXT NOT NULL,
        doc       TEXT NOT NULL CHECK (json_valid(doc)),
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX inventory_base_by_client ON inventory_base (client_id);

      -- Rows written since the transaction began; emptied before it commits.
      CREATE TABLE inventory_dirty (
        kind TEXT NOT NULL,
        id   TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;

      -- One row while this installation syncs its inventory with a team.
      CREATE TABLE inventory_capture (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1)
      ) STRICT;

      -- A collected snapshot's id across the team (the local integer id is this store's).
      ALTER TABLE device_snapshots ADD COLUMN sync_id TEXT;
      CREATE UNIQUE INDEX device_snapshots_by_sync_id ON device_snapshots (sync_id)
        WHERE sync_id IS NOT NULL;

      ${dirtyTriggers('clients', 'client')}
      ${dirtyTriggers('sites', 'site')}
      ${dirtyTriggers('devices', 'device')}
      CREATE TRIGGER device_snapshots_sync_insert AFTER INSERT ON device_snapshots
      ${CAPTURING} BEGIN
        INSERT OR IGNORE INTO inventory_dirty (kind, id) VALUES ('deviceSnapshot', NEW.id);
      END;
    `)
  },
}
