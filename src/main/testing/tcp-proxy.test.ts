import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startTcpProxy, type TcpProxy } from './tcp-proxy'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function upstream(body: string): Promise<number> {
  const server = createServer((_req, res) => res.end(body))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
  return (server.address() as AddressInfo).port
}

async function proxyTo(port: number): Promise<TcpProxy> {
  const proxy = await startTcpProxy(port)
  cleanups.push(() => proxy.close())
  return proxy
}

const get = (url: string) => fetch(url, { headers: { connection: 'close' } }).then((r) => r.text())

describe('the test TCP proxy', () => {
  it('forwards, refuses while cut, and forwards again once restored', async () => {
    const proxy = await proxyTo(await upstream('hello'))
    expect(await get(proxy.url())).toBe('hello')
    proxy.cut()
    await expect(get(proxy.url())).rejects.toThrow()
    proxy.restore()
    expect(await get(proxy.url())).toBe('hello')
  })

  it('loses a response halfway, and follows a restarted server to its new port', async () => {
    const proxy = await proxyTo(await upstream('x'.repeat(10_000)))
    proxy.dropResponseAfter(100)
    await expect(get(proxy.url())).rejects.toThrow()
    expect(await get(proxy.url())).toHaveLength(10_000)
    proxy.retarget(await upstream('moved'))
    expect(await get(proxy.url())).toBe('moved')
  })

  it('shows each request line and lets a fault land on that one connection', async () => {
    const proxy = await proxyTo(await upstream('y'.repeat(10_000)))
    const seen: string[] = []
    const stop = proxy.onRequest((line, connection) => {
      seen.push(line)
      if (line.startsWith('GET /reset ')) connection.reset()
      if (line.startsWith('GET /lose ')) connection.dropResponseAfter(50)
    })
    await expect(get(`${proxy.url()}/reset`)).rejects.toThrow()
    await expect(get(`${proxy.url()}/lose`)).rejects.toThrow()
    expect(await get(`${proxy.url()}/fine`)).toHaveLength(10_000)
    stop()
    expect(await get(`${proxy.url()}/unseen`)).toHaveLength(10_000)
    expect(seen).toEqual(['GET /reset HTTP/1.1', 'GET /lose HTTP/1.1', 'GET /fine HTTP/1.1'])
  })
})
