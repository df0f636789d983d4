import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { contract } from '../../shared/contract'
import { RPC_MESSAGE_MAX_BYTES } from '../../shared/rpc/limits'
import { CONTENT_SECURITY_POLICY } from '../../shared/domain/csp'
import { createRpcServer } from '../../shared/rpc/server'
import { createHandlers, type RpcContext } from '../handlers'
import { createServices, type Services } from '../services'
import type { HostPorts } from '../services/ports'
import { websocketChannel } from './websocket-channel'

export interface HeadlessHostOptions {
  ports: HostPorts
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
  /** A fixed token for tests; a random one per launch otherwise. */
  token?: string
  /** Extra page origins allowed to connect, e.g. the Vite dev server. */
  extraOrigins?: string[]
}

export interface HeadlessHost {
  url: string
  port: number
  token: string
  services: Services
  close(): Promise<void>
}

// The contract sizes its payloads (CSV text and chunks) to fit in one message of this size.
const MAX_MESSAGE_BYTES = RPC_MESSAGE_MAX_BYTES

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/**
 * The services behind a WebSocket on 127.0.0.1, with the renderer served from the same
 * origin. A connection needs the per-launch token and an allowed Origin; requests for any
 * other Host name are refused so a DNS-rebinding page cannot reach the API.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const { logger } = options.ports
  const token = options.token ?? randomBytes(32).toString('base64url')
  const services = createServices(options.ports)
  const rpc = createRpcServer({ contract, handlers: createHandlers(services), logger })

  let port = options.port
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = (): Set<string> =>
    new Set([...allowedHosts()].map((h) => `http://${h}`).concat(options.extraOrigins ?? []))

  const serveStatic = sirv(options.rendererDir, {
    single: true,
    etag: true,
    dotfiles: false,
    setHeaders(res) {
      res.setHeader('Content-Security-Policy', `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)
      res.setHeader('X-Content-Type-Options', 'nosniff')
      res.setHeader('Referrer-Policy', 'no-referrer')
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    },
  })

  const server: Server = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Unknown host')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    // sirv's Range support throws on a reversed range (bytes=100-50), after it has written the
    // headers, and misreads suffix, multiple and `0-0` ranges. The renderer never needs part of
    // a file, and RFC 9110 §14.2 lets a server ignore Range: every answer is the whole file.
    delete req.headers.range
    delete req.headers['if-range']
    try {
      serveStatic(req, res)
    } catch (error) {
      logger.error(`static file request ${req.url ?? ''} failed`, error)
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error')
    }
  })
  // Node answers a request it cannot parse by itself only while nobody listens here; this keeps
  // those answers and logs why, so nothing a client sends on a bare socket can throw.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    logger.warn('bad HTTP request', error.message)
    const [status, reason] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request']
    reject(socket, status, reason)
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  const connections = new Set<() => void>()

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgrading socket without an error listener: a client resetting it before
    // ws takes it over would otherwise throw out of the event loop.
    const onSocketError = (error: Error): void => logger.warn('upgrade socket error', error.message)
    socket.on('error', onSocketError)
    // The request target is whatever the client wrote: `//[` is not a URL.
    const url = URL.parse(req.url ?? '/', 'http://127.0.0.1')
    if (url === null) return reject(socket, 400, 'Bad Request')
    if (url.pathname !== '/rpc') return reject(socket, 404, 'Not Found')
    if (!allowedHosts().has(req.headers.host ?? ''))
      return reject(socket, 421, 'Misdirected Request')
    if (!allowedOrigins().has(req.headers.origin ?? '')) return reject(socket, 403, 'Forbidden')
    if (!sameToken(url.searchParams.get('token'), token)) return reject(socket, 401, 'Unauthorized')
    // The renderer asks for binary frames; other clients (tests, scripts) get JSON only.
    const binaryFrames = url.searchParams.get('frames') === 'binary'
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('error', onSocketError)
      const ctx: RpcContext = { connectionId: randomUUID(), transport: 'websocket' }
      const disconnect = rpc.connect(websocketChannel(ws, { binaryFrames }), ctx)
      connections.add(disconnect)
      ws.on('close', () => {
        connections.delete(disconnect)
        disconnect()
        services.inventory.csvConnectionClosed(ctx.connectionId)
      })
      ws.on('error', (error) => logger.warn('websocket error', error.message))
    })
  })

  try {
    await listen(server, options.port)
  } catch (error) {
    services.dispose()
    throw error
  }
  port = (server.address() as AddressInfo).port
  logger.info(`headless host listening on 127.0.0.1:${port}`)

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    services,
    async close() {
      for (const disconnect of connections) disconnect()
      for (const client of wss.clients) client.terminate()
      wss.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
      services.dispose()
    },
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}
