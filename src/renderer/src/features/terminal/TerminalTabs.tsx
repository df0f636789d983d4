import { Columns2, Plus, Square, X } from 'lucide-react'
import type { KeyboardEvent } from 'react'
import type { SessionSummary } from '@shared/contract'
import { useSessions } from '../../api/sessions'
import { StatusDot } from '../../ui/StatusDot'
import { TAB_STRIP, tabStripRef } from '../../ui/tab-strip'
import { tabStatus } from './session-status'
import type { TerminalTab } from './terminal-hub'
import { useHubState, useTerminalHub } from './use-hub'

export const tabId = (key: string): string => `term-tab-${key}`
export const paneId = (key: string): string => `term-pane-${key}`

function TerminalTabItem(props: {
  tab: TerminalTab
  session: SessionSummary | undefined
  active: boolean
  visible: boolean
  focusable: boolean
  canSplit: boolean
  onArrow(event: KeyboardEvent): void
}) {
  const hub = useTerminalHub()
  const { tab, active, visible } = props
  const status = tabStatus(tab, props.session)
  const classes = ['term-tab', active && 'term-tab--active', visible && 'term-tab--visible']
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      <button
        type="button"
        role="tab"
        id={tabId(tab.key)}
        className="term-tab__select"
        aria-selected={active}
        aria-controls={visible ? paneId(tab.key) : undefined}
        tabIndex={props.focusable ? 0 : -1}
        data-session-state={status.state}
        aria-keyshortcuts="Delete"
        onClick={() => hub.show(tab.key)}
        onKeyDown={(event) => {
          if (event.key === 'Delete') {
            event.preventDefault()
            hub.closeTab(tab.key)
          } else props.onArrow(event)
        }}
      >
        <StatusDot tone={status.tone} label={status.label} />
        <span className="term-tab__title">{tab.title}</span>
      </button>
      {/*
       * A tab list may own tabs only, so these two are for the pointer: from the keyboard,
       * Delete on a tab closes it and the Split button beside the list splits.
       */}
      {props.canSplit ? (
        <button
          type="button"
          className="icon-button term-tab__action"
          aria-hidden="true"
          tabIndex={-1}
          title={`Split: show ${tab.title} beside the active tab`}
          onClick={() => hub.split(tab.key)}
        >
          <Columns2 aria-hidden size={14} />
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button term-tab__action"
        aria-hidden="true"
        tabIndex={-1}
        title={`Close ${tab.title} (Delete)`}
        onClick={() => hub.closeTab(tab.key)}
      >
        <X aria-hidden size={14} />
      </button>
    </div>
  )
}

/** One tab per session: status, title, Split and Close; arrows move between tabs. */
export function TerminalTabs(props: { onNew(): void }) {
  const hub = useTerminalHub()
  const tabs = useHubState((s) => s.tabs)
  const panes = useHubState((s) => s.panes)
  const focusedPane = useHubState((s) => s.focusedPane)
  const sessions = useSessions().data?.sessions
  const activeKey = panes[focusedPane] ?? null
  const split = panes.length > 1
  // What Split shows beside the active tab: the tab after it.
  const activeIndex = tabs.findIndex((t) => t.key === activeKey)
  const besideActive =
    tabs.length > 1 && activeIndex >= 0 ? tabs[(activeIndex + 1) % tabs.length] : undefined

  const onArrow = (event: KeyboardEvent, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = tabs[(index + step + tabs.length) % tabs.length]
    if (next) document.getElementById(tabId(next.key))?.focus()
  }

  return (
    <div className="term-tabs">
      <div
        ref={tabStripRef}
        className={`${TAB_STRIP} term-tabs__list`}
        role="tablist"
        aria-label="Terminals"
      >
        {tabs.map((tab, index) => {
          const visible = panes.includes(tab.key)
          return (
            <TerminalTabItem
              key={tab.key}
              tab={tab}
              session={sessions?.find((s) => s.id === tab.sessionId)}
              active={tab.key === activeKey}
              visible={visible}
              focusable={tab.key === activeKey || (!activeKey && index === 0)}
              canSplit={tabs.length > 1 && !(visible && split)}
              onArrow={(e) => onArrow(e, index)}
            />
          )
        })}
      </div>
      {split ? (
        <button
          type="button"
          className="term-button term-button--quiet"
          onClick={() => hub.unsplit()}
        >
          <Square aria-hidden size={14} />
          Single pane
        </button>
      ) : besideActive ? (
        <button
          type="button"
          className="term-button term-button--quiet"
          aria-label={`Split: show ${besideActive.title} beside the active tab`}
          onClick={() => hub.split(besideActive.key)}
        >
          <Columns2 aria-hidden size={14} />
          Split
        </button>
      ) : null}
      <button
        type="button"
        className="icon-button"
        aria-label="New terminal (Ctrl+Shift+T)"
        title="New terminal (Ctrl+Shift+T)"
        onClick={props.onNew}
      >
        <Plus aria-hidden size={16} />
      </button>
    </div>
  )
}
