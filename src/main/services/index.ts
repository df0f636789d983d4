import { join } from 'node:path'
import { AuditLog } from './audit/audit-log'
import type { HostPorts } from './ports'
import { SettingsService } from './settings/settings-service'
import { Store } from './store/store'
import { SyncStatusService } from './sync/sync-status'

export interface Services {
  host: HostPorts
  store: Store
  audit: AuditLog
  settings: SettingsService
  syncStatus: SyncStatusService
  dispose(): void
}

/** Builds every service for one host. Both composition roots call this and nothing else. */
export function createServices(host: HostPorts): Services {
  const store = new Store({ file: join(host.paths.dataDir, 'switchboard.db') })
  const audit = new AuditLog(store)
  const settings = new SettingsService(store, audit, host.clock, host.logger, host.technician)
  const syncStatus = new SyncStatusService()
  return {
    host,
    store,
    audit,
    settings,
    syncStatus,
    dispose() {
      store.close()
    },
  }
}
