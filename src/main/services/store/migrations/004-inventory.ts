import type { Migration } from '../migration'

/** Word-indexed fields: every searchable thing, for word and word-prefix matches. */
export const wordColumns = 'hostname, fqdn, network, serial, users, tags, os, hardware, client'
/** Substring-indexed fields: identifiers people type fragments of. */
export const substringColumns = 'hostname, addresses, serial'

/** Clients, sites, devices with their search indexes, snapshots and changes. */
export const inventory: Migration = {
  version: 4,
  name: 'client device inventory',
  up(db) {
    db.exec(`
      CREATE TABLE clients (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        short_code     TEXT NOT NULL COLLATE NOCASE UNIQUE,
        contract_tier  TEXT NOT NULL DEFAULT 'Standard',
        notes          TEXT NOT NULL DEFAULT '',
        online_minutes INTEGER NOT NULL DEFAULT 15 CHECK (online_minutes > 0),
        stale_minutes  INTEGER NOT NULL DEFAULT 1440 CHECK (stale_minutes >= online_minutes),
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE);

      CREATE TABLE sites (
        id             TEXT PRIMARY KEY,
        client_id      TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        address        TEXT NOT NULL DEFAULT '',
        time_zone      TEXT NOT NULL DEFAULT 'UTC',
        business_hours TEXT NOT NULL CHECK (json_valid(business_hours)),
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sites_by_client ON sites (client_id, name COLLATE NOCASE);

      -- seq is the stable integer key the search index points at (an implicit rowid may change
      -- on VACUUM); id is the UUID everything else uses.
      -- online_minutes/stale_minutes copy the client's thresholds (triggers keep them in step)
      -- so status becomes two indexed columns: online_until >= now is online, stale_until >= now
      -- is stale, anything older (or never seen) is offline.
      -- Every value is validated before it gets here (contract, CSV rows, probe parsers) and
      -- the JSON columns are written only through JSON.stringify (device-values.ts), so CHECKs
      -- guard the enumerations only: each CHECK costs a bulk import ~0.7 µs a row.
      CREATE TABLE devices (
        seq                    INTEGER PRIMARY KEY,
        id                     TEXT NOT NULL UNIQUE,
        client_id              TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        site_id                TEXT REFERENCES sites (id) ON DELETE SET NULL,
        hostname               TEXT NOT NULL,
        fqdn                   TEXT,
        role                   TEXT NOT NULL DEFAULT 'other'
                               CHECK (role IN ('workstation', 'server', 'network', 'printer', 'other')),
        os_family              TEXT NOT NULL DEFAULT 'other'
                               CHECK (os_family IN ('windows', 'linux', 'macos', 'other')),
        os_name                TEXT,
        os_version             TEXT,
        os_build               TEXT,
        os_arch                TEXT,
        kernel                 TEXT,
        manufacturer           TEXT,
        model                  TEXT,
        serial                 TEXT,
        asset_tag              TEXT,
        cpu_model              TEXT,
        cpu_cores              INTEGER,
        cpu_threads            INTEGER,
        ram_bytes              INTEGER,
        disks                  TEXT NOT NULL DEFAULT '[]',
        local_ips              TEXT NOT NULL DEFAULT '[]',
        local_ips_text         TEXT NOT NULL DEFAULT '',
        -- The first local address in a form that sorts numerically (zero-padded octets).
        ip_sort                TEXT,
        public_ip              TEXT,
        macs                   TEXT NOT NULL DEFAULT '[]',
        macs_text              TEXT NOT NULL DEFAULT '',
        logged_in_user         TEXT,
        last_user              TEXT,
        last_boot_at           INTEGER,
        last_seen_at           INTEGER,
        reboot_required        INTEGER CHECK (reboot_required IN (0, 1)),
        patches_pending        INTEGER,
        patches_failed         INTEGER,
        patches_installed      INTEGER,
        last_patched_at        INTEGER,
        av_product             TEXT,
        av_status              TEXT CHECK (av_status IN ('healthy', 'disabled', 'outdated', 'missing')),
        backup_product         TEXT,
        backup_last_success_at INTEGER,
        warranty_end_at        INTEGER,
        tags                   TEXT NOT NULL DEFAULT '[]',
        tags_text              TEXT NOT NULL DEFAULT '',
        custom_fields          TEXT NOT NULL DEFAULT '{}',
        ssh_host               TEXT,
        ssh_port               INTEGER,
        ssh_user               TEXT,
        winrm_url              TEXT,
        credential_id          TEXT REFERENCES credentials (id) ON DELETE SET NULL,
        notes                  TEXT NOT NULL DEFAULT '',
        online_minutes         INTEGER NOT NULL,
        stale_minutes          INTEGER NOT NULL,
        online_until           INTEGER GENERATED ALWAYS AS
                               (coalesce(last_seen_at + online_minutes * 60000, 0)) VIRTUAL,
        stale_until            INTEGER GENERATED ALWAYS AS
                               (coalesce(last_seen_at + stale_minutes * 60000, 0)) VIRTUAL,
        created_at             INTEGER NOT NULL,
        updated_at             INTEGER NOT NULL
      ) STRICT;

      -- An index for every filter, for the default sort and for the sorts technicians use
      -- most (serial, IP, last seen, health, warranty). Columns with many equal values carry
      -- the hostname, so ties come out by name from the index alone; the scoping filters also
      -- carry the status columns, so "this client's offline devices" is counted from the index
      -- without reading rows. The rarer sorts (OS name, model, RAM, ...) sort in a temp b-tree
      -- instead: each extra index would cost every bulk import ~1 s per million rows.
      CREATE INDEX devices_by_client
        ON devices (client_id, hostname COLLATE NOCASE, online_until, stale_until);
      CREATE INDEX devices_by_site
        ON devices (site_id, hostname COLLATE NOCASE, online_until, stale_until);
      CREATE INDEX devices_by_hostname ON devices (hostname COLLATE NOCASE);
      -- Role sorts by role, OS family, hostname, so "Linux servers" is one range of this index.
      CREATE INDEX devices_by_role
        ON devices (role, os_family, hostname COLLATE NOCASE, online_until, stale_until);
      CREATE INDEX devices_by_os_family
        ON devices (os_family, hostname COLLATE NOCASE, online_until, stale_until);
      CREATE INDEX devices_by_serial ON devices (serial COLLATE NOCASE);
      CREATE INDEX devices_by_ip ON devices (ip_sort);
      CREATE INDEX devices_by_last_seen ON devices (last_seen_at);
      -- Status: online is online_until >= now; stale and offline both have online_until < now
      -- (stale_until never precedes online_until), so one index answers all three, counts
      -- included, without touching the table.
      CREATE INDEX devices_by_status ON devices (online_until, stale_until);
      CREATE INDEX devices_by_patches_pending ON devices (patches_pending, hostname COLLATE NOCASE);
      CREATE INDEX devices_by_av_status ON devices (av_status, hostname COLLATE NOCASE);
      -- "Backup failing" is a backup product with no success since a cutoff (or never): only
      -- devices with a product are indexed, and never counts as 0.
      CREATE INDEX devices_by_backup_failing ON devices (coalesce(backup_last_success_at, 0))
        WHERE backup_product IS NOT NULL;
      CREATE INDEX devices_by_warranty ON devices (warranty_end_at);
      CREATE INDEX devices_by_credential ON devices (credential_id) WHERE credential_id IS NOT NULL;
      -- The client list's rollup walks devices client by client through this index (a quarter
      -- of the time of the alternatives at 100k devices).
      CREATE INDEX devices_rollup ON devices (client_id, stale_until, patches_pending,
        warranty_end_at, backup_product IS NOT NULL, backup_last_success_at);

      CREATE TRIGGER clients_thresholds_to_devices
      AFTER UPDATE OF online_minutes, stale_minutes ON clients BEGIN
        UPDATE devices SET online_minutes = NEW.online_minutes, stale_minutes = NEW.stale_minutes
        WHERE client_id = NEW.id;
      END;
      CREATE TRIGGER devices_thresholds_on_move
      AFTER UPDATE OF client_id ON devices BEGIN
        UPDATE devices SET
          online_minutes = (SELECT online_minutes FROM clients WHERE id = NEW.client_id),
          stale_minutes = (SELECT stale_minutes FROM clients WHERE id = NEW.client_id)
        WHERE seq = NEW.seq;
      END;

      -- Search. Words (unicode61) hold every searchable field and answer word and word-prefix
      -- queries ("dental", "ubu", "db"); detail=none because queries never need positions
      -- there, which saves a third of its build time. Trigrams hold only the identifiers people
      -- type fragments of (hostname, local addresses, serial and asset tag: "10.2.3", "7XK2"),
      -- because every character indexed costs a bulk import ~0.3 µs. Both are contentless (the
      -- text lives in devices) with contentless_delete, so triggers remove a row by rowid alone.
      CREATE VIRTUAL TABLE device_search_words USING fts5 (
        ${wordColumns},
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE device_search_trigram USING fts5 (
        ${substringColumns},
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );

      -- What a device contributes to search, defined once for the triggers and bulk loads.
      CREATE VIEW device_search_words_source (seq, ${wordColumns}) AS
        SELECT d.seq, d.hostname, d.fqdn,
          concat_ws(' ', d.local_ips_text, d.public_ip, d.macs_text),
          concat_ws(' ', d.serial, d.asset_tag),
          concat_ws(' ', d.logged_in_user, d.last_user),
          d.tags_text,
          concat_ws(' ', d.os_name, d.os_version),
          concat_ws(' ', d.manufacturer, d.model),
          c.name || ' ' || c.short_code
        FROM devices d JOIN clients c ON c.id = d.client_id;
      CREATE VIEW device_search_trigram_source (seq, ${substringColumns}) AS
        SELECT d.seq, d.hostname, d.local_ips_text, concat_ws(' ', d.serial, d.asset_tag)
        FROM devices d;

      -- Bulk loads (CSV import, sample) drop this trigger inside their transaction, insert, then
      -- index the new rows with one INSERT ... SELECT per table and put the trigger back: any
      -- INSERT trigger makes SQLite keep a statement journal per row (~40 µs a row at 100k).
      CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
        INSERT INTO device_search_words (rowid, ${wordColumns})
          SELECT * FROM device_search_words_source WHERE seq = NEW.seq;
        INSERT INTO device_search_trigram (rowid, ${substringColumns})
          SELECT * FROM device_search_trigram_source WHERE seq = NEW.seq;
      END;
      CREATE TRIGGER devices_search_update
      AFTER UPDATE OF hostname, fqdn, local_ips_text, public_ip, macs_text, serial, asset_tag,
        logged_in_user, last_user, tags_text, os_name, os_version, manufacturer, model, client_id
      ON devices BEGIN
        DELETE FROM device_search_words WHERE rowid = OLD.seq;
        DELETE FROM device_search_trigram WHERE rowid = OLD.seq;
        INSERT INTO device_search_words (rowid, ${wordColumns})
          SELECT * FROM device_search_words_source WHERE seq = NEW.seq;
        INSERT INTO device_search_trigram (rowid, ${substringColumns})
          SELECT * FROM device_search_trigram_source WHERE seq = NEW.seq;
      END;
      CREATE TRIGGER devices_search_delete AFTER DELETE ON devices BEGIN
        DELETE FROM device_search_words WHERE rowid = OLD.seq;
        DELETE FROM device_search_trigram WHERE rowid = OLD.seq;
      END;
      CREATE TRIGGER clients_search_rename AFTER UPDATE OF name, short_code ON clients BEGIN
        DELETE FROM device_search_words
          WHERE rowid IN (SELECT seq FROM devices WHERE client_id = NEW.id);
        INSERT INTO device_search_words (rowid, ${wordColumns})
          SELECT * FROM device_search_words_source
          WHERE seq IN (SELECT seq FROM devices WHERE client_id = NEW.id);
      END;

      CREATE TABLE device_snapshots (
        id           INTEGER PRIMARY KEY,
        device_id    TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        collected_at INTEGER NOT NULL,
        source       TEXT NOT NULL CHECK (source IN ('ssh', 'winrm')),
        facts        TEXT NOT NULL CHECK (json_valid(facts)),
        problems     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems))
      ) STRICT;
      CREATE INDEX device_snapshots_by_device ON device_snapshots (device_id, collected_at);

      CREATE TABLE device_changes (
        id          INTEGER PRIMARY KEY,
        device_id   TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        snapshot_id INTEGER REFERENCES device_snapshots (id) ON DELETE SET NULL,
        at          INTEGER NOT NULL,
        field       TEXT NOT NULL,
        summary     TEXT NOT NULL,
        before      TEXT CHECK (before IS NULL OR json_valid(before)),
        after       TEXT CHECK (after IS NULL OR json_valid(after))
      ) STRICT;
      CREATE INDEX device_changes_by_device ON device_changes (device_id, id);
      CREATE INDEX device_changes_by_snapshot ON device_changes (snapshot_id);

      -- Facts about the inventory as a whole, such as which sample seed filled it.
      CREATE TABLE inventory_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `)
  },
}
