import { X } from 'lucide-react'
import { useShell } from './ui-store'

export function Notices() {
  const notices = useShell((s) => s.notices)
  const dismiss = useShell((s) => s.dismiss)
  const hold = useShell((s) => s.hold)
  const release = useShell((s) => s.release)
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice--${n.tone}`}
          role={n.tone === 'error' ? 'alert' : 'status'}
          onPointerEnter={() => hold(n.id)}
          onPointerLeave={() => release(n.id)}
          onFocus={() => hold(n.id)}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) release(n.id)
          }}
        >
          <span>{n.text}</span>
          {n.action ? (
            <button
              type="button"
              className="notice__action"
              onClick={() => {
                dismiss(n.id)
                n.action?.run()
              }}
            >
              {n.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(n.id)}
          >
            <X aria-hidden size={14} />
          </button>
        </div>
      ))}
    </div>
  )
}
