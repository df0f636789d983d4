/**
 * Keeps the sample workspace's times moving with the clock. The generator writes last-seen,
 * boot, patch, backup and warranty times relative to the moment it ran, and status is derived
 * from them at read time; left alone, every device meant to be online would turn stale once the
 * shortest online threshold (15 minutes) had passed. So the sample remembers which moment its
 * times are relative to, and before a read moves them forward by the time gone by since: a
 * device meant to be online stays online for as long as the app is open (or reopened days
 * later), and the stale and offline ones stay stale and offline on purpose.
 *
 * Only rows nobody has written since the sample loaded move (their updated_at is still the
 * generated creation time, which is before the load): an edit, a CSV import or a collection
 * makes a device the technician's, and its times are left as they are. Nothing moves while the
 * inventory syncs with a team either: then the rows are the team's data, not a local sample.
 */
import type { Store } from '../../store/store'
import { SAMPLE_META_KEY, type SampleMeta } from './sample-writer'

/**
 * How far the times may lag before they are moved. Well under the margin the generator leaves
 * (an online device was seen within 90% of its client's online threshold, so at least 90 s
 * before it would turn stale), and coarse enough that most reads move nothing.
 */
export const SAMPLE_CLOCK_STEP_MS = 30_000

/** The device columns the generator fills relative to its `now`. */
const SAMPLE_TIME_COLUMNS = [
  'last_seen_at',
  'last_boot_at',
  'last_patched_at',
  'backup_last_success_at',
  'warranty_end_at',
] as const

const SHIFT_SQL = `UPDATE devices SET ${SAMPLE_TIME_COLUMNS.map((c) => `${c} = ${c} + @delta`).join(
  ', ',
)} WHERE updated_at < @loadedAt`

/**
 * Moves the untouched sample devices' times forward to `now`, if the store holds a sample and
 * they lag by at least SAMPLE_CLOCK_STEP_MS. Returns how many devices moved.
 */
export function keepSampleCurrent(store: Store, now: number): number {
  const text = store.db
    .prepare('SELECT value FROM inventory_meta WHERE key = ?')
    .pluck()
    .get(SAMPLE_META_KEY) as string | undefined
  if (text === undefined) return 0
  const meta = JSON.parse(text) as SampleMeta
  const anchoredAt = meta.anchoredAt ?? meta.generatedAt
  const delta = now - anchoredAt
  // A clock set back leaves the times alone rather than pushing last-seen into the future
  // and back again.
  if (delta < SAMPLE_CLOCK_STEP_MS) return 0
  return store.transaction((db) => {
    if (db.prepare('SELECT 1 FROM inventory_capture').get() !== undefined) return 0
    const moved = db.prepare(SHIFT_SQL).run({ delta, loadedAt: meta.generatedAt }).changes
    const next: SampleMeta = { ...meta, anchoredAt: now }
    db.prepare('UPDATE inventory_meta SET value = ? WHERE key = ?').run(
      JSON.stringify(next),
      SAMPLE_META_KEY,
    )
    return moved
  })
}
