import { CloudOff, LogIn, LogOut, RefreshCw, Wifi } from 'lucide-react'
import { useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react'
import { Link } from 'wouter'
import type { SyncStatus } from '@shared/contract/sync'
import { useSetWorkOffline, useSignOut, useSyncNow, useSyncStatus } from '../../api/sync'
import { StatusDot } from '../../ui/StatusDot'
import { useOutsidePointer } from '../../ui/use-outside-pointer'
import { errorText } from '../tickets/errors'
import { useNow } from '../../ui/use-now'
import { useSyncUi } from './sync-ui-store'
import { attentionText, lastSyncedText, syncSummary } from './sync-view'
import './sync.css'

export const CONFLICTS_PATH = '/sync/conflicts'

/**
 * The status bar's sync item: the state in a few words, and a button that opens the details
 * with what can be done about them. The panel is fixed-positioned above the button, since the
 * status bar clips what overflows it.
 */
export function SyncIndicator() {
  const status = useSyncStatus().data
  const now = useNow()
  const summary = syncSummary(status, now)
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const titleId = useId()
  const button = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState<CSSProperties>({})
  const attention = status ? attentionText(status) : null

  useLayoutEffect(() => {
    if (!open || !button.current) return
    const rect = button.current.getBoundingClientRect()
    setPlace({ left: Math.max(8, rect.left), bottom: window.innerHeight - rect.top + 6 })
  }, [open])

  useOutsidePointer(open, [panel, button], () => setOpen(false))

  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }

  return (
    <span
      className="statusbar__item"
      data-testid="sync-status"
      data-state={status?.state ?? ''}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="sync-chip"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <StatusDot tone={summary.tone} label={summary.text} />
        <span>{summary.text}</span>
        {attention ? <span className="sync-chip__badge">{attention}</span> : null}
        <span className="vault-visually-hidden">: sync details</span>
      </button>
      {open ? (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-labelledby={titleId}
          className="sync-popover"
          style={place}
          data-testid="sync-popover"
        >
          <SyncDetails status={status} now={now} titleId={titleId} onDone={() => setOpen(false)} />
        </div>
      ) : null}
    </span>
  )
}

function SyncDetails(props: {
  status: SyncStatus | undefined
  now: number
  titleId: string
  onDone(): void
}) {
  const { status, now } = props
  const summary = syncSummary(status, now)
  const syncNow = useSyncNow()
  const setOffline = useSetWorkOffline()
  const signOut = useSignOut()
  const openSignIn = useSyncUi((s) => s.setSignInOpen)
  const failure = syncNow.error ?? setOffline.error ?? signOut.error

  const signedIn = status?.server?.technician != null
  const state = status?.state
  const canSync = signedIn && state !== 'working-offline' && state !== 'syncing'
  const workingOffline = state === 'working-offline'

  return (
    <>
      <h2 id={props.titleId} className="sync-popover__title">
        <StatusDot tone={summary.tone} label={summary.text} />
        {summary.text}
      </h2>
      {summary.detail ? <p className="sync-popover__detail">{summary.detail}</p> : null}
      {status ? (
        <dl className="sync-popover__facts">
          <dt>Last synced</dt>
          <dd>{lastSyncedText(status, now).replace(/^Last synced /, '')}</dd>
          <dt>Not yet synced</dt>
          <dd>
            {status.pending === 0
              ? 'Nothing'
              : `${status.pending} change${status.pending === 1 ? '' : 's'}`}
          </dd>
          {status.server ? (
            <>
              <dt>Server</dt>
              <dd className="sync-popover__mono">{status.server.url}</dd>
              <dt>Signed in as</dt>
              <dd>
                {status.server.technician
                  ? `${status.server.technician.displayName} (${status.server.technician.role})`
                  : 'Nobody'}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {status && (status.conflicts > 0 || status.rejected > 0) ? (
        <Link
          href={CONFLICTS_PATH}
          className="sync-popover__attention"
          onClick={props.onDone}
          data-testid="sync-inbox-link"
        >
          {attentionText(status)}: review
        </Link>
      ) : (
        <Link href={CONFLICTS_PATH} className="sync-popover__quiet" onClick={props.onDone}>
          Conflicts and refused changes
        </Link>
      )}
      {failure ? (
        <p className="vault-form__error" role="alert">
          {errorText(failure)}
        </p>
      ) : null}
      <div className="sync-popover__actions">
        {signedIn ? (
          <>
            <button
              type="button"
              className="vault-button vault-button--primary"
              disabled={!canSync || syncNow.isPending}
              onClick={() => syncNow.mutate()}
            >
              <RefreshCw aria-hidden size={14} />
              {syncNow.isPending || state === 'syncing' ? 'Syncing…' : 'Sync now'}
            </button>
            <button
              type="button"
              className="vault-button"
              aria-pressed={workingOffline}
              disabled={setOffline.isPending}
              onClick={() => setOffline.mutate(!workingOffline)}
            >
              {workingOffline ? <Wifi aria-hidden size={14} /> : <CloudOff aria-hidden size={14} />}
              {workingOffline ? 'Go back online' : 'Work offline'}
            </button>
            <button
              type="button"
              className="vault-button"
              disabled={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              <LogOut aria-hidden size={14} />
              Sign out
            </button>
          </>
        ) : (
          <button
            type="button"
            className="vault-button vault-button--primary"
            onClick={() => {
              props.onDone()
              openSignIn(true)
            }}
          >
            <LogIn aria-hidden size={14} />
            Sign in…
          </button>
        )}
      </div>
    </>
  )
}
