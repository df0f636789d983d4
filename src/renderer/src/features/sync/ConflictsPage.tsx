import { Link } from 'wouter'
import type { SyncConflict, SyncRejection } from '@shared/contract/sync'
import {
  useDismissRejection,
  useResolveConflict,
  useSyncConflicts,
  useSyncRejections,
} from '../../api/sync'
import { PageHeader } from '../../ui/PageHeader'
import { useNow } from '../../ui/use-now'
import { errorText } from '../tickets/errors'
import { clockTime, conflictSentence, conflictTarget, rejectionTitle } from './sync-view'
import './sync.css'

/**
 * The sync inbox: changes of this technician's that met a newer one on the team (each decided
 * with "Apply mine" or "Keep theirs"), and changes the server refused for good.
 */
export function ConflictsPage() {
  const conflicts = useSyncConflicts()
  const rejections = useSyncRejections()
  const now = useNow()
  return (
    <div className="page sync-page">
      <PageHeader
        title="Sync conflicts"
        description="Changes you made that did not reach the team as you made them."
      />
      <section className="sync-section" aria-labelledby="sync-conflicts-title">
        <h2 id="sync-conflicts-title" className="sync-section__title">
          Conflicts
          {conflicts.data ? (
            <span className="sync-section__count">{conflicts.data.conflicts.length}</span>
          ) : null}
        </h2>
        {conflicts.isPending ? (
          <p className="sync-section__hint">Loading…</p>
        ) : conflicts.isError ? (
          <p className="vault-form__error" role="alert">
            {errorText(conflicts.error)}
          </p>
        ) : conflicts.data.conflicts.length === 0 ? (
          <p className="sync-section__hint">
            No conflicts. When someone on the team changes a field you changed offline, it is listed
            here for you to decide.
          </p>
        ) : (
          <ul className="sync-list" data-testid="sync-conflicts">
            {conflicts.data.conflicts.map((conflict) => (
              <ConflictRow key={conflict.id} conflict={conflict} now={now} />
            ))}
          </ul>
        )}
      </section>
      <section className="sync-section" aria-labelledby="sync-rejections-title">
        <h2 id="sync-rejections-title" className="sync-section__title">
          Refused by the server
          {rejections.data ? (
            <span className="sync-section__count">{rejections.data.rejections.length}</span>
          ) : null}
        </h2>
        {rejections.isPending ? (
          <p className="sync-section__hint">Loading…</p>
        ) : rejections.isError ? (
          <p className="vault-form__error" role="alert">
            {errorText(rejections.error)}
          </p>
        ) : rejections.data.rejections.length === 0 ? (
          <p className="sync-section__hint">
            The server has applied or kept every change you sent.
          </p>
        ) : (
          <ul className="sync-list" data-testid="sync-rejections">
            {rejections.data.rejections.map((rejection) => (
              <RejectionRow key={rejection.mutationId} rejection={rejection} now={now} />
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function ConflictRow({ conflict, now }: { conflict: SyncConflict; now: number }) {
  const resolve = useResolveConflict()
  const sentence = conflictSentence(conflict, now)
  const target = conflictTarget(conflict)
  const pendingChoice = resolve.isPending ? resolve.variables.choice : null
  return (
    <li className="sync-item" data-testid="sync-conflict">
      <div className="sync-item__body">
        <p className="sync-item__sentence">
          {target.href ? (
            <Link href={target.href} className="sync-item__ticket">
              {target.label}
            </Link>
          ) : (
            <span className="sync-item__ticket">{target.label}</span>
          )}{' '}
          <span className="sync-item__subject">{conflict.subject}</span>
          <br />
          {sentence.theirs}; {sentence.mine}.
        </p>
        {resolve.isError ? (
          <p className="vault-form__error" role="alert">
            {errorText(resolve.error)}
          </p>
        ) : null}
      </div>
      <div
        className="sync-item__actions"
        role="group"
        aria-label={`Decide ${target.label} ${conflict.subject}`}
      >
        <button
          type="button"
          className="vault-button vault-button--primary"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'mine' })}
        >
          {pendingChoice === 'mine' ? 'Applying…' : 'Apply mine'}
        </button>
        <button
          type="button"
          className="vault-button"
          disabled={resolve.isPending}
          onClick={() => resolve.mutate({ id: conflict.id, choice: 'theirs' })}
        >
          {pendingChoice === 'theirs' ? 'Keeping…' : 'Keep theirs'}
        </button>
      </div>
    </li>
  )
}

function RejectionRow({ rejection, now }: { rejection: SyncRejection; now: number }) {
  const dismiss = useDismissRejection()
  return (
    <li className="sync-item" data-testid="sync-rejection">
      <div className="sync-item__body">
        <p className="sync-item__sentence">
          <strong>{rejectionTitle(rejection)}</strong> was refused at {clockTime(rejection.at, now)}
          : {rejection.reason}
          {/* A refused creation leaves no ticket to open. */}
          {rejection.ticketId && rejection.intent !== 'tickets.create' ? (
            <>
              {' · '}
              <Link href={`/tickets/${rejection.ticketId}`}>Open the ticket</Link>
            </>
          ) : null}
        </p>
        {dismiss.isError ? (
          <p className="vault-form__error" role="alert">
            {errorText(dismiss.error)}
          </p>
        ) : null}
      </div>
      <div className="sync-item__actions">
        <button
          type="button"
          className="vault-button"
          aria-label={`Dismiss: ${rejectionTitle(rejection)}, ${rejection.reason}`}
          disabled={dismiss.isPending}
          onClick={() => dismiss.mutate(rejection.mutationId)}
        >
          Dismiss
        </button>
      </div>
    </li>
  )
}
