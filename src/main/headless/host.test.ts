import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { CONTENT_SECURITY_POLICY } from '../../shared/domain/csp'
import { testHostPorts } from '../testing/host-ports'
import { useTempDirs } from '../testing/temp-dir'
import { startHeadlessHost, type HeadlessHost } from './host'

const tempDir = useTempDirs()
const hosts: HeadlessHost[] = []
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close()
})

async function start(): Promise<HeadlessHost> {
  const rendererDir = join(tempDir(), 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>')
  const host = await startHeadlessHost({
    ports: testHostPorts(tempDir()),
    rendererDir,
    port: 0,
    token: 'right-token',
  })
  hosts.push(host)
  return host
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgradeStatus(
  host: HeadlessHost,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

function openClient(host: HeadlessHost): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=right-token`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  )
}

function get(host: HeadlessHost, path: string, hostHeader?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path,
          headers: hostHeader ? { Host: hostHeader } : {},
        },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      req.end()
    },
  )
}

describe('headless host', () => {
  it('serves calls over the WebSocket with the token and the page’s own origin', async () => {
    const host = await start()
    const ws = await openClient(host)
    ws.send(JSON.stringify({ t: 'call', id: 1, method: 'app.ping', input: { echo: 'hi' } }))
    await expect(nextMessage(ws)).resolves.toMatchObject({ t: 'ok', id: 1, output: { echo: 'hi' } })
    ws.close()
  })

  it('refuses a connection without the token or with a wrong one', async () => {
    const host = await start()
    const origin = { Origin: `http://127.0.0.1:${host.port}` }
    await expect(upgradeStatus(host, '/rpc', origin)).resolves.toBe(401)
    await expect(upgradeStatus(host, '/rpc?token=wrong-token', origin)).resolves.toBe(401)
    await expect(upgradeStatus(host, '/rpc?token=right-tokenX', origin)).resolves.toBe(401)
  })

  it('refuses a foreign Origin, and a missing one, even with the token', async () => {
    const host = await start()
    await expect(
      upgradeStatus(host, '/rpc?token=right-token', { Origin: 'https://evil.example' }),
    ).resolves.toBe(403)
    await expect(
      upgradeStatus(host, '/rpc?token=right-token', {
        Origin: `http://127.0.0.1:${host.port + 1}`,
      }),
    ).resolves.toBe(403)
    await expect(upgradeStatus(host, '/rpc?token=right-token', {})).resolves.toBe(403)
  })

  it('refuses other Host names (DNS rebinding)', async () => {
    const host = await start()
    await expect(get(host, '/', `attacker.example:${host.port}`)).resolves.toMatchObject({
      status: 421,
    })
  })

  it('closes a connection that sends something other than JSON, and keeps serving others', async () => {
    const host = await start()
    const bad = await openClient(host)
    const closed = new Promise<number>((resolve) => bad.on('close', (code) => resolve(code)))
    bad.send('{not json')
    await expect(closed).resolves.toBe(1007)
    const good = await openClient(host)
    good.send(JSON.stringify({ t: 'call', id: 2, method: 'app.ping', input: {} }))
    await expect(nextMessage(good)).resolves.toMatchObject({ t: 'ok', id: 2 })
    good.close()
  })

  it('serves the renderer with the CSP header, and its index.html repeats the same policy', async () => {
    const host = await start()
    const res = await get(host, '/clients')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>test</title>')
    expect(res.headers['content-security-policy']).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    )
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8')
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`)
  })

  it('does not serve files outside the renderer directory', async () => {
    const host = await start()
    const res = await get(host, '/../../../../etc/passwd')
    expect(res.body).not.toContain('root:')
  })
})
