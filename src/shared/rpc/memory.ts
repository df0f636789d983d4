import type { Channel, ConnectionStatus } from './channel'

/**
 * Two connected in-memory channels for tests. Messages go through structuredClone and a
 * microtask, as they would over IPC, so tests catch non-cloneable payloads and ordering bugs.
 */
export function createMemoryChannelPair(): { client: Channel; server: Channel; close(): void } {
  const listeners = {
    client: new Set<(m: unknown) => void>(),
    server: new Set<(m: unknown) => void>(),
  }
  const statusListeners = new Set<(s: ConnectionStatus) => void>()
  let state: ConnectionStatus = 'open'

  const side = (from: 'client' | 'server', to: 'client' | 'server'): Channel => ({
    send(message) {
      if (state !== 'open') throw new Error('channel closed')
      const copy = structuredClone(message)
      queueMicrotask(() => {
        for (const l of listeners[to]) l(copy)
      })
    },
    onMessage(listener) {
      listeners[from].add(listener)
      return () => listeners[from].delete(listener)
    },
    ...(from === 'client'
      ? {
          onStatus(listener: (s: ConnectionStatus) => void) {
            statusListeners.add(listener)
            return () => statusListeners.delete(listener)
          },
          status: () => state,
        }
      : {}),
  })

  return {
    client: side('client', 'server'),
    server: side('server', 'client'),
    close() {
      state = 'closed'
      for (const l of statusListeners) l('closed')
    },
  }
}
