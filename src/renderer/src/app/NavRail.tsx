import { Link, useLocation } from 'wouter'
import { TeamNavItem } from '../features/sync'
import { Kbd } from '../ui/Kbd'
import { sections } from './sections'

export function NavRail() {
  const [location] = useLocation()
  return (
    <nav className="nav" aria-label="Sections">
      <div className="nav__brand" aria-hidden>
        <span className="nav__logo">S</span>
        <span className="nav__name">Switchboard</span>
      </div>
      <ul className="nav__list">
        {sections.map((section) => {
          const active = location === section.path || location.startsWith(`${section.path}/`)
          const Icon = section.icon
          return (
            <li key={section.id}>
              <Link
                href={section.path}
                className={active ? 'nav__item nav__item--active' : 'nav__item'}
                aria-current={active ? 'page' : undefined}
                title={`${section.label} (Alt+${section.shortcut})`}
              >
                <Icon aria-hidden size={18} />
                <span className="nav__label">{section.label}</span>
                <Kbd>Alt {section.shortcut}</Kbd>
              </Link>
            </li>
          )
        })}
        <TeamNavItem />
      </ul>
    </nav>
  )
}
