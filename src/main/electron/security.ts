import { app, session as electronSession, shell, type Session, type WebContents } from 'electron'
import { approveExternalUrl } from '../../shared/domain/links'
import type { Logger } from '../services/ports'
import {
  DEV_CONTENT_SECURITY_POLICY,
  devServerUrlPattern,
  isAllowedNavigation,
  originOf,
  securityHeaders,
  withHeaders,
  type OriginPolicy,
} from './policy'

/** Must run before `app` is ready: every renderer is sandboxed, whatever its options say. */
export function enableSandboxEverywhere(): void {
  app.enableSandbox()
}

/** Opens a URL in the OS only if it passes the link policy (https, mailto, tel). */
export async function openApprovedExternal(raw: string, logger: Logger): Promise<boolean> {
  const approved = approveExternalUrl(raw)
  if (!approved) {
    logger.warn('refused to open a link outside the app', raw)
    return false
  }
  await shell.openExternal(approved)
  return true
}

const hardenedSessions = new WeakSet<Session>()

/**
 * A session grants no permissions (camera, notifications, clipboard-read, HID, serial, USB...):
 * Switchboard's page needs none of them, so every request and check is answered "no".
 */
function hardenSession(session: Session, policy: OriginPolicy, logger: Logger): void {
  if (hardenedSessions.has(session)) return
  hardenedSessions.add(session)
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn(`denied a permission request: ${permission}`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)

  // The app scheme adds the CSP itself; the dev server's responses get it here.
  const devOrigin = policy.devServerOrigin
  if (devOrigin) {
    const headers = securityHeaders(DEV_CONTENT_SECURITY_POLICY)
    session.webRequest.onHeadersReceived(
      { urls: [devServerUrlPattern(devOrigin)] },
      (details, callback) => {
        if (originOf(details.url) !== devOrigin) {
          callback({})
          return
        }
        callback({ responseHeaders: withHeaders(details.responseHeaders, headers) })
      },
    )
  }
}

function guardContents(contents: WebContents, policy: OriginPolicy, logger: Logger): void {
  hardenSession(contents.session, policy, logger)

  // No new windows, ever. A link meant for the outside world goes to the OS browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openApprovedExternal(url, logger).catch((error: unknown) =>
      logger.warn('could not open an external link', error),
    )
    return { action: 'deny' }
  })

  const blockUnlessApp = (
    kind: string,
    event: { url: string; preventDefault(): void },
    isMainFrame: boolean,
  ): void => {
    if (isAllowedNavigation(event.url, policy)) return
    event.preventDefault()
    logger.warn(`blocked ${isMainFrame ? '' : 'subframe '}${kind} to ${event.url}`)
  }
  contents.on('will-navigate', (event) => blockUnlessApp('navigation', event, true))
  contents.on('will-frame-navigate', (event) => {
    // The main frame is already covered by will-navigate.
    if (!event.isMainFrame) blockUnlessApp('navigation', event, false)
  })
  contents.on('will-redirect', (event) => blockUnlessApp('redirect', event, event.isMainFrame))

  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('blocked a <webview>')
  })
}

/**
 * Applies the navigation, popup, webview and permission rules to every webContents this
 * process ever creates (windows, devtools, anything a future feature adds). Call before the
 * first window is created.
 */
export function applySecurityPolicy(policy: OriginPolicy, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, policy, logger))
  app.whenReady().then(
    () => hardenSession(electronSession.defaultSession, policy, logger),
    () => {},
  )
}
