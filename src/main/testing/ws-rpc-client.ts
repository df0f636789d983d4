import WebSocket from 'ws'
import { contract, type SwitchboardClient } from '../../shared/contract'
import type { Channel, ConnectionStatus } from '../../shared/rpc/channel'
import { createRpcClient } from '../../shared/rpc/client'

/** A typed client on one WebSocket to a headless host, from a Node process. */
export interface WsRpcConnection {
  client: SwitchboardClient
  /** Resolves when the socket has closed (the host went away, or `close`). */
  closed: Promise<void>
  close(): void
}

/**
 * Connects the real RPC client to a headless host the way the renderer does: the /rpc path,
 * the launch token and the host's own page origin. Calls in flight when the socket drops fail
 * with UNAVAILABLE.
 */
export function connectRpc(port: number, token: string): Promise<WsRpcConnection> {
  const origin = `http://127.0.0.1:${port}`
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`, {
    headers: { Origin: origin },
  })
  const messageListeners = new Set<(message: unknown) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'connecting'
  const setStatus = (next: ConnectionStatus): void => {
    status = next
    for (const listener of statusListeners) listener(next)
  }
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as unknown
    for (const listener of messageListeners) listener(message)
  })
  const closed = new Promise<void>((resolve) =>
    ws.once('close', () => {
      setStatus('closed')
      resolve()
    }),
  )
  const channel: Channel = {
    send(message) {
      if (status !== 'open') throw new Error('not connected')
      ws.send(JSON.stringify(message))
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
  }
  const handle = createRpcClient(contract, channel, { connectTimeoutMs: 10_000 })

  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      setStatus('open')
      resolve({
        client: handle.client,
        closed,
        close() {
          handle.dispose()
          ws.terminate()
        },
      })
    })
    // After the open, a reset (the host was killed) shows as 'close'; the error adds nothing.
    ws.on('error', (error) => {
      if (status === 'connecting') reject(error)
    })
  })
}
