import { Contact, X } from 'lucide-react'
import { useLocation } from 'wouter'
import { useSetSetting } from '../api/settings'
import { ContextDetails, subjectOfPath } from '../features/context'
import { EmptyState } from '../ui/EmptyState'

/** The right-hand panel beside the device, ticket or client at hand: its client and site. */
export function ContextPanel() {
  const setSetting = useSetSetting()
  const [path] = useLocation()
  const subject = subjectOfPath(path)
  return (
    <aside className="context" aria-label="Context panel">
      <header className="context__header">
        <h2 className="context__title">Context</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Hide context panel"
          onClick={() => setSetting.mutate({ key: 'ui.contextPanelOpen', value: false })}
        >
          <X aria-hidden size={16} />
        </button>
      </header>
      {subject ? (
        <ContextDetails key={`${subject.kind}:${subject.id}`} subject={subject} />
      ) : (
        <EmptyState icon={Contact} title="Nothing selected">
          <p>
            Open a device, ticket or client to see its client, the site&apos;s local time and
            opening hours, and the client&apos;s open tickets here.
          </p>
        </EmptyState>
      )}
    </aside>
  )
}
