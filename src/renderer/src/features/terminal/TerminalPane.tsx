import { useEffect, useRef } from 'react'
import { useSessions } from '../../api/sessions'
import { FindBar } from './FindBar'
import { SessionBanner } from './SessionBanner'
import { tabStatus } from './session-status'
import { paneId, tabId } from './TerminalTabs'
import { useHubState, useTerminalHub } from './use-hub'

/** Shows one tab's terminal: the hub's xterm moves into this container while it is mounted. */
export function TerminalPane(props: { tabKey: string; index: number; split: boolean }) {
  const { tabKey, index } = props
  const hub = useTerminalHub()
  const tab = useHubState((s) => s.tabs.find((t) => t.key === tabKey))
  const focused = useHubState((s) => s.panes[s.focusedPane] === tabKey)
  const findOpen = useHubState((s) => s.findOpen.includes(tabKey))
  const session = useSessions().data?.sessions.find((s) => s.id === tab?.sessionId)
  const screen = useRef<HTMLDivElement>(null)
  const terminal = hub.terminal(tabKey)

  useEffect(() => {
    const container = screen.current
    if (!terminal || !container) return
    terminal.attach(container)
    return () => terminal.detach()
  }, [terminal])

  if (!tab || !terminal) return null
  const status = tabStatus(tab, session)
  return (
    <section
      id={paneId(tabKey)}
      role="tabpanel"
      aria-labelledby={tabId(tabKey)}
      className={`term-pane${props.split && focused ? ' term-pane--focused' : ''}`}
      onFocus={() => hub.focusPane(index)}
      onMouseDown={() => hub.focusPane(index)}
    >
      {findOpen ? <FindBar tabKey={tabKey} terminal={terminal} /> : null}
      <div
        ref={screen}
        className="term-pane__screen"
        data-testid={`terminal-${tab.sessionId ?? `pending-${tabKey}`}`}
        data-session-state={status.state}
      />
      <SessionBanner tab={tab} session={session} />
    </section>
  )
}
