import type { Migration } from '../migration'

export const ssh: Migration = {
  version: 3,
  name: 'ssh known hosts and session recordings',
  up(db) {
    db.exec(`
      -- Trusted host keys. Hashed OpenSSH entries keep their salt and HMAC instead of a name
      -- (and port 0: the port is inside the hash as "[host]:port").
      CREATE TABLE known_hosts (
        id          INTEGER PRIMARY KEY,
        host        TEXT,
        host_salt   BLOB,
        host_hash   BLOB,
        port        INTEGER NOT NULL,
        key_type    TEXT NOT NULL,
        public_key  BLOB NOT NULL,
        fingerprint TEXT NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('accepted', 'imported', 'learned')),
        added_at    INTEGER NOT NULL,
        CHECK (host IS NOT NULL OR (host_salt IS NOT NULL AND host_hash IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX known_hosts_by_endpoint ON known_hosts (host, port, key_type)
        WHERE host IS NOT NULL;

      CREATE TABLE recordings (
        id             TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL,
        title          TEXT NOT NULL,
        host           TEXT NOT NULL,
        file           TEXT NOT NULL,
        started_at     INTEGER NOT NULL,
        ended_at       INTEGER,
        bytes          INTEGER NOT NULL DEFAULT 0,
        input_recorded INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX recordings_by_start ON recordings (started_at);
    `)
  },
}
