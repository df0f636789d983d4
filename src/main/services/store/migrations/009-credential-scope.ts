import type { Migration } from '../migration'

/**
 * Credentials get a scope main enforces: global, one client's devices, or one device. Every
 * existing credential becomes global, so nothing that works today stops working. The old
 * client_id was a label the list filtered by, never enforced, and its free text often named
 * no client at all: it goes, rather than quietly narrowing credentials in use.
 */
export const credentialScope: Migration = {
  version: 9,
  name: 'credential scope',
  up(db) {
    db.exec(`
      DROP INDEX credentials_by_client;
      ALTER TABLE credentials DROP COLUMN client_id;
      ALTER TABLE credentials ADD COLUMN scope_kind TEXT NOT NULL DEFAULT 'global'
        CHECK (scope_kind IN ('global', 'client', 'device'));
      ALTER TABLE credentials ADD COLUMN scope_id TEXT
        CHECK ((scope_kind = 'global') = (scope_id IS NULL));
      CREATE INDEX credentials_by_scope ON credentials (scope_kind, scope_id);
    `)
  },
}
