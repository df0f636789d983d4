import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { CONTENT_SECURITY_POLICY } from '../src/shared/domain/csp'
import { expect, test, type AppUnderTest } from './fixtures'

// Electron's isolation: these only mean something where a preload and Node exist. In browser
// mode they would pass by construction, so browser mode gets checks of its own below.
test.describe('Electron isolation', () => {
  test.beforeEach(({ app }) => {
    test.skip(app.mode !== 'electron', 'browser mode has no preload or Node to isolate')
  })

  test('the renderer has no Node globals', async ({ app }) => {
    const globals = await app.page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      return ['require', 'process', 'module', 'Buffer', 'global', '__dirname'].filter(
        (name) => typeof w[name] !== 'undefined',
      )
    })
    expect(globals).toEqual([])
  })

  test('the only thing exposed to the page is the send/onMessage pipe', async ({ app }) => {
    const exposed = await app.page.evaluate(() => {
      const bridge = (window as unknown as { switchboard?: Record<string, unknown> }).switchboard
      if (!bridge) return null
      return Object.keys(bridge)
        .sort()
        .map((key) => `${key}:${typeof bridge[key]}`)
    })
    expect(exposed).toEqual(['onMessage:function', 'send:function'])
  })
})

test('the CSP blocks inline script', async ({ app }) => {
  const ran = await app.page.evaluate(async () => {
    const w = window as unknown as { inlineRan?: boolean }
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.body.append(script)
    await new Promise((resolve) => setTimeout(resolve, 50))
    return w.inlineRan === true
  })
  expect(ran).toBe(false)
})

interface HostAddress {
  port: number
  token: string
}

/** Where the page's host listens and its launch token (moved from the URL to the tab's storage). */
async function hostOf(app: AppUnderTest): Promise<HostAddress> {
  const { host, token } = await app.page.evaluate(() => ({
    host: window.location.host,
    token: window.sessionStorage.getItem('switchboard.token') ?? '',
  }))
  expect(token).not.toBe('')
  return { port: Number(host.split(':')[1]), token }
}

/** The HTTP status a WebSocket upgrade gets (101 when it is accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

function get(
  port: number,
  hostHeader: string,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } },
      (res) => {
        res.resume()
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
      },
    )
    req.once('error', reject)
    req.end()
  })
}

test.describe('browser mode: the host lets in only its own page', () => {
  test.beforeEach(({ app }) => {
    test.skip(app.mode !== 'browser', 'the desktop app has no WebSocket host')
  })

  test('a WebSocket needs the launch token, the page origin and the host name', async ({ app }) => {
    const { port, token } = await hostOf(app)
    const rpc = (t: string): string => `ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(t)}`
    const origin = `http://127.0.0.1:${port}`
    expect(await upgradeStatus(rpc(token), { Origin: origin })).toBe(101)
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/rpc`, { Origin: origin })).toBe(401)
    expect(await upgradeStatus(rpc(`${token}x`), { Origin: origin })).toBe(401)
    expect(await upgradeStatus(rpc(token), { Origin: 'http://attacker.test' })).toBe(403)
    expect(await upgradeStatus(rpc(token), {})).toBe(403)
    // A DNS-rebinding page reaches 127.0.0.1 under its own name: refused by Host.
    expect(await upgradeStatus(rpc(token), { Origin: origin, Host: `attacker.test:${port}` })).toBe(
      421,
    )
  })

  test('a page from another origin cannot open the WebSocket, even holding the token', async ({
    app,
  }) => {
    const { port, token } = await hostOf(app)
    // Another local web server's page: same machine, another port, so another origin (and no
    // browser rule about public pages reaching loopback stands in for the host's own check).
    const attackerServer = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>a</title>'),
    )
    await new Promise<void>((resolve) => attackerServer.listen(0, '127.0.0.1', resolve))
    const attackerPort = (attackerServer.address() as AddressInfo).port
    const attacker = await app.page.context().newPage()
    try {
      await attacker.goto(`http://127.0.0.1:${attackerPort}/`)
      const outcome = await attacker.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(url)
            socket.onopen = () => resolve('open')
            socket.onclose = (event) => resolve(`closed ${event.code}`)
          }),
        `ws://127.0.0.1:${port}/rpc?token=${encodeURIComponent(token)}`,
      )
      expect(outcome).toBe('closed 1006')
    } finally {
      await attacker.close()
      await new Promise((resolve) => attackerServer.close(resolve))
    }
  })

  test('the page is served with its CSP header; other host names get nothing', async ({ app }) => {
    const { port } = await hostOf(app)
    const page = await get(port, `127.0.0.1:${port}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    )
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await get(port, `attacker.test:${port}`)).status).toBe(421)
  })
})
