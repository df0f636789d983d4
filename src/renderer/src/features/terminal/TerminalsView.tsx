import { TerminalSquare } from 'lucide-react'
import { useCallback, useEffect, useRef } from 'react'
import { EmptyState } from '../../ui/EmptyState'
import { Kbd, modKey } from '../../ui/Kbd'
import { QuickConnectBar } from './QuickConnectBar'
import { TerminalPane } from './TerminalPane'
import { TerminalTabs } from './TerminalTabs'
import { useHubState, useTerminalHub } from './use-hub'

/**
 * Page-level keys: Ctrl+Shift+T new (from any Sessions view), and in the Terminals view
 * Ctrl+(Shift+)Tab to switch tabs and Ctrl+Shift+F to search the active one.
 */
function useTerminalShortcuts(active: boolean, focusQuickConnect: () => void): void {
  const hub = useTerminalHub()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey
      if (!mod || e.altKey) return
      // Keys typed inside a dialog belong to the dialog.
      if (e.target instanceof Element && e.target.closest('dialog')) return
      if (e.shiftKey && e.code === 'KeyT') {
        e.preventDefault()
        hub.setView('terminals')
        // After React has shown the Terminals view again.
        requestAnimationFrame(focusQuickConnect)
        return
      }
      if (!active) return
      if (e.key === 'Tab') {
        e.preventDefault()
        hub.cycle(e.shiftKey ? -1 : 1)
      } else if (e.shiftKey && e.code === 'KeyF') {
        const key = hub.activeKey()
        if (!key) return
        e.preventDefault()
        hub.openFind(key)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [active, hub, focusQuickConnect])
}

/** Quick connect, the tab strip and one or two terminal panes. */
export function TerminalsView(props: { active: boolean }) {
  const hub = useTerminalHub()
  const hasTabs = useHubState((s) => s.tabs.length > 0)
  const panes = useHubState((s) => s.panes)
  const target = useRef<HTMLInputElement>(null)
  const focusQuickConnect = useCallback(() => {
    target.current?.focus()
    target.current?.select()
  }, [])
  useTerminalShortcuts(props.active, focusQuickConnect)

  return (
    <div className="terminals">
      <QuickConnectBar targetRef={target} onConnect={(plan) => void hub.connect(plan)} />
      {hasTabs ? (
        <>
          <TerminalTabs onNew={focusQuickConnect} />
          <div className={`term-panes${panes.length > 1 ? ' term-panes--split' : ''}`}>
            {panes.map((key, index) => (
              <TerminalPane key={key} tabKey={key} index={index} split={panes.length > 1} />
            ))}
          </div>
        </>
      ) : (
        <EmptyState icon={TerminalSquare} title="No open sessions">
          <p>
            Type <code>user@host</code> above and press Enter. <Kbd>{modKey} Shift T</Kbd> brings
            you back to this field from any terminal.
          </p>
        </EmptyState>
      )}
    </div>
  )
}
