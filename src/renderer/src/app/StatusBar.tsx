import type { SyncStatus } from '@shared/contract/sync'
import type { ConnectionStatus } from '@shared/rpc/channel'
import { useAppInfo } from '../api/app'
import { useConnection } from '../api/rpc'
import { useSyncStatus } from '../api/sync'
import { TicketStatusItems } from '../features/tickets'
import { VaultStatusChip } from '../features/vault'
import { StatusDot, type StatusTone } from '../ui/StatusDot'

const connectionText: Record<ConnectionStatus, { tone: StatusTone; text: string }> = {
  open: { tone: 'ok', text: 'Connected' },
  connecting: { tone: 'warn', text: 'Connecting…' },
  closed: { tone: 'bad', text: 'Disconnected — retrying' },
}

function syncText(status: SyncStatus | undefined): { tone: StatusTone; text: string } {
  if (!status) return { tone: 'idle', text: 'Sync: …' }
  const pending = status.pending ? ` · ${status.pending} not yet synced` : ''
  switch (status.state) {
    case 'not-configured':
      return { tone: 'idle', text: `Sync: no team server${pending}` }
    case 'offline':
      return { tone: 'warn', text: `Sync: offline${pending}` }
    case 'syncing':
      return { tone: 'warn', text: `Syncing${pending}` }
    case 'synced':
      return { tone: 'ok', text: `Synced${pending}` }
    case 'error':
      return { tone: 'bad', text: `Sync error: ${status.message ?? 'unknown'}` }
  }
}

export function StatusBar() {
  const connection = useConnection()
  const sync = useSyncStatus()
  const info = useAppInfo()
  const link = connectionText[connection.status]
  const syncInfo = syncText(sync.data)
  const hint =
    connection.mode === 'browser' && connection.failures >= 3
      ? ' (if this persists, open the URL printed by `npm run web` again)'
      : ''
  return (
    <footer className="statusbar">
      <span
        className="statusbar__item"
        data-testid="connection-status"
        data-status={connection.status}
      >
        <StatusDot tone={link.tone} label={link.text} />
        {link.text}
        {hint}
      </span>
      <span
        className="statusbar__item"
        data-testid="sync-status"
        data-state={sync.data?.state ?? ''}
      >
        <StatusDot tone={syncInfo.tone} label={syncInfo.text} />
        {syncInfo.text}
      </span>
      <VaultStatusChip />
      <TicketStatusItems />
      <span className="statusbar__spacer" />
      {info.data ? (
        <>
          <span className="statusbar__item">
            {info.data.mode === 'browser' ? 'Browser mode' : 'Desktop'}
          </span>
          <span className="statusbar__item">{info.data.technician}</span>
          <span className="statusbar__item" data-testid="schema-version">
            Store schema v{info.data.schemaVersion}
          </span>
          <span className="statusbar__item">v{info.data.version}</span>
        </>
      ) : null}
    </footer>
  )
}
