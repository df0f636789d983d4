import type { Migration } from '../migration'

const CAPTURING = 'EXISTS (SELECT 1 FROM inventory_capture)'

/**
 * Marks (kind, id) rows dirty, each once. Not INSERT OR IGNORE: a trigger's conflict clause
 * gives way to the one of the statement that fired it, so under an upsert (ON CONFLICT DO
 * UPDATE) a second mark of the same row failed the write instead of being ignored.
 */
const mark = (select: string): string => `
  INSERT INTO inventory_dirty (kind, id)
  SELECT DISTINCT m.kind, m.id FROM (${select}) m
  WHERE m.id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM inventory_dirty d WHERE d.kind = m.kind AND d.id = m.id);`

/** Every view id in a stored list of saved views (none when the value is not a list). */
const viewIds = (row: 'NEW' | 'OLD'): string =>
  `SELECT 'savedView' AS kind, json_extract(v.value, '$.id') AS id FROM json_each(
     CASE json_type(${row}.value) WHEN 'array' THEN ${row}.value ELSE '[]' END) v
   WHERE json_type(v.value, '$.id') = 'text'`

const rowTriggers = (table: string, kind: string): string =>
  (['INSERT', 'UPDATE', 'DELETE'] as const)
    .map((event) => {
      const name = `${table}_sync_${event.toLowerCase()}`
      const row = event === 'DELETE' ? 'OLD' : 'NEW'
      return `DROP TRIGGER ${name};
      CREATE TRIGGER ${name} AFTER ${event} ON ${table} WHEN ${CAPTURING} BEGIN
        ${mark(`SELECT '${kind}' AS kind, ${row}.id AS id`)}
      END;`
    })
    .join('\n')

/**
 * Saved views of the device table join team sync: a change to the setting that holds them
 * marks each view it had or has, as the inventory's triggers (migration 11) mark rows; those
 * are made safe under upserts here too.
 */
export const savedViewSync: Migration = {
  version: 12,
  name: 'saved view sync',
  up(db) {
    db.exec(`
      ${rowTriggers('clients', 'client')}
      ${rowTriggers('sites', 'site')}
      ${rowTriggers('devices', 'device')}
      DROP TRIGGER device_snapshots_sync_insert;
      CREATE TRIGGER device_snapshots_sync_insert AFTER INSERT ON device_snapshots
      WHEN ${CAPTURING} BEGIN
        ${mark(`SELECT 'deviceSnapshot' AS kind, NEW.id AS id`)}
      END;

      CREATE TRIGGER settings_views_sync_insert AFTER INSERT ON settings
      WHEN NEW.key = 'inventory.deviceViews' AND ${CAPTURING} BEGIN
        ${mark(viewIds('NEW'))}
      END;
      CREATE TRIGGER settings_views_sync_update AFTER UPDATE ON settings
      WHEN NEW.key = 'inventory.deviceViews' AND ${CAPTURING} BEGIN
        ${mark(`${viewIds('OLD')} UNION ${viewIds('NEW')}`)}
      END;
    `)
  },
}
