import type { SessionSummary } from '@shared/contract'
import type { StatusTone } from '../../ui/StatusDot'
import type { TerminalTab } from './terminal-hub'

export interface TabStatus {
  /** For `data-session-state`: the contract's state, or 'opening' before main answered. */
  state: SessionSummary['state'] | 'opening'
  tone: StatusTone
  label: string
}

export function tabStatus(tab: TerminalTab, session: SessionSummary | undefined): TabStatus {
  if (tab.openError) return { state: 'failed', tone: 'bad', label: 'Failed' }
  if (!session) return { state: 'opening', tone: 'warn', label: 'Connecting' }
  switch (session.state) {
    case 'connecting':
      return { state: session.state, tone: 'warn', label: 'Connecting' }
    case 'verifying-host':
      return { state: session.state, tone: 'warn', label: 'Checking the host key' }
    case 'authenticating':
      return { state: session.state, tone: 'warn', label: 'Logging in' }
    case 'connected':
      return { state: session.state, tone: 'ok', label: 'Connected' }
    case 'closed':
      return { state: session.state, tone: session.dropped ? 'bad' : 'idle', label: 'Closed' }
    case 'failed':
      return { state: session.state, tone: 'bad', label: 'Failed' }
  }
}
