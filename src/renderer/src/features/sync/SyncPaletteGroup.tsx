import { Command } from 'cmdk'
import { GitMerge, LogIn, RefreshCw, Users } from 'lucide-react'
import { useLocation } from 'wouter'
import { useSyncNow, useSyncStatusQuery } from '../../api/sync'
import { CONFLICTS_PATH } from './SyncIndicator'
import { TEAM_PATH } from './TeamPage'
import { useSyncUi } from './sync-ui-store'
import { canSeeTeamPage, isSignedInToTeam, teamRole } from './sync-view'

/** The palette's team sync commands. */
export function SyncPaletteGroup({ onDone }: { onDone: () => void }) {
  const status = useSyncStatusQuery().data
  const openSignIn = useSyncUi((s) => s.setSignInOpen)
  const syncNow = useSyncNow()
  const [, navigate] = useLocation()
  const signedIn = isSignedInToTeam(status)
  const run = (action: () => void) => () => {
    onDone()
    action()
  }
  return (
    <Command.Group heading="Team sync">
      {signedIn ? (
        <Command.Item
          value="Sync now"
          keywords={['team', 'push', 'pull']}
          onSelect={run(() => syncNow.mutate())}
          className="palette__item"
        >
          <RefreshCw aria-hidden size={16} />
          <span>Sync now</span>
        </Command.Item>
      ) : (
        <Command.Item
          value="Sign in to team server…"
          keywords={['team', 'sync', 'login', 'server']}
          onSelect={run(() => openSignIn(true))}
          className="palette__item"
        >
          <LogIn aria-hidden size={16} />
          <span>Sign in to team server…</span>
        </Command.Item>
      )}
      <Command.Item
        value="Sync conflicts"
        keywords={['team', 'conflict', 'refused', 'rejected', 'inbox']}
        onSelect={run(() => navigate(CONFLICTS_PATH))}
        className="palette__item"
      >
        <GitMerge aria-hidden size={16} />
        <span>Sync conflicts</span>
      </Command.Item>
      {canSeeTeamPage(teamRole(status)) ? (
        <Command.Item
          value="Go to Team"
          keywords={['technicians', 'installations', 'mfa']}
          onSelect={run(() => navigate(TEAM_PATH))}
          className="palette__item"
        >
          <Users aria-hidden size={16} />
          <span>Go to Team</span>
        </Command.Item>
      ) : null}
    </Command.Group>
  )
}
