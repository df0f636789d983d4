import { GitMerge, LogIn, RefreshCw, Users } from 'lucide-react'
import { useLocation } from 'wouter'
import { useSyncNow, useSyncStatusQuery } from '../../api/sync'
import type { PaletteCommand } from '../../app/palette/palette-commands'
import { CONFLICTS_PATH } from './SyncIndicator'
import { TEAM_PATH } from './TeamPage'
import { useSyncUi } from './sync-ui-store'
import { canSeeTeamPage, isSignedInToTeam, teamRole } from './sync-view'

const group = 'Team sync'

/** The palette's team sync commands. */
export function useSyncPaletteCommands(): PaletteCommand[] {
  const status = useSyncStatusQuery().data
  const openSignIn = useSyncUi((s) => s.setSignInOpen)
  const syncNow = useSyncNow()
  const [, navigate] = useLocation()
  const commands: PaletteCommand[] = [
    isSignedInToTeam(status)
      ? {
          label: 'Sync now',
          keywords: ['team', 'push', 'pull'],
          icon: RefreshCw,
          group,
          run: () => syncNow.mutate(),
        }
      : {
          label: 'Sign in to team server…',
          keywords: ['team', 'sync', 'login', 'server'],
          icon: LogIn,
          group,
          run: () => openSignIn(true),
        },
    {
      label: 'Sync conflicts',
      keywords: ['team', 'conflict', 'refused', 'rejected', 'inbox'],
      icon: GitMerge,
      group,
      run: () => navigate(CONFLICTS_PATH),
    },
  ]
  if (canSeeTeamPage(teamRole(status))) {
    commands.push({
      label: 'Go to Team',
      keywords: ['technicians', 'installations', 'mfa'],
      icon: Users,
      group,
      run: () => navigate(TEAM_PATH),
    })
  }
  return commands
}
