import { LogIn, LogOut } from 'lucide-react'
import { useSignOut, useSyncStatusQuery } from '../../api/sync'
import { errorText } from '../tickets/errors'
import { useSyncUi } from './sync-ui-store'
import { isSignedInToTeam } from './sync-view'

/**
 * The Settings dialog's team server section: where this installation syncs, as whom, and the
 * way in or out. `onLeave` closes Settings before the sign-in dialog opens.
 */
export function TeamServerSettings({ onLeave }: { onLeave: () => void }) {
  const status = useSyncStatusQuery().data
  const openSignIn = useSyncUi((s) => s.setSignInOpen)
  const signOut = useSignOut()
  const technician = status?.server?.technician ?? null
  return (
    <section className="settings-section" aria-labelledby="settings-team-server">
      <h3 id="settings-team-server" className="settings-section__title">
        Team server
      </h3>
      <dl className="settings-facts">
        <dt>Server</dt>
        <dd>{status?.server?.url ?? 'None: this installation works alone'}</dd>
        <dt>Signed in as</dt>
        <dd>{technician ? `${technician.displayName} <${technician.email}>` : 'Nobody'}</dd>
      </dl>
      <div className="settings-section__actions">
        {isSignedInToTeam(status) ? (
          <button
            type="button"
            className="term-button"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate()}
          >
            <LogOut aria-hidden size={14} />
            Sign out
          </button>
        ) : (
          <button
            type="button"
            className="term-button"
            onClick={() => {
              onLeave()
              openSignIn(true)
            }}
          >
            <LogIn aria-hidden size={14} />
            Sign in to team server…
          </button>
        )}
        {signOut.isError ? (
          <span role="alert" className="settings-section__status">
            {errorText(signOut.error)}
          </span>
        ) : null}
      </div>
    </section>
  )
}
