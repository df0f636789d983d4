import { Film, KeyRound, LockKeyhole, TerminalSquare, type LucideIcon } from 'lucide-react'
import type { KeyboardEvent } from 'react'
import { PageHeader } from '../../ui/PageHeader'
import { TAB_STRIP, tabStripRef } from '../../ui/tab-strip'
import { CredentialsView } from './CredentialsView'
import { KnownHostsView } from './KnownHostsView'
import { RecordingsView } from './RecordingsView'
import { TerminalDialogs } from './TerminalDialogs'
import type { SessionsView } from './terminal-hub'
import { TerminalsView } from './TerminalsView'
import { useHubState, useTerminalHub } from './use-hub'
import './terminal.css'

const views: { id: SessionsView; label: string; icon: LucideIcon }[] = [
  { id: 'terminals', label: 'Terminals', icon: TerminalSquare },
  { id: 'recordings', label: 'Recordings', icon: Film },
  { id: 'known-hosts', label: 'Known hosts', icon: KeyRound },
  { id: 'credentials', label: 'Credentials', icon: LockKeyhole },
]

const viewTabId = (id: SessionsView): string => `sessions-view-tab-${id}`
const viewPanelId = (id: SessionsView): string => `sessions-view-${id}`

/** Remote terminals and what keeps them safe: recordings, trusted host keys, credentials. */
export function SessionsPage() {
  const hub = useTerminalHub()
  const view = useHubState((s) => s.view)

  const onArrow = (event: KeyboardEvent, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = views[(index + step + views.length) % views.length]
    if (!next) return
    hub.setView(next.id)
    document.getElementById(viewTabId(next.id))?.focus()
  }

  return (
    <section className="page sessions-page" aria-label="Sessions">
      <PageHeader
        title="Sessions"
        description="Remote terminals over SSH, with verified host keys and recordings."
      />
      <div
        ref={tabStripRef}
        className={`${TAB_STRIP} sessions-views`}
        role="tablist"
        aria-label="Sessions views"
      >
        {views.map(({ id, label, icon: Icon }, index) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={viewTabId(id)}
            aria-selected={view === id}
            aria-controls={viewPanelId(id)}
            tabIndex={view === id ? 0 : -1}
            className="sessions-views__tab"
            onClick={() => hub.setView(id)}
            onKeyDown={(e) => onArrow(e, index)}
          >
            <Icon aria-hidden size={15} />
            {label}
          </button>
        ))}
      </div>
      {/* Terminals stay mounted (hidden) so their panes keep their size and state. */}
      <div
        role="tabpanel"
        id={viewPanelId('terminals')}
        aria-labelledby={viewTabId('terminals')}
        className="sessions-view sessions-view--terminals"
        hidden={view !== 'terminals'}
      >
        <TerminalsView active={view === 'terminals'} />
      </div>
      {view !== 'terminals' ? (
        <div
          role="tabpanel"
          id={viewPanelId(view)}
          aria-labelledby={viewTabId(view)}
          className="sessions-view"
        >
          {view === 'recordings' ? <RecordingsView /> : null}
          {view === 'known-hosts' ? <KnownHostsView /> : null}
          {view === 'credentials' ? <CredentialsView /> : null}
        </div>
      ) : null}
      <TerminalDialogs />
    </section>
  )
}
