import type { Migration } from '../migration'

/**
 * The audit rows that name a device (its SSH sessions, collections), by device: a device's
 * page lists all of its earlier sessions however busy the log is, without scanning it.
 */
export const auditByDevice: Migration = {
  version: 6,
  name: 'audit log by device',
  up(db) {
    db.exec(`
      CREATE INDEX audit_log_by_device
        ON audit_log (json_extract(detail, '$.deviceId'), action, id)
        WHERE json_extract(detail, '$.deviceId') IS NOT NULL;
    `)
  },
}
