import { X } from 'lucide-react'
import { useSetSetting } from '../api/settings'
import { ContextDetails, type ContextSubject } from '../features/context'

/** The right-hand panel beside the device, ticket or client at hand: its client and site. */
export function ContextPanel({ subject }: { subject: ContextSubject }) {
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
      <ContextDetails key={`${subject.kind}:${subject.id}`} subject={subject} />
    </aside>
  )
}
