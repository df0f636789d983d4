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
  /** Points the proxy at another upstream port (a restarted server). */
  retarget(port: number): void
  readonly connections: number
  close(): Promise<void>
}

export async function startTcpProxy(upstreamPort: number): Promise<TcpProxy> {
  let upstream = upstreamPort
  let accepting = true
  let dropAfter: number | null = null
  const open = new Set<Socket>()

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
    client.on('data', (chunk) => {
      if (!remote.write(chunk)) client.pause()
    })
    remote.on('drain', () => client.resume())
    remote.on('data', (chunk: Buffer) => {
      if (dropAfter !== null) {
        if (chunk.length >= dropAfter) {
          client.write(chunk.subarray(0, dropAfter))
          dropAfter = null
          client.resetAndDestroy()
          remote.destroy()
          return
        }
        dropAfter -= chunk.length
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
