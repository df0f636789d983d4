import type { BrowserWindow } from 'electron'
import type { Logger } from '../services/ports'
import { parseDeepLink, routeUrl, type OriginPolicy } from './policy'

export interface DeepLinkRouter {
  /** Follows a `switchboard://` link if it is one Switchboard understands; ignores it otherwise. */
  open(raw: string): void
  /** The URL a new window should start at: the entry page, or the link that launched the app. */
  startUrl(): string
}

/**
 * Turns `switchboard://devices/123` into the app's own page at `#/devices/123`. The only
 * effect of a link is loading the app's own origin with a hash route, which does not reload
 * a page already showing the app; nothing from the link is ever run or sent anywhere.
 */
export function createDeepLinkRouter(options: {
  policy: OriginPolicy
  window: () => BrowserWindow | null
  logger: Logger
}): DeepLinkRouter {
  const { policy, logger } = options
  // A link that arrives before there is a window (the launch itself, or macOS's open-url
  // before ready) becomes the window's start page.
  let pending: string | null = null

  return {
    open(raw) {
      const route = parseDeepLink(raw)
      if (!route) {
        logger.warn('ignored a link Switchboard does not handle', raw.slice(0, 200))
        return
      }
      const win = options.window()
      if (!win || win.isDestroyed()) {
        pending = route
        return
      }
      if (win.isMinimized()) win.restore()
      win.focus()
      const target = routeUrl(route, policy)
      // Loading the exact URL again would reload the page rather than change the hash.
      if (win.webContents.getURL() === target) return
      win.loadURL(target).catch((error: unknown) => {
        logger.warn('could not open a link in the app', error)
      })
    },
    startUrl() {
      const url = routeUrl(pending, policy)
      pending = null
      return url
    },
  }
}
