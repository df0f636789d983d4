/** Writes a generated workspace into the store in one transaction. */
import type Database from 'better-sqlite3'
import { DomainError } from '../../../../shared/domain/errors'
import type { Store } from '../../store/store'
import { defaultBusinessHours } from '../../../../shared/domain/sla'
import { DeviceWriter } from '../device-writes'
import { refreshPlannerStatistics } from '../planner-statistics'
import type { SampleWorkspace } from './sample-workspace'

/** What the sample left in the store. */
export interface SampleCounts {
  clients: number
  sites: number
  devices: number
}

/** The inventory_meta key that remembers which sample filled the store. */
export const SAMPLE_META_KEY = 'sample'

/** What inventory_meta remembers about the sample. */
export interface SampleMeta {
  seed: number
  clients: number
  devices: number
  generatedAt: number
  /**
   * The moment the sample devices' times are currently relative to (see sample-clock.ts);
   * absent until they first moved, which means generatedAt.
   */
  anchoredAt?: number
}

/** Removes every client, site and device (snapshots and changes cascade). */
export function clearInventory(db: Database.Database): void {
  db.prepare('DELETE FROM devices').run()
  db.prepare('DELETE FROM sites').run()
  db.prepare('DELETE FROM clients').run()
  db.prepare('DELETE FROM inventory_meta WHERE key = ?').run(SAMPLE_META_KEY)
}

/**
 * Writes `workspace`. With `replace` the existing inventory goes first; without it a store that
 * already has clients is refused, so a sample never mixes into real data.
 */
export function writeSampleWorkspace(
  store: Store,
  workspace: SampleWorkspace,
  options: { replace: boolean },
): SampleCounts {
  return store.transaction((db) => {
    const existing = db.prepare('SELECT count(*) FROM clients').pluck().get() as number
    if (existing > 0) {
      if (!options.replace) {
        throw new DomainError(
          'conflict',
          `The inventory already has ${existing} clients; the sample only fills an empty one`,
        )
      }
      clearInventory(db)
    }
    const insertClient = db.prepare(
      `INSERT INTO clients (id, name, short_code, contract_tier, notes, online_minutes,
         stale_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const c of workspace.clients) {
      insertClient.run(
        c.id,
        c.name,
        c.shortCode,
        c.contractTier,
        c.notes,
        c.onlineMinutes,
        c.staleMinutes,
        c.createdAt,
        c.createdAt,
      )
    }
    const insertSite = db.prepare(
      `INSERT INTO sites (id, client_id, name, address, time_zone, business_hours, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const s of workspace.sites) {
      insertSite.run(
        s.id,
        s.clientId,
        s.name,
        s.address,
        s.timeZone,
        JSON.stringify(defaultBusinessHours(s.timeZone)),
        s.createdAt,
        s.createdAt,
      )
    }
    new DeviceWriter(db).insertMany(workspace.devices)
    refreshPlannerStatistics(db)
    const meta: SampleMeta = {
      seed: workspace.seed,
      clients: workspace.clients.length,
      devices: workspace.devices.length,
      generatedAt: workspace.generatedAt,
    }
    db.prepare('INSERT OR REPLACE INTO inventory_meta (key, value) VALUES (?, ?)').run(
      SAMPLE_META_KEY,
      JSON.stringify(meta),
    )
    return {
      clients: workspace.clients.length,
      sites: workspace.sites.length,
      devices: workspace.devices.length,
    }
  })
}
