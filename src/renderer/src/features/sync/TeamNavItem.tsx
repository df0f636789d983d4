import { Users } from 'lucide-react'
import { Link, useLocation } from 'wouter'
import { useSyncStatusQuery } from '../../api/sync'
import { TEAM_PATH } from './TeamPage'
import { canSeeTeamPage, teamRole } from './sync-view'

/** The Team page in the navigation, for a team's leads and admins only. */
export function TeamNavItem() {
  const role = teamRole(useSyncStatusQuery().data)
  const [location] = useLocation()
  if (!canSeeTeamPage(role)) return null
  const active = location === TEAM_PATH || location.startsWith(`${TEAM_PATH}/`)
  return (
    <li>
      <Link
        href={TEAM_PATH}
        className={active ? 'nav__item nav__item--active' : 'nav__item'}
        aria-current={active ? 'page' : undefined}
        title="Team: technicians, clients and installations"
      >
        <Users aria-hidden size={18} />
        <span className="nav__label">Team</span>
      </Link>
    </li>
  )
}
