import { useSyncStatusQuery } from '../../../api/sync'
import { useTeamDirectory } from '../../../api/team'
import { useTicketPickLists } from '../../../api/tickets'

export interface Assignees {
  /** The names offered. */
  names: string[]
  /** Who "Assign to me" assigns. */
  me: string | null
  /** Signed in to a team: only its members can be assigned (the list is the team's). */
  teamOnly: boolean
}

/**
 * Who a ticket can be assigned to: signed in to a team, its directory (and "me" is the name
 * the team knows); otherwise the names this installation has seen, as before.
 */
export function useAssignees(): Assignees {
  const technician = useSyncStatusQuery().data?.server?.technician ?? null
  const directory = useTeamDirectory(technician !== null)
  const pickLists = useTicketPickLists()
  if (technician !== null && directory.data) {
    const names = directory.data.members.map((m) => m.displayName)
    return {
      names: [...new Set(names)].sort((a, b) => a.localeCompare(b)),
      me: technician.displayName,
      teamOnly: true,
    }
  }
  return { names: pickLists.data?.assignees ?? [], me: pickLists.data?.me ?? null, teamOnly: false }
}
