import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy on 127.0.0.1 that tests control, for cutting the app's connection to a server
 * at chosen moments: stop forwarding (a silent drop), reset every connection, or refuse new
 * ones, and see how many bytes went each way. No kernel support needed (tc netem is not here).
 */
export interface TcpProxy {
  port: number
  url(scheme?: string): string
  /** Refuse new connections and reset the open ones: the network is gone. */
  cut(): void
  /** Let connections through again. */
  restore(): void
  /** Reset every open connection now, leaving the proxy accepting new ones. */
  resetAll(): void
  /**
   * Resets the connection carrying the next response once `bytes` more bytes have come back
   * from the server: a reply lost halfway, after the server has committed.
   */
  dropResponseAfter(bytes: number): void
  /**
   * Calls `listener` with the request line of each HTTP request the app starts ("POST
   * /v1/sync/push HTTP/1.1"), before any of it is forwarded, with a handle on the connection
   * carrying it: a fault can land on exactly that request. Returns the unsubscribe.
   */
  onRequest(listener: (line: string, connection: ProxiedConnection) => void): () => void
  /** Points the proxy at another upstream port (a restarted server). */
  retarget(port: number): void
  readonly connections: number
  close(): Promise<void>
}

/** One connection through the proxy, as a request listener sees it. */
export interface ProxiedConnection {
  /** Resets both sides now. */
  reset(): void
  /** Resets it once `bytes` more bytes of the server's answer have gone back. */
  dropResponseAfter(bytes: number): void
}

const REQUEST_LINE = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP\/1\.[01]/

export async function startTcpProxy(upstreamPort: number): Promise<TcpProxy> {
  let upstream = upstreamPort
  let accepting = true
  let dropAfter: number | null = null
  const open = new Set<Socket>()
  const requestListeners = new Set<(line: string, connection: ProxiedConnection) => void>()

  const server: Server = createServer((client) => {
    if (!accepting) {
      client.resetAndDestroy()
      return
    }
    const remote = connect(upstream, '127.0.0.1')
    open.add(client)
    open.add(remote)
    const forget = (): void => {
      open.delete(client)
      open.delete(remote)
    }
    client.on('error', () => remote.destroy())
    remote.on('error', () => client.resetAndDestroy())
    client.on('close', () => {
      remote.destroy()
      forget()
    })
    remote.on('close', () => {
      client.destroy()
      forget()
    })
    let connectionDropAfter: number | null = null
    const connection: ProxiedConnection = {
      reset() {
        client.resetAndDestroy()
        remote.destroy()
      },
      dropResponseAfter(bytes) {
        connectionDropAfter = bytes
      },
    }
    client.on('data', (chunk: Buffer) => {
      if (requestListeners.size > 0) {
        // A request starts a chunk: the app sends the next one only after the last answer.
        const line = REQUEST_LINE.exec(chunk.subarray(0, 200).toString('latin1'))?.[0]
        if (line) for (const listener of requestListeners) listener(line, connection)
        if (client.destroyed) return
      }
      if (!remote.write(chunk)) client.pause()
    })
    remote.on('drain', () => client.resume())
    remote.on('data', (chunk: Buffer) => {
      const limit =
        connectionDropAfter === null
          ? dropAfter
          : dropAfter === null
            ? connectionDropAfter
            : Math.min(dropAfter, connectionDropAfter)
      if (limit !== null) {
        if (chunk.length >= limit) {
          client.write(chunk.subarray(0, limit))
          dropAfter = null
          connectionDropAfter = null
          connection.reset()
          return
        }
        if (dropAfter !== null) dropAfter -= chunk.length
        if (connectionDropAfter !== null) connectionDropAfter -= chunk.length
      }
      if (!client.write(chunk)) remote.pause()
    })
    client.on('drain', () => remote.resume())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  const resetAll = (): void => {
    for (const socket of open) socket.resetAndDestroy()
    open.clear()
  }
  return {
    port,
    url: (scheme = 'http') => `${scheme}://127.0.0.1:${port}`,
    cut() {
      accepting = false
      resetAll()
    },
    restore() {
      accepting = true
    },
    resetAll,
    dropResponseAfter(bytes) {
      dropAfter = bytes
    },
    onRequest(listener) {
      requestListeners.add(listener)
      return () => requestListeners.delete(listener)
    },
    retarget(next) {
      upstream = next
    },
    get connections() {
      return open.size / 2
    },
    async close() {
      resetAll()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
