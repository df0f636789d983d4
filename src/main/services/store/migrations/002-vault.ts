import type { Migration } from '../migration'

export const vault: Migration = {
  version: 2,
  name: 'credential vault',
  up(db) {
    db.exec(`
      -- One row: the data key, wrapped by the OS keychain or by a key derived from a passphrase.
      CREATE TABLE vault_keys (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        protection  TEXT NOT NULL CHECK (protection IN ('os-keychain', 'passphrase')),
        kdf         TEXT CHECK (kdf IS NULL OR json_valid(kdf)),
        wrapped_key BLOB NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE credentials (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('password', 'private-key', 'agent')),
        username       TEXT NOT NULL,
        client_id      TEXT,
        has_passphrase INTEGER NOT NULL DEFAULT 0,
        -- AES-256-GCM under the data key, the id as associated data: nonce || ciphertext || tag.
        secret         BLOB,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX credentials_by_client ON credentials (client_id);
    `)
  },
}
