import type { Migration } from '../migration'
import { substringColumns, wordColumns } from './004-inventory'

/**
 * MAC addresses and public addresses become findable by any fragment. Before, a pasted MAC
 * ("00:1a:2b:3c:4d:5e") or a public address matched nothing: the substring index held only
 * the local addresses, and the word index cut MACs into loose hex pairs.
 * Now the substring index's addresses hold the public address and each MAC as bare hex (one
 * notation to match whatever notation is typed, see fts-query.ts), and the word index no
 * longer holds MACs: six two-digit words per MAC only made noise for short queries.
 * Both indexes are rebuilt from their (redefined) sources, in rowid order: FTS5 writes out its
 * buffer at every rowid that is not above the last (see BULK_SEARCH_INSERTS in device-writes).
 */
export const searchMacsAndPublicIp: Migration = {
  version: 7,
  name: 'search MACs and public addresses by fragment',
  up(db) {
    db.exec(`
      DROP VIEW device_search_words_source;
      CREATE VIEW device_search_words_source (seq, ${wordColumns}) AS
        SELECT d.seq, d.hostname, d.fqdn,
          concat_ws(' ', d.local_ips_text, d.public_ip),
          concat_ws(' ', d.serial, d.asset_tag),
          concat_ws(' ', d.logged_in_user, d.last_user),
          d.tags_text,
          concat_ws(' ', d.os_name, d.os_version),
          concat_ws(' ', d.manufacturer, d.model),
          c.name || ' ' || c.short_code
        FROM devices d JOIN clients c ON c.id = d.client_id;
      DROP VIEW device_search_trigram_source;
      CREATE VIEW device_search_trigram_source (seq, ${substringColumns}) AS
        SELECT d.seq, d.hostname,
          concat_ws(' ', d.local_ips_text, d.public_ip, nullif(replace(d.macs_text, ':', ''), '')),
          concat_ws(' ', d.serial, d.asset_tag)
        FROM devices d;

      INSERT INTO device_search_words (device_search_words) VALUES ('delete-all');
      INSERT INTO device_search_words (rowid, ${wordColumns})
        SELECT * FROM device_search_words_source ORDER BY seq;
      INSERT INTO device_search_trigram (device_search_trigram) VALUES ('delete-all');
      INSERT INTO device_search_trigram (rowid, ${substringColumns})
        SELECT * FROM device_search_trigram_source ORDER BY seq;
    `)
  },
}
