import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { LONG_STRING_CHARS, decodeBinaryFrame } from '../../shared/rpc/binary-frames'
import { websocketChannel, type WebSocketChannelOptions } from './websocket-channel'

const servers: WebSocketServer[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A server whose first connection is wrapped as a channel, and a client connected to it. */
async function connect(options?: WebSocketChannelOptions) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  servers.push(server)
  await new Promise((resolve) => server.once('listening', resolve))
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve))
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`)
  const channel = websocketChannel(await accepted, options)
  await new Promise((resolve) => client.once('open', resolve))
  const received = (): Promise<{ data: Buffer; isBinary: boolean }> =>
    new Promise((resolve) =>
      client.once('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary })),
    )
  return { channel, received }
}

const long = { t: 'event', id: 2, data: { data: 'line\r\n'.repeat(LONG_STRING_CHARS) } }

describe('websocketChannel', () => {
  it('sends a long string as a binary frame when the client reads them', async () => {
    const { channel, received } = await connect({ binaryFrames: true })
    const frame = received()
    channel.send(long)
    const { data, isBinary } = await frame
    expect(isBinary).toBe(true)
    expect(decodeBinaryFrame(new Uint8Array(data))).toEqual(long)

    const small = received()
    channel.send({ t: 'ok', id: 3, output: {} })
    expect(await small).toMatchObject({ isBinary: false })
  })

  it('sends terminal output as its bytes in a binary frame, however short', async () => {
    const { channel, received } = await connect({ binaryFrames: true })
    const frame = received()
    const bytes = Buffer.from('$ \xe2\x82', 'latin1') // ends in half a "€"
    channel.send({ t: 'event', id: 5, data: { data: bytes } })
    const { data, isBinary } = await frame
    expect(isBinary).toBe(true)
    expect(data.subarray(data.length - bytes.length)).toEqual(bytes)
    expect(decodeBinaryFrame(new Uint8Array(data))).toEqual({
      t: 'event',
      id: 5,
      data: { data: new Uint8Array(bytes) },
    })
  })

  it('refuses to send bytes to a client that reads JSON only, rather than garble them', async () => {
    const { channel } = await connect()
    expect(() => channel.send({ t: 'event', id: 6, data: { data: new Uint8Array(3) } })).toThrow(
      /needs a client that reads binary frames/,
    )
  })

  it('sends JSON text only to a client that did not ask for frames', async () => {
    const { channel, received } = await connect()
    const text = received()
    channel.send(long)
    const { data, isBinary } = await text
    expect(isBinary).toBe(false)
    expect(JSON.parse(data.toString())).toEqual(long)
  })

  it('throws from send when a message cannot be encoded, so the RPC server can answer otherwise', async () => {
    for (const binaryFrames of [false, true]) {
      const { channel } = await connect({ binaryFrames })
      expect(() => channel.send({ t: 'ok', id: 4, output: { big: 1n } })).toThrow(TypeError)
    }
  })
})
