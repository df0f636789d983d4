import { Contact, X } from 'lucide-react'
import { useSetSetting } from '../api/settings'
import { EmptyState } from '../ui/EmptyState'

/** The right-hand panel where vendor contacts dock beside the device or ticket at hand. */
export function ContextPanel() {
  const setSetting = useSetSetting()
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
      <EmptyState icon={Contact} title="Nothing selected">
        <p>
          Open a device or ticket to see its client&apos;s vendors, contracts and escalation paths
          here.
        </p>
      </EmptyState>
    </aside>
  )
}
