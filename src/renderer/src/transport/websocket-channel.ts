import type { Channel, ConnectionStatus } from '@shared/rpc/channel'
import type { SocketCommand, SocketLink, SocketReport } from './socket-protocol'
import { relaySocket } from './socket-relay'

export interface WebSocketChannel extends Channel {
  onStatus(listener: (status: ConnectionStatus) => void): () => void
  status(): ConnectionStatus
  /** Failed attempts since the link was last open; the status bar uses it for a hint. */
  failures(): number
  close(): void
}

/** The page's end of the thread that owns the socket. */
export interface SocketThread extends SocketLink<SocketCommand, SocketReport> {
  onerror: ((event: ErrorEvent) => void) | null
  terminate(): void
}

const MIN_RETRY_MS = 250
const MAX_RETRY_MS = 5_000

/** The socket in a worker (see socket-relay.ts for why). */
export function startSocketWorker(): SocketThread {
  return new Worker(new URL('./socket-worker.ts', import.meta.url), {
    type: 'module',
    name: 'switchboard-socket',
  })
}

/** The same relay on the page's own thread, over a MessageChannel: where no worker can run. */
export function startSocketInPage(): SocketThread {
  const { port1, port2 } = new MessageChannel()
  relaySocket(port2 as SocketLink<SocketReport, SocketCommand>)
  const thread = port1 as unknown as SocketThread
  thread.terminate = () => {
    port1.close()
    port2.close()
  }
  return thread
}

/**
 * The browser-mode link to the headless host. Reconnects with backoff when the host goes
 * away (restart, sleep), so the UI keeps working without a reload. It asks the host for binary
 * frames (shared/rpc/binary-frames.ts), which the socket's thread decodes: terminal output
 * arrives as bytes, and long strings without JSON's escaping.
 */
export function createWebSocketChannel(
  hostUrl: string,
  startThread: () => SocketThread = startSocketWorker,
): WebSocketChannel {
  const withFrames = new URL(hostUrl)
  withFrames.searchParams.set('frames', 'binary')
  const url = withFrames.toString()
  const messageListeners = new Set<(message: unknown) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'connecting'
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closedByUs = false
  let everOpen = false

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return
    status = next
    for (const l of statusListeners) l(next)
  }

  const onReport = (event: MessageEvent<SocketReport>): void => {
    const report = event.data
    switch (report.type) {
      case 'open':
        everOpen = true
        failures = 0
        setStatus('open')
        return
      case 'message':
        for (const l of messageListeners) l(report.message)
        return
      case 'refused':
        // The page keeps no log of its own: the developer console is where this can be seen.
        // eslint-disable-next-line no-console
        console.error(`Switchboard refused a message from its host: ${report.reason}`)
        return
      case 'closed': {
        failures += 1
        setStatus('closed')
        if (closedByUs) {
          thread.terminate()
          return
        }
        const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(failures, 5))
        retryTimer = setTimeout(connect, delay)
        return
      }
    }
  }

  const attach = (next: SocketThread): SocketThread => {
    next.onmessage = onReport
    // A worker that cannot load (an unusual browser policy) leaves the socket on this thread.
    next.onerror = () => {
      if (everOpen || closedByUs || thread !== next) return
      next.terminate()
      thread = attach(startSocketInPage())
      connect()
    }
    return next
  }

  let thread: SocketThread
  try {
    thread = attach(startThread())
  } catch {
    thread = attach(startSocketInPage())
  }

  function connect(): void {
    setStatus('connecting')
    thread.postMessage({ type: 'open', url })
  }
  connect()

  return {
    send(message) {
      if (status !== 'open') throw new Error('not connected')
      thread.postMessage({ type: 'send', text: JSON.stringify(message) })
    },
    onMessage(listener) {
      messageListeners.add(listener)
      return () => messageListeners.delete(listener)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    status: () => status,
    failures: () => failures,
    close() {
      closedByUs = true
      clearTimeout(retryTimer)
      thread.postMessage({ type: 'close' })
    },
  }
}
