import type { Channel, SwitchboardBridge } from '@shared/rpc/channel'
import { createWebSocketChannel } from './websocket-channel'

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the preload. */
    switchboard?: SwitchboardBridge
  }
}

const TOKEN_KEY = 'switchboard.token'

export interface PickedTransport {
  mode: 'electron' | 'browser'
  channel: Channel
  /** Attempts that failed since the last good connection (browser mode only). */
  failures(): number
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
    return { mode: 'electron', channel: bridge, failures: () => 0 }
  }
  // A new launch URL pasted into this tab is only a hash change: take its token and start over.
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#token=')) {
      takeLaunchToken(window.location, window.sessionStorage, window.history)
      window.location.reload()
    }
  })
  const token = takeLaunchToken(window.location, window.sessionStorage, window.history) ?? ''
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const channel = createWebSocketChannel(
    `${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`,
  )
  markFirstConnection(channel)
  return { mode: 'browser', channel, failures: channel.failures }
}
