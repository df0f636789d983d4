import { join } from 'node:path'
import { AuditLog } from './audit/audit-log'
import { InventoryService } from './inventory/inventory-service'
import type { HostPorts } from './ports'
import { KnownHostStore } from './sessions/ssh/known-host-store'
import { RecordingStore } from './sessions/recordings/recording-store'
import { recordingLimits } from './sessions/recordings/recording-limits'
import {
  SshSessionService,
  type SshSessionServiceOptions,
} from './sessions/ssh/ssh-session-service'
import { SettingsService } from './settings/settings-service'
import { Store } from './store/store'
import type { SyncTiming } from './sync/sync-engine'
import { SyncService } from './sync/sync-service'
import { SyncStatusService } from './sync/sync-status'
import { TicketService } from './tickets/ticket-service'
import { VaultService } from './vault/vault-service'
import { VendorService } from './vendors/vendor-service'

export interface Services {
  host: HostPorts
  store: Store
  audit: AuditLog
  settings: SettingsService
  syncStatus: SyncStatusService
  sync: SyncService
  vault: VaultService
  knownHosts: KnownHostStore
  recordings: RecordingStore
  sessions: SshSessionService
  inventory: InventoryService
  tickets: TicketService
  vendors: VendorService
  dispose(): void
}

/** Session settings a caller may change from their defaults: tests shorten the timings. */
export type SessionTuning = Pick<
  SshSessionServiceOptions,
  'keepaliveIntervalMs' | 'keepaliveCountMax' | 'readyTimeoutMs' | 'agentSocket'
>

/** Builds every service for one host. Both composition roots call this and nothing else. */
export function createServices(
  host: HostPorts,
  sessionTuning: SessionTuning = {},
  syncTuning?: Partial<SyncTiming>,
): Services {
  const store = new Store({ file: join(host.paths.dataDir, 'switchboard.db') })
  const audit = new AuditLog(store)
  const settings = new SettingsService(store, audit, host.clock, host.logger, host.technician)
  const syncStatus = new SyncStatusService()
  const vault = new VaultService({ store, audit, host })
  const knownHosts = new KnownHostStore(store, host.clock)
  const recordings = new RecordingStore({
    store,
    dir: join(host.paths.dataDir, 'recordings'),
    clock: host.clock,
    limits: () => recordingLimits(settings),
    audit,
    technician: host.technician,
    logger: host.logger,
  })
  recordings.applyRetentionSafely()
  const stopRetentionWatch = settings.onDidChange((entry) => {
    if (entry.key.startsWith('recordings.retention')) recordings.applyRetentionSafely()
  })
  const sessions: SshSessionService = new SshSessionService({
    host,
    audit,
    vault,
    knownHosts,
    recordings,
    ...sessionTuning,
    // Called only once a session opens, by when the inventory and tickets below exist.
    resolvers: {
      deviceEndpoint: (deviceId) => inventory.sshEndpoint(deviceId),
      checkSessionTicket: (ticketId, device) => tickets.checkSessionTicket(ticketId, device),
    },
  })
  const tickets: TicketService = new TicketService({
    store,
    host,
    audit,
    sessions,
    recordings,
    syncStatus,
    // Asked only after start-up, by when the sync service below exists.
    teamName: (): string | null => sync.teamTechnicianName(),
  })
  const sync: SyncService = new SyncService({
    store,
    tickets,
    vault,
    settings,
    status: syncStatus,
    host,
    ...(syncTuning ? { timing: syncTuning } : {}),
  })
  const vendors = new VendorService(store, audit, host)
  const inventory: InventoryService = new InventoryService({
    store,
    audit,
    host,
    sessions,
    vault,
    onSampleOpened: (seed) => {
      vendors.openSample(seed)
      tickets.openSample(seed)
    },
    onSitesChanged: (clientId) => tickets.sitesChanged(clientId),
  })
  return {
    host,
    store,
    audit,
    settings,
    syncStatus,
    sync,
    vault,
    knownHosts,
    recordings,
    sessions,
    inventory,
    tickets,
    vendors,
    dispose() {
      sync.dispose()
      tickets.dispose()
      inventory.dispose()
      stopRetentionWatch()
      sessions.dispose()
      vault.lock()
      store.close()
    },
  }
}
