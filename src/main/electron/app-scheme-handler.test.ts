import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { useTempDirs } from '../testing/temp-dir'
import { createAppSchemeHandler, type FetchFile } from './app-scheme-handler'
import { securityHeaders } from './policy'

const tempDir = useTempDirs()
const csp = securityHeaders()['Content-Security-Policy']

/** A built renderer in a temp dir, with a secret next to it that must stay unreachable. */
function setup(fetchFile?: FetchFile) {
  const base = tempDir()
  const rendererDir = join(base, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app")')
  writeFileSync(join(base, 'secret.txt'), 'do not serve')
  const fetched: string[] = []
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const handler = createAppSchemeHandler({
    rendererDir,
    logger,
    fetchFile:
      fetchFile ??
      (async (url) => {
        fetched.push(url)
        return new Response(await readFile(fileURLToPath(url)))
      }),
  })
  const get = (path: string, method = 'GET') =>
    handler(new Request(`app://switchboard${path}`, { method }))
  return { get, fetched, logger, rendererDir }
}

describe('the app scheme handler', () => {
  it('serves the entry page and assets with the CSP and an explicit type', async () => {
    const { get } = setup()
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(csp)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toContain('<title>Switchboard</title>')

    const script = await get('/assets/index-abc.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('content-security-policy')).toBe(csp)
    expect(await script.text()).toBe('console.log("app")')
  })

  it('answers a client-side route with index.html but a missing asset with 404', async () => {
    const { get } = setup()
    const route = await get('/devices/42')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>Switchboard</title>')

    const missing = await get('/assets/missing.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(csp)
  })

  it('never reads outside the renderer directory', async () => {
    const { get, fetched, logger } = setup()
    for (const path of [
      '/..%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5Csecret.txt',
    ]) {
      const response = await get(path)
      expect(response.status, path).toBe(403)
      expect(response.headers.get('content-security-policy')).toBe(csp)
      expect(await response.text()).toBe('')
    }
    expect(fetched).toEqual([])
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('outside the renderer directory'),
      expect.any(String),
    )
  })

  it('is read-only: HEAD has no body, other methods are refused', async () => {
    const { get } = setup()
    const head = await get('/', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()

    const post = await get('/', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    expect(post.headers.get('content-security-policy')).toBe(csp)
  })

  it('turns a failed read into a 500 that still carries the CSP', async () => {
    const { get, logger } = setup(async () => {
      throw new Error('disk on fire')
    })
    const response = await get('/')
    expect(response.status).toBe(500)
    expect(response.headers.get('content-security-policy')).toBe(csp)
    expect(logger.error).toHaveBeenCalled()
  })
})
