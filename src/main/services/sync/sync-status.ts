import { EventEmitter } from 'node:events'
import type { SyncStatus } from '../../../shared/contract/sync'

/**
 * The sync state the status bar shows. Until a team server is configured the honest state
 * is 'not-configured'; the sync service moves it once it exists.
 */
export class SyncStatusService {
  private current: SyncStatus = {
    state: 'not-configured',
    pending: 0,
    lastSyncedAt: null,
    offlineSince: null,
    progress: null,
    conflicts: 0,
    rejected: 0,
    server: null,
  }
  private readonly changes = new EventEmitter()

  status(): SyncStatus {
    return this.current
  }

  update(next: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...next }
    this.changes.emit('change', this.current)
  }

  onDidChange(listener: (status: SyncStatus) => void): () => void {
    this.changes.on('change', listener)
    return () => this.changes.off('change', listener)
  }
}
