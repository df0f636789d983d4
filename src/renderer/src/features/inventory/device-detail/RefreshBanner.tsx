import { CircleCheck, LoaderCircle, TriangleAlert, X } from 'lucide-react'
import { changeText } from './history'
import { refreshAdvice, type RefreshRemedy, type RefreshState } from './refresh-state'

const remedyLabels: Record<RefreshRemedy, string> = {
  'open-session': 'Open SSH session',
  edit: 'Edit device',
  'unlock-vault': 'Unlock vault',
  'known-hosts': 'Open Known hosts',
  retry: 'Try again',
}

const workingText = {
  starting: 'Starting…',
  queued: 'Queued…',
  connecting: 'Connecting over SSH…',
  collecting: 'Collecting inventory…',
} as const

/** The live state of "Refresh inventory": progress, what changed, or why it failed. */
export function RefreshBanner(props: {
  state: RefreshState
  firstCollection: boolean
  onRemedy(remedy: RefreshRemedy): void
  onCancel(): void
  onDismiss(): void
  onShowHistory(): void
}) {
  const { state } = props
  if (state.phase === 'idle') return null

  const dismiss = (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={props.onDismiss}>
      <X aria-hidden size={15} />
    </button>
  )

  if (state.phase === 'failed') {
    const advice = refreshAdvice(state.reason)
    return (
      <div className="detail-banner detail-banner--bad" role="alert" data-testid="refresh-status">
        <TriangleAlert aria-hidden size={18} className="detail-banner__icon" />
        <div className="detail-banner__body">
          <strong>Refresh failed: {advice.title}</strong>
          <p className="detail-banner__message">{state.message}</p>
          <p className="detail-banner__advice">{advice.advice}</p>
        </div>
        <button
          type="button"
          className="vault-button"
          onClick={() => props.onRemedy(advice.remedy)}
        >
          {remedyLabels[advice.remedy]}
        </button>
        {dismiss}
      </div>
    )
  }

  if (state.phase === 'done') {
    const count = state.changes.length
    const headline =
      count > 0
        ? `Inventory refreshed: ${count === 1 ? '1 change' : `${count} changes`}`
        : props.firstCollection
          ? 'Inventory collected for the first time'
          : 'Inventory refreshed: nothing changed'
    return (
      <div className="detail-banner detail-banner--ok" role="status" data-testid="refresh-status">
        <CircleCheck aria-hidden size={18} className="detail-banner__icon" />
        <div className="detail-banner__body">
          <strong>{headline}</strong>
          {count > 0 ? (
            <ul className="detail-banner__changes">
              {state.changes.slice(0, 4).map((change) => (
                <li key={change.field}>{changeText(change)}</li>
              ))}
              {count > 4 ? <li>and {count - 4} more</li> : null}
            </ul>
          ) : null}
          {state.problems.length > 0 ? (
            <p className="detail-banner__advice">
              The probe could not find out: {state.problems.join('; ')}
            </p>
          ) : null}
        </div>
        <button type="button" className="vault-button" onClick={props.onShowHistory}>
          Show history
        </button>
        {dismiss}
      </div>
    )
  }

  if (state.phase === 'cancelled') {
    return (
      <div className="detail-banner" role="status" data-testid="refresh-status">
        <div className="detail-banner__body">
          <strong>Refresh cancelled</strong>
        </div>
        {dismiss}
      </div>
    )
  }

  return (
    <div className="detail-banner detail-banner--busy" role="status" data-testid="refresh-status">
      <LoaderCircle aria-hidden size={18} className="detail-banner__icon detail-spin" />
      <div className="detail-banner__body">
        <strong>{workingText[state.phase]}</strong>
      </div>
      {state.phase !== 'starting' ? (
        <button type="button" className="vault-button" onClick={props.onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  )
}
