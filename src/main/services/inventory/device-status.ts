/**
 * Device status in SQL. The devices table carries its client's thresholds and two generated
 * columns (see migration 004), so every status test is a comparison on an indexed column:
 * online_until >= now is online, else stale_until >= now is stale, else offline (a device
 * never seen has both at 0). `@now` is bound per query, so status is never stored.
 */
import type { DeviceStatus } from '../../../shared/contract'

/** The status of devices row `d` at `@now`. */
export const STATUS_SQL = `CASE WHEN d.online_until >= @now THEN 'online' WHEN d.stale_until >= @now THEN 'stale' ELSE 'offline' END`

/** Sort rank of the status (online first), for ORDER BY. */
export const STATUS_RANK_SQL = `CASE WHEN d.online_until >= @now THEN 0 WHEN d.stale_until >= @now THEN 1 ELSE 2 END`

/** A WHERE term selecting devices in `status` at `@now`. */
export function statusCondition(status: DeviceStatus): string {
  switch (status) {
    case 'online':
      return 'd.online_until >= @now'
    case 'stale':
      return '(d.online_until < @now AND d.stale_until >= @now)'
    case 'offline':
      // The first term is implied (online_until <= stale_until) but lets the status index
      // serve the query.
      return '(d.online_until < @now AND d.stale_until < @now)'
  }
}

/** How long without a successful backup counts as failing. */
export const BACKUP_FAILING_MS = 48 * 3_600_000

/**
 * A WHERE term: a backup product and no success since `@backupCutoff` (never counts too).
 * Written exactly as the partial index devices_by_backup_failing is, so SQLite uses it.
 */
export const BACKUP_FAILING_SQL = `(d.backup_product IS NOT NULL AND coalesce(d.backup_last_success_at, 0) < @backupCutoff)`

/** A WHERE term: backed up since `@backupCutoff`. */
export const BACKUP_OK_SQL = `d.backup_last_success_at >= @backupCutoff`

/** A WHERE term: antivirus anything but healthy. */
export const AV_UNHEALTHY_SQL = `d.av_status IN ('disabled', 'outdated', 'missing')`

/** A WHERE term: warranty ends between `@now` and `@warrantyUntil`. */
export const WARRANTY_EXPIRING_SQL = `d.warranty_end_at BETWEEN @now AND @warrantyUntil`

/** The days the client rollup uses for "warranties expiring". */
export const ROLLUP_WARRANTY_DAYS = 90
