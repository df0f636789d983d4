import type { IpcMainEvent, WebContents } from 'electron'
import type { Channel } from '../../shared/rpc/channel'
import { IPC_CHANNEL } from '../../shared/rpc/ipc-channel'
import type { RpcServer } from '../../shared/rpc/server'
import type { RpcContext } from '../handlers'
import type { Logger } from '../services/ports'
import { checkSender, type OriginPolicy } from './policy'

type IpcListener = (event: IpcMainEvent, message: unknown) => void

/** What the transport needs of `ipcMain`: the real one in the app, a fake in tests. */
export interface IpcMainLike {
  on(channel: string, listener: IpcListener): unknown
  removeListener(channel: string, listener: IpcListener): unknown
}

export interface IpcTransport {
  /** Trusts this window's main frame (when it shows the app) and opens its RPC connection. */
  attach(contents: WebContents): void
  /** Stops listening and closes every connection. */
  dispose(): void
}

interface Connection {
  ctx: RpcContext
  listeners: Set<(message: unknown) => void>
  disconnect: () => void
}

/**
 * Electron IPC as an RPC transport: one channel, one connection per window. A message is only
 * handed to the RPC server when it comes from the main frame of a window attached here and
 * that frame shows the app's origin; anything else is dropped and logged, never parsed.
 */
export function createIpcTransport(options: {
  ipcMain: IpcMainLike
  rpc: RpcServer<RpcContext>
  policy: OriginPolicy
  logger: Logger
  /**
   * A connection ended (its window closed, reloaded or crashed): free what the services hold
   * for it, as the headless host does when a WebSocket closes.
   */
  onConnectionClosed: (ctx: RpcContext) => void
}): IpcTransport {
  const { ipcMain, rpc, policy, logger, onConnectionClosed } = options
  const attached = new Set<number>()
  const connections = new Map<number, Connection>()
  // Each document gets its own connection id, so a reloaded window is a new owner and never
  // reaches what the document before it held.
  let opened = 0
  // One log line per window and reason, so a misbehaving page cannot flood the log.
  const reported = new Set<string>()

  const closeConnection = (id: number): void => {
    const connection = connections.get(id)
    if (!connection) return
    connections.delete(id)
    connection.disconnect()
    onConnectionClosed(connection.ctx)
  }

  const openConnection = (contents: WebContents): Connection => {
    const existing = connections.get(contents.id)
    if (existing) return existing
    const listeners = new Set<(message: unknown) => void>()
    const channel: Channel = {
      send(message) {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message)
      },
      onMessage(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
    opened += 1
    const ctx: RpcContext = { connectionId: `${contents.id}:${opened}`, transport: 'ipc' }
    const connection: Connection = { ctx, listeners, disconnect: rpc.connect(channel, ctx) }
    connections.set(contents.id, connection)
    return connection
  }

  const onMessage: IpcListener = (event, message) => {
    const contents = event.sender
    const frame = event.senderFrame
    const main = contents.isDestroyed() ? null : contents.mainFrame
    const verdict = checkSender(
      {
        isKnownWindow: attached.has(contents.id),
        hasFrame: frame !== null && !frame.isDestroyed(),
        // Separate WebFrameMain objects for one frame share processId and routingId.
        isMainFrame:
          frame !== null &&
          main !== null &&
          frame.parent === null &&
          frame.processId === main.processId &&
          frame.routingId === main.routingId,
        frameUrl: frame?.url ?? '',
      },
      policy,
    )
    if (!verdict.trusted) {
      const key = `${contents.id}:${verdict.reason}`
      if (!reported.has(key)) {
        reported.add(key)
        logger.warn(`dropped an IPC message: ${verdict.reason}`, {
          webContentsId: contents.id,
          url: frame?.url,
        })
      }
      return
    }
    for (const listener of openConnection(contents).listeners) listener(message)
  }
  ipcMain.on(IPC_CHANNEL, onMessage)

  return {
    attach(contents) {
      if (attached.has(contents.id)) return
      const id = contents.id
      attached.add(id)
      openConnection(contents)
      // A new document (reload, crash recovery) starts a new RPC client whose ids restart at 1:
      // give it a fresh connection and end the old document's subscriptions. 'did-navigate'
      // fires on commit, before the new document's scripts can send anything.
      contents.on('did-navigate', () => closeConnection(id))
      contents.on('render-process-gone', () => closeConnection(id))
      contents.once('destroyed', () => {
        closeConnection(id)
        attached.delete(id)
        for (const key of reported) if (key.startsWith(`${id}:`)) reported.delete(key)
      })
    },
    dispose() {
      ipcMain.removeListener(IPC_CHANNEL, onMessage)
      for (const id of [...connections.keys()]) closeConnection(id)
      attached.clear()
    },
  }
}
