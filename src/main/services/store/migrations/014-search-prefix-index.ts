import type { Migration } from '../migration'
import { wordColumns } from './004-inventory'

/**
 * The word index gains prefix indexes for its first one, two and three characters. A short
 * word typed ("w", "db", "22") is a prefix query, which FTS5 otherwise answers by merging the
 * doclist of every term that starts with it: 11 ms of CPU for "w" at 100k devices, once for
 * the count and again for the page. With the prefix index it reads one doclist (2.5 ms).
 * Longer prefixes are expanded to their few terms by the search itself (device-search.ts).
 * It costs a bulk load about 2 µs a device. FTS5 takes the option only at creation, so the
 * table is made again and filled from its source view in rowid order (see migration 007).
 */
export const searchPrefixIndex: Migration = {
  version: 14,
  name: 'search prefix index',
  up(db) {
    db.exec(`
      DROP TABLE device_search_words;
      CREATE VIRTUAL TABLE device_search_words USING fts5 (
        ${wordColumns},
        content = '', contentless_delete = 1, detail = none, prefix = '1 2 3',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO device_search_words (rowid, ${wordColumns})
        SELECT * FROM device_search_words_source ORDER BY seq;
    `)
  },
}
