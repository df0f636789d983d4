// The security decisions of the Electron host, as pure functions: who may talk to the
// services, where the window may go, which files the app scheme serves, which deep links are
// followed. Nothing here imports 'electron', so every rule is unit-tested in plain Node.
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../shared/domain/csp'

/** The privileged scheme the built renderer is served from. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'switchboard'
/** The renderer's origin in a built app: `app://switchboard`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The OS-level link scheme that opens Switchboard at a place: `switchboard://devices/123`. */
export const DEEP_LINK_SCHEME = 'switchboard'

const servingProtocols = new Set([`${APP_SCHEME}:`, 'http:', 'https:'])

/**
 * The origin of a URL the renderer can be served from (app:, http:, https:), or null for
 * anything else: file:, data:, javascript:, blob:, credentials in the URL, unparsable text.
 * Node gives custom schemes an opaque origin, so it is built here the way Chromium builds it
 * for a standard scheme.
 */
export function originOf(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!servingProtocols.has(url.protocol)) return null
  if (url.username || url.password || !url.hostname) return null
  return `${url.protocol}//${url.host.toLowerCase()}`
}

/** Which origins count as "the app", and the URL the window starts at. */
export interface OriginPolicy {
  /** `app://switchboard/`, or the dev server's root in development. */
  readonly entryUrl: string
  /** `app://switchboard`, plus the dev server's origin in development. */
  readonly origins: ReadonlySet<string>
  /** The dev server's origin, or null when the built renderer is used. */
  readonly devServerOrigin: string | null
  /** True when the URL belongs to one of the app's origins. */
  isAppUrl(raw: string): boolean
}

/**
 * Builds the policy. `devServerUrl` is electron-vite's ELECTRON_RENDERER_URL; the caller only
 * passes it for an unpackaged app, so an environment variable can never point a shipped build
 * at a page that would then be trusted with the services.
 */
export function createOriginPolicy(devServerUrl?: string): OriginPolicy {
  let devServerOrigin: string | null = null
  if (devServerUrl) {
    devServerOrigin = originOf(devServerUrl)
    if (!devServerOrigin || devServerOrigin.startsWith(`${APP_SCHEME}:`)) {
      throw new Error(`The renderer dev server URL must be http(s), not "${devServerUrl}"`)
    }
  }
  const origins = new Set([APP_ORIGIN, ...(devServerOrigin ? [devServerOrigin] : [])])
  return {
    entryUrl: `${devServerOrigin ?? APP_ORIGIN}/`,
    origins,
    devServerOrigin,
    isAppUrl(raw) {
      const origin = originOf(raw)
      return origin !== null && origins.has(origin)
    },
  }
}

/** What the IPC transport knows about a message's sender. */
export interface SenderFacts {
  /** The webContents is a window this process created (not a popup, not a webview). */
  isKnownWindow: boolean
  /** `event.senderFrame` was still there (it is null once the frame navigated away). */
  hasFrame: boolean
  /** The frame is its window's main frame, not an iframe. */
  isMainFrame: boolean
  /** The frame's current URL. */
  frameUrl: string
}

export type SenderCheck = { trusted: true } | { trusted: false; reason: string }

/** Only the main frame of our own window, showing our own origin, may reach the services. */
export function checkSender(facts: SenderFacts, policy: OriginPolicy): SenderCheck {
  if (!facts.isKnownWindow) return { trusted: false, reason: 'not a Switchboard window' }
  if (!facts.hasFrame) return { trusted: false, reason: 'sender frame is gone' }
  if (!facts.isMainFrame) return { trusted: false, reason: 'sent from a subframe' }
  if (!policy.isAppUrl(facts.frameUrl)) {
    return {
      trusted: false,
      reason: `origin ${originOf(facts.frameUrl) ?? '(opaque)'} is not the app`,
    }
  }
  return { trusted: true }
}

/** The window may only navigate within the app; everything else is blocked. */
export function isAllowedNavigation(url: string, policy: OriginPolicy): boolean {
  return policy.isAppUrl(url)
}

/** The parts of the app a deep link may open. */
export const DEEP_LINK_SECTIONS: ReadonlySet<string> = new Set([
  'clients',
  'devices',
  'tickets',
  'vendors',
  'sessions',
])

const DEEP_LINK_PREFIX = `${DEEP_LINK_SCHEME}://`
const DEEP_LINK_MAX_LENGTH = 512
const DEEP_LINK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/**
 * `switchboard://devices/123` -> `/devices/123`, `switchboard://tickets` -> `/tickets`.
 * Anything else is null: other schemes, unknown sections, deeper paths, ids with dots, percent
 * escapes or other characters outside [A-Za-z0-9_-]. The URL is checked as text, before any
 * URL parser could resolve `..` segments or decode escapes. A query or fragment is ignored.
 */
export function parseDeepLink(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > DEEP_LINK_MAX_LENGTH) return null
  if (raw.slice(0, DEEP_LINK_PREFIX.length).toLowerCase() !== DEEP_LINK_PREFIX) return null
  const rest = raw.slice(DEEP_LINK_PREFIX.length).split(/[?#]/, 1)[0] ?? ''
  const segments = rest.split('/')
  // Windows tends to append a slash to URLs it passes on the command line.
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop()
  if (segments.length > 2) return null
  const [rawSection = '', id] = segments
  const section = rawSection.toLowerCase()
  if (!DEEP_LINK_SECTIONS.has(section)) return null
  if (id === undefined) return `/${section}`
  return DEEP_LINK_ID.test(id) ? `/${section}/${id}` : null
}

/** The first command-line argument that looks like a deep link (Windows and Linux pass it so). */
export function findDeepLinkArg(argv: readonly string[]): string | null {
  return (
    argv.find((arg) => arg.slice(0, DEEP_LINK_PREFIX.length).toLowerCase() === DEEP_LINK_PREFIX) ??
    null
  )
}

/** Where the window goes for a parsed route: the app's own entry page with a hash route. */
export function routeUrl(route: string | null, policy: OriginPolicy): string {
  return route ? `${policy.entryUrl}#${route}` : policy.entryUrl
}

/** How the app scheme answers one request. */
export type AssetResolution =
  | {
      kind: 'file'
      /** The file to serve, inside the renderer directory. */
      file: string
      /** index.html, when a missing file is a client-side route rather than an asset. */
      fallback: string | null
    }
  | { kind: 'refuse'; status: 400 | 403 | 404; reason: string }

/**
 * Maps an `app://switchboard/...` request to a file in the built renderer. Refuses other hosts,
 * anything that decodes to a path outside the renderer directory (`..`, encoded slashes or
 * backslashes, NUL, drive letters) and dotfiles. Paths without an extension fall back to
 * index.html so client-side routes survive a reload.
 */
export function resolveRendererAsset(rendererDir: string, requestUrl: string): AssetResolution {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { kind: 'refuse', status: 400, reason: 'unparsable URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) {
    return { kind: 'refuse', status: 404, reason: 'not the app host' }
  }
  if (url.username || url.password) {
    return { kind: 'refuse', status: 400, reason: 'credentials in URL' }
  }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return { kind: 'refuse', status: 400, reason: 'malformed percent-encoding' }
  }
  if (/[\\:\0]/.test(path)) {
    return { kind: 'refuse', status: 403, reason: 'backslash, colon or NUL in path' }
  }
  if (path === '' || path.endsWith('/')) path += 'index.html'

  const root = resolve(rendererDir)
  const file = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`)
  const rel = relative(root, file)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { kind: 'refuse', status: 403, reason: 'outside the renderer directory' }
  }
  if (rel.split(sep).some((segment) => segment.startsWith('.'))) {
    return { kind: 'refuse', status: 404, reason: 'dotfile' }
  }
  return { kind: 'file', file, fallback: extname(file) === '' ? join(root, 'index.html') : null }
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/**
 * The Content-Type for a renderer file. Set explicitly because module scripts are refused
 * without a JavaScript type and the responses carry `nosniff`.
 */
export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The dev server's policy: Vite's React refresh preamble is an inline script, so the dev
 * server (and only it) also gets 'unsafe-inline' for scripts, exactly as the devCsp plugin in
 * electron.vite.config.ts does for the meta tag.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
)

/** Headers every renderer response carries, as the headless host sends them. */
export function securityHeaders(csp: string = CONTENT_SECURITY_POLICY): Record<string, string> {
  return {
    'Content-Security-Policy': `${csp}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/**
 * Response headers with `extra` set, replacing any existing header of the same name whatever
 * its case (a server's own CSP must not survive next to ours).
 */
export function withHeaders(
  existing: Record<string, string | string[]> | undefined,
  extra: Record<string, string>,
): Record<string, string[]> {
  const replaced = new Set(Object.keys(extra).map((name) => name.toLowerCase()))
  const merged: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(existing ?? {})) {
    if (!replaced.has(name.toLowerCase())) merged[name] = Array.isArray(value) ? value : [value]
  }
  for (const [name, value] of Object.entries(extra)) merged[name] = [value]
  return merged
}

/**
 * The webRequest URL pattern for the dev server. Match patterns without a port match every
 * port (a port in the pattern is not accepted everywhere), so the listener re-checks the
 * origin with `originOf`.
 */
export function devServerUrlPattern(devServerOrigin: string): string {
  const url = new URL(devServerOrigin)
  return `${url.protocol}//${url.hostname}/*`
}
