import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws'
import type { ConnectionStatus } from '@shared/rpc/channel'
import { encodeBinaryFrame } from '@shared/rpc/binary-frames'
import {
  createWebSocketChannel,
  startSocketInPage,
  type SocketThread,
  type WebSocketChannel,
} from './websocket-channel'

let server: WebSocketServer | null = null
const channels: WebSocketChannel[] = []

afterEach(async () => {
  for (const c of channels.splice(0)) c.close()
  if (server) {
    for (const client of server.clients) client.terminate()
    await new Promise((resolve) => server?.close(resolve))
    server = null
  }
})

/** The next text message the host hears on `socket`, parsed. */
function nextMessage(socket: ServerSocket): Promise<unknown> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  )
}

async function startServer(): Promise<{ url: string; next: () => Promise<ServerSocket> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  server = wss
  await new Promise((resolve) => wss.once('listening', resolve))
  const waiting: Array<(s: ServerSocket) => void> = []
  const arrived: ServerSocket[] = []
  wss.on('connection', (socket) => {
    const take = waiting.shift()
    if (take) take(socket)
    else arrived.push(socket)
  })
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/rpc`,
    next: () =>
      new Promise((resolve) => {
        const socket = arrived.shift()
        if (socket) resolve(socket)
        else waiting.push(resolve)
      }),
  }
}

function open(url: string, start?: () => SocketThread): WebSocketChannel {
  const channel = createWebSocketChannel(url, start ?? startSocketInPage)
  channels.push(channel)
  return channel
}

function statusBecomes(channel: WebSocketChannel, wanted: ConnectionStatus): Promise<void> {
  if (channel.status() === wanted) return Promise.resolve()
  return new Promise((resolve) => {
    const stop = channel.onStatus((status) => {
      if (status !== wanted) return
      stop()
      resolve()
    })
  })
}

describe('createWebSocketChannel', () => {
  it('relays messages both ways, in order, however large', async () => {
    const { url, next } = await startServer()
    const channel = open(url)
    const socket = await next()
    await statusBecomes(channel, 'open')

    const big = 'x'.repeat(200_000)
    const received: unknown[] = []
    const all = new Promise<void>((resolve) =>
      channel.onMessage((message) => {
        received.push(message)
        if (received.length === 50) resolve()
      }),
    )
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    for (let i = 0; i < 50; i++) {
      socket.send(JSON.stringify({ i, big }))
      if (i === 10) socket.send('not json') // refused; the rest still arrive
    }
    await all
    expect(spy).toHaveBeenCalledOnce()
    spy.mockRestore()
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => ({ i, big })))

    const heard = nextMessage(socket)
    channel.send({ t: 'call', id: 1 })
    expect(await heard).toEqual({ t: 'call', id: 1 })
  })

  it('asks for binary frames and reads them: long strings as text, output as bytes', async () => {
    const { url, next } = await startServer()
    const asked = new Promise<string>((resolve) =>
      server?.once('connection', (_socket, request) => resolve(request.url ?? '')),
    )
    const channel = open(url)
    const socket = await next()
    expect(await asked).toMatch(/[?&]frames=binary\b/)
    await statusBecomes(channel, 'open')
    const output = 'déjà vu ✓\r\n'.repeat(1000)
    const text = { t: 'event', id: 3, data: { data: output } }
    // Half a "€" at the end: bytes are passed on as they are, for xterm.js to join.
    const bytes = { t: 'event', id: 4, data: { data: new Uint8Array([0x24, 0x20, 0xe2, 0x82]) } }
    const received: unknown[] = []
    const both = new Promise<void>((resolve) =>
      channel.onMessage((message) => {
        received.push(message)
        if (received.length === 2) resolve()
      }),
    )
    socket.send(encodeBinaryFrame(text) as Uint8Array)
    socket.send(encodeBinaryFrame(bytes) as Uint8Array)
    await both
    expect(received).toEqual([text, bytes])
    const data = (received[1] as typeof bytes).data.data
    expect(data).toBeInstanceOf(Uint8Array)
    expect([...data]).toEqual([0x24, 0x20, 0xe2, 0x82])
  })

  it('refuses a malformed frame with an error saying why, and reads on', async () => {
    const { url, next } = await startServer()
    const channel = open(url)
    const socket = await next()
    await statusBecomes(channel, 'open')
    const errors: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((text: string) => errors.push(text))
    try {
      const received = new Promise<unknown>((resolve) => channel.onMessage(resolve))
      const truncated = new Uint8Array([0, 0, 1, 0, 0x7b]) // a 256-byte header cut after "{"
      socket.send(truncated)
      socket.send(new Uint8Array([0, 0]))
      socket.send(JSON.stringify({ t: 'ok', id: 1, output: {} }))
      expect(await received).toEqual({ t: 'ok', id: 1, output: {} })
      expect(errors).toEqual([
        expect.stringMatching(/refused a message from its host: .*overruns/),
        expect.stringMatching(/refused a message from its host: .*too short/),
      ])
    } finally {
      spy.mockRestore()
    }
  })

  it('reconnects after the host drops the link', async () => {
    const { url, next } = await startServer()
    const channel = open(url)
    const first = await next()
    await statusBecomes(channel, 'open')
    first.terminate()
    await statusBecomes(channel, 'closed')
    expect(() => channel.send({})).toThrow(/not connected/)
    const second = await next()
    await statusBecomes(channel, 'open')
    const heard = nextMessage(second)
    channel.send({ again: true })
    expect(await heard).toEqual({ again: true })
  })

  it('keeps the socket on the page when the worker cannot start', async () => {
    const { url, next } = await startServer()
    const broken: SocketThread = {
      postMessage: vi.fn(),
      onmessage: null,
      onerror: null,
      terminate: vi.fn(),
    }
    const channel = open(url, () => broken)
    broken.onerror?.({} as ErrorEvent)
    await next()
    await statusBecomes(channel, 'open')
    expect(broken.terminate).toHaveBeenCalled()
  })
})
