import { RotateCw, WifiOff } from 'lucide-react'
import type { SessionSummary } from '@shared/contract'
import type { TerminalTab } from './terminal-hub'
import { useTerminalHub } from './use-hub'

/**
 * How a session ended, over its terminal: a drop or a failure asks for attention and offers
 * Reconnect; an ordinary end is one quiet line, and the tab stays for its scrollback.
 */
export function SessionBanner(props: { tab: TerminalTab; session: SessionSummary | undefined }) {
  const hub = useTerminalHub()
  const { tab, session } = props
  const close = (
    <button type="button" className="term-button" onClick={() => hub.closeTab(tab.key)}>
      Close
    </button>
  )

  if (tab.openError) {
    return (
      <div className="term-banner term-banner--bad" role="alert">
        <span className="term-banner__text">Could not open the session — {tab.openError}</span>
        {close}
      </div>
    )
  }
  if (!session || (session.state !== 'closed' && session.state !== 'failed')) return null

  const reconnect = (label: string) => (
    <button
      type="button"
      className="term-button term-button--primary"
      onClick={() => void hub.reconnect(tab.key)}
    >
      <RotateCw aria-hidden size={14} />
      {label}
    </button>
  )
  const reason = session.exitReason ?? 'no reason given'

  if (session.dropped) {
    return (
      <div className="term-banner term-banner--bad" role="alert">
        <WifiOff aria-hidden size={16} />
        <span className="term-banner__text">Connection lost — {reason}</span>
        {reconnect('Reconnect')}
        {close}
      </div>
    )
  }
  if (session.state === 'failed') {
    return (
      <div className="term-banner term-banner--bad" role="alert">
        <span className="term-banner__text">Could not connect — {reason}</span>
        {reconnect('Try again')}
        {close}
      </div>
    )
  }
  return (
    <div className="term-ended" role="status">
      <span>Session ended · {reason}</span>
      <button
        type="button"
        className="term-link-button"
        onClick={() => void hub.reconnect(tab.key)}
      >
        Reconnect
      </button>
    </div>
  )
}
