import type { Channel, SwitchboardBridge } from '@shared/rpc/channel'
import { createWebSocketChannel, type WebSocketChannel } from './websocket-channel'

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the preload. */
    switchboard?: SwitchboardBridge
  }
}

const TOKEN_KEY = 'switchboard.token'

/** Why browser mode cannot connect: the page has no launch token, or the host refused it. */
export type TokenProblem = 'missing' | 'refused'

export interface PickedTransport {
  mode: 'electron' | 'browser'
  channel: Channel
  /** Attempts that failed since the last good connection (browser mode only). */
  failures(): number
  /** Browser mode: null until the page is known to lack a token the host takes. */
  tokenProblem(): TokenProblem | null
  onTokenProblem(listener: () => void): () => void
}

// The browser hides why an upgrade failed, so a refused token (HTTP 401) looks like a host
// that is down. A host that still serves its page is up; two failed attempts in a row while it
// does are a refusal, not a restart that raced one attempt.
const REFUSED_AFTER = 2

/** Whether the host behind this page answers plain HTTP right now. */
async function hostAnswers(): Promise<boolean> {
  try {
    return (await fetch('/', { method: 'HEAD', cache: 'no-store' })).ok
  } catch {
    return false
  }
}

/** Calls `onRefused` once, and stops the futile retries, when the host keeps refusing the token. */
function watchForRefusal(channel: WebSocketChannel, onRefused: () => void): void {
  let strikes = 0
  let done = false
  channel.onStatus((status) => {
    if (status === 'open') strikes = 0
    if (status !== 'closed' || done) return
    void hostAnswers().then((up) => {
      // The next attempt may already have opened while the probe was out.
      if (done || channel.status() === 'open') return
      strikes = up ? strikes + 1 : 0
      if (strikes < REFUSED_AFTER) return
      done = true
      channel.close()
      onRefused()
    })
  })
}

/** Stands in for the socket when there is no token to open one with. */
const withoutLink: Channel = {
  send() {
    throw new Error('not connected: this page has no access token')
  },
  onMessage: () => () => {},
  onStatus: () => () => {},
  status: () => 'closed',
}

/**
 * The launch token arrives once in the URL fragment (never sent to a server). It is moved to
 * sessionStorage so a reload keeps working, and scrubbed from the address bar and history.
 */
export function takeLaunchToken(loc: Location, storage: Storage, history: History): string | null {
  const match = /^#token=([\w-]+)$/.exec(loc.hash)
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', `${loc.pathname}${loc.search}#/`)
  }
  return storage.getItem(TOKEN_KEY)
}

/** A performance mark for bench/startup: when the shell first reached main. */
function markFirstConnection(channel: Channel): void {
  const stop = channel.onStatus?.((status) => {
    if (status !== 'open') return
    performance.mark('switchboard:connected')
    stop?.()
  })
}

export function pickTransport(): PickedTransport {
  const bridge = window.switchboard
  if (bridge) {
    performance.mark('switchboard:connected')
    return {
      mode: 'electron',
      channel: bridge,
      failures: () => 0,
      tokenProblem: () => null,
      onTokenProblem: () => () => {},
    }
  }
  // A new launch URL pasted into this tab is only a hash change: take its token and start over.
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#token=')) {
      takeLaunchToken(window.location, window.sessionStorage, window.history)
      window.location.reload()
    }
  })
  let problem: TokenProblem | null = null
  const problemListeners = new Set<() => void>()
  const tokenProblems = {
    tokenProblem: () => problem,
    onTokenProblem(listener: () => void) {
      problemListeners.add(listener)
      return () => problemListeners.delete(listener)
    },
  }
  const token = takeLaunchToken(window.location, window.sessionStorage, window.history)
  if (!token) {
    problem = 'missing'
    return { mode: 'browser', channel: withoutLink, failures: () => 0, ...tokenProblems }
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const channel = createWebSocketChannel(
    `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`,
  )
  markFirstConnection(channel)
  watchForRefusal(channel, () => {
    problem = 'refused'
    for (const l of problemListeners) l()
  })
  return { mode: 'browser', channel, failures: channel.failures, ...tokenProblems }
}
