import type { Channel, ConnectionStatus } from '@shared/rpc/channel'

export interface WebSocketChannel extends Channel {
  /** Failed attempts since the link was last open; the status bar uses it for a hint. */
  failures(): number
  close(): void
}

const MIN_RETRY_MS = 250
const MAX_RETRY_MS = 5_000

/**
 * The browser-mode link to the headless host. Reconnects with backoff when the host goes
 * away (restart, sleep), so the UI keeps working without a reload.
 */
export function createWebSocketChannel(url: string): WebSocketChannel {
  const messageListeners = new Set<(message: unknown) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'connecting'
  let socket: WebSocket | null = null
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closedByUs = false

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return
    status = next
    for (const l of statusListeners) l(next)
  }

  const connect = (): void => {
    setStatus('connecting')
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      failures = 0
      setStatus('open')
    }
    ws.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return
      let message: unknown
      try {
        message = JSON.parse(event.data)
      } catch {
        return
      }
      for (const l of messageListeners) l(message)
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      failures += 1
      setStatus('closed')
      if (closedByUs) return
      const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(failures, 5))
      retryTimer = setTimeout(connect, delay)
    }
  }
  connect()

  return {
    send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error('not connected')
      socket.send(JSON.stringify(message))
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
      socket?.close()
    },
  }
}
