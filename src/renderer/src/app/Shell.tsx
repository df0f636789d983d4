import { Suspense } from 'react'
import { Redirect, Route, Switch, useLocation } from 'wouter'
import { useSetting } from '../api/settings'
import { subjectOfPath } from '../features/context'
import {
  CONFLICTS_PATH,
  ConflictsPage,
  SyncSignInHost,
  TEAM_PATH,
  TeamPage,
} from '../features/sync'
import { CommandPalette } from './CommandPalette'
import { ContextPanel } from './ContextPanel'
import { NavRail } from './NavRail'
import { Notices } from './Notices'
import { SectionHome } from './SectionHome'
import { sectionPages } from './section-pages'
import { sections } from './sections'
import { StatusBar } from './StatusBar'
import { TopBar } from './TopBar'
import { useAppliedTheme } from './theme'
import { useShortcuts } from './use-shortcuts'

/** The frame every feature plugs into: nav, main area, context panel, status bar. */
export function Shell() {
  useAppliedTheme()
  useShortcuts()
  const panelOpen = useSetting('ui.contextPanelOpen')
  const [path] = useLocation()
  // Beside a device, ticket or client page only: a list or the terminals need the width more
  // than a panel with nothing to say.
  const subject = panelOpen ? subjectOfPath(path) : null
  return (
    <div className={subject ? 'shell shell--with-context' : 'shell'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <NavRail />
      <TopBar />
      <main id="main" className="main">
        <Suspense fallback={<p className="main__loading">Loading…</p>}>
          <Switch>
            {sections.map((section) => {
              const Page = sectionPages[section.id]
              return (
                <Route key={section.id} path={section.path} nest>
                  {Page ? <Page /> : <SectionHome section={section} />}
                </Route>
              )
            })}
            <Route path={CONFLICTS_PATH}>
              <ConflictsPage />
            </Route>
            <Route path={TEAM_PATH}>
              <TeamPage />
            </Route>
            <Route>
              <Redirect to="/clients" replace />
            </Route>
          </Switch>
        </Suspense>
      </main>
      {subject ? <ContextPanel subject={subject} /> : null}
      <StatusBar />
      <CommandPalette />
      <SyncSignInHost />
      <Notices />
    </div>
  )
}
