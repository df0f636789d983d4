import type { ConnectionStatus } from '@shared/rpc/channel'
import { useAppInfo } from '../api/app'
import { useInventoryChanges } from '../api/inventory'
import { useConnection } from '../api/rpc'
import { useSyncStatusQuery } from '../api/sync'
import { SyncIndicator } from '../features/sync'
import { TicketStatusItems } from '../features/tickets'
import { VaultStatusChip } from '../features/vault'
import { StatusDot, type StatusTone } from '../ui/StatusDot'

const connectionText: Record<ConnectionStatus, { tone: StatusTone; text: string }> = {
  open: { tone: 'ok', text: 'Connected' },
  connecting: { tone: 'warn', text: 'Connecting…' },
  closed: { tone: 'bad', text: 'Disconnected — retrying' },
}

export function StatusBar() {
  const connection = useConnection()
  const info = useAppInfo()
  // Mounted for the window's life, like the bar: pulled inventory reaches every page shown.
  useInventoryChanges()
  // Signed in to a team, changes carry the name the team knows, so the bar shows that one.
  const teamName = useSyncStatusQuery().data?.server?.technician?.displayName ?? null
  const link = connectionText[connection.status]
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
      <SyncIndicator />
      <VaultStatusChip />
      <TicketStatusItems />
      <span className="statusbar__spacer" />
      {info.data ? (
        <>
          <span className="statusbar__item">
            {info.data.mode === 'browser' ? 'Browser mode' : 'Desktop'}
          </span>
          <span
            className="statusbar__item"
            title={teamName ? 'Your name on the team' : 'The user of this computer'}
          >
            {teamName ?? info.data.technician}
          </span>
          <span className="statusbar__item" data-testid="schema-version">
            Store schema v{info.data.schemaVersion}
          </span>
          <span className="statusbar__item">v{info.data.version}</span>
        </>
      ) : null}
    </footer>
  )
}
