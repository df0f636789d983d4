/**
 * Requests that once ended the whole headless host, sent to a real one running as its own
 * process (as `npm run web` starts it): after each, the process is still there and a session
 * opened before it still answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { bundleHeadlessHost } from '../testing/headless-bundle'
import { startHeadlessChild, type HeadlessChild } from '../testing/headless-child'
import { useTempDirs } from '../testing/temp-dir'
import { connectRpc, type WsRpcConnection } from '../testing/ws-rpc-client'

const tempDir = useTempDirs()
let workDir = ''
let entry = ''
let faultyEntry = ''
const children: HeadlessChild[] = []
const connections: WsRpcConnection[] = []

/** A renderer file longer than 100 bytes, so `bytes=100-50` starts inside it. */
const ASSET = `/* ${'switchboard '.repeat(100)} */\n`

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'switchboard-host-survives-'))
  entry = await bundleHeadlessHost(join(workDir, 'host'))
  writeFileSync(join(workDir, 'host', 'renderer', 'app.js'), ASSET)
  // A deliberate fault: GET /__fault throws from a timer and rejects a promise nobody awaits,
  // as a library callback could, out of reach of any request handler's try/catch.
  faultyEntry = await bundleHeadlessHost(join(workDir, 'faulty'), {
    patches: [
      {
        file: 'src/main/headless/host.ts',
        patch: (source) =>
          source.replace(
            'const server: Server = createServer((req, res) => {',
            `const server: Server = createServer((req, res) => {
    if (req.url === '/__fault') {
      setTimeout(() => { throw new Error('deliberate fault from a timer') }, 0)
      void Promise.reject(new Error('deliberate rejection nobody awaits'))
    }`,
          ),
      },
    ],
  })
}, 60_000)
afterAll(() => rmSync(workDir, { recursive: true, force: true }))
afterEach(async () => {
  for (const c of connections.splice(0)) c.close()
  for (const child of children.splice(0)) await child.kill()
})

async function startHost(
  bundle = entry,
): Promise<{ host: HeadlessChild; session: WsRpcConnection }> {
  const host = await startHeadlessChild(bundle, join(tempDir(), 'data'))
  children.push(host)
  const session = await connectRpc(host.port, host.token)
  connections.push(session)
  await expect(session.client.app.ping({ echo: 'before' })).resolves.toMatchObject({
    echo: 'before',
  })
  return { host, session }
}

/** Writes `request` on a fresh socket, without any token, and resolves with all it gets back. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let response = ''
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')))
    socket.on('end', () => resolve(response))
    socket.on('error', reject)
  })
}

const statusOf = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1])

async function expectStillServing(host: HeadlessChild, session: WsRpcConnection): Promise<void> {
  await expect(session.client.app.ping({ echo: 'after' })).resolves.toMatchObject({
    echo: 'after',
  })
  expect(host.process.exitCode, host.stderr()).toBeNull()
  expect(host.process.signalCode).toBeNull()
}

describe('the headless host survives hostile requests', () => {
  it('ignores a reversed Range (bytes=100-50) sent without the token: the whole file, 200', async () => {
    const { host, session } = await startHost()
    const response = await rawRequest(
      host.port,
      `GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nRange: bytes=100-50\r\nConnection: close\r\n\r\n`,
    )
    expect(statusOf(response)).toBe(200)
    expect(response.endsWith(ASSET)).toBe(true)
    await expectStillServing(host, session)
  })

  it('ignores other Range forms sirv misreads: suffix, multiple, 0-0, unsatisfiable', async () => {
    const { host, session } = await startHost()
    for (const range of ['bytes=-10', 'bytes=0-1,5-6', 'bytes=0-0', 'bytes=5000-', 'pages=1-2']) {
      const response = await rawRequest(
        host.port,
        `GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nRange: ${range}\r\nConnection: close\r\n\r\n`,
      )
      expect(statusOf(response), range).toBe(200)
      expect(response.endsWith(ASSET), range).toBe(true)
    }
    await expectStillServing(host, session)
  })

  it('answers 400 to an upgrade whose target is not a URL (//[)', async () => {
    const { host, session } = await startHost()
    const response = await rawRequest(
      host.port,
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    expect(statusOf(response)).toBe(400)
    await expectStillServing(host, session)
  })

  it('answers 400 to bytes that are not HTTP', async () => {
    const { host, session } = await startHost()
    const response = await rawRequest(host.port, 'HELLO\r\n\r\n')
    expect(statusOf(response)).toBe(400)
    await expectStillServing(host, session)
  })

  it('logs an error nothing caught, and a rejection nobody awaited, and keeps serving', async () => {
    const { host, session } = await startHost(faultyEntry)
    const logged = new Promise<void>((resolve) => {
      const check = (): void => {
        const stderr = host.stderr()
        if (stderr.includes('deliberate fault') && stderr.includes('deliberate rejection')) {
          host.process.stderr?.off('data', check)
          resolve()
        }
      }
      host.process.stderr?.on('data', check)
      check()
    })
    const response = await rawRequest(
      host.port,
      `GET /__fault HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(statusOf(response)).toBe(200)
    await logged
    expect(host.stderr()).toMatch(/uncaught exception; the host keeps serving/)
    expect(host.stderr()).toMatch(/unhandled promise rejection; the host keeps serving/)
    await expectStillServing(host, session)
  })
})
