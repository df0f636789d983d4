import { join, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../shared/domain/csp'
import {
  APP_ORIGIN,
  DEV_CONTENT_SECURITY_POLICY,
  checkSender,
  contentTypeFor,
  createOriginPolicy,
  devServerUrlPattern,
  findDeepLinkArg,
  isAllowedNavigation,
  originOf,
  parseDeepLink,
  resolveRendererAsset,
  routeUrl,
  securityHeaders,
  withHeaders,
  type SenderFacts,
} from './policy'

const built = createOriginPolicy()
const dev = createOriginPolicy('http://localhost:5173')

describe('originOf', () => {
  it('builds the origin of the app scheme the way Chromium does for a standard scheme', () => {
    expect(originOf('app://switchboard/index.html')).toBe('app://switchboard')
    expect(originOf('app://SwitchBoard/#/devices')).toBe('app://switchboard')
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173')
  })

  it('gives no origin to schemes the renderer is never served from', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'blob:app://switchboard/uuid',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      expect(originOf(url), url).toBeNull()
    }
  })

  it('gives no origin to URLs carrying credentials', () => {
    expect(originOf('app://switchboard@evil.example/')).toBeNull()
    expect(originOf('app://user:pw@switchboard/')).toBeNull()
  })
})

describe('createOriginPolicy', () => {
  it('starts a built app at the app scheme and trusts only that origin', () => {
    expect(built.entryUrl).toBe('app://switchboard/')
    expect([...built.origins]).toEqual([APP_ORIGIN])
    expect(built.devServerOrigin).toBeNull()
    expect(built.isAppUrl('http://localhost:5173/')).toBe(false)
  })

  it('starts at the dev server in development and trusts both origins', () => {
    expect(dev.entryUrl).toBe('http://localhost:5173/')
    expect(dev.isAppUrl('http://localhost:5173/#/devices')).toBe(true)
    expect(dev.isAppUrl('app://switchboard/')).toBe(true)
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(dev.isAppUrl('https://localhost:5173/')).toBe(false)
    expect(dev.isAppUrl('http://127.0.0.1:5173/')).toBe(false)
  })

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => createOriginPolicy('file:///tmp/index.html')).toThrow(/http/)
    expect(() => createOriginPolicy('app://switchboard')).toThrow(/http/)
    expect(() => createOriginPolicy('javascript:alert(1)')).toThrow(/http/)
  })
})

describe('checkSender', () => {
  const ok: SenderFacts = {
    isKnownWindow: true,
    hasFrame: true,
    isMainFrame: true,
    frameUrl: 'app://switchboard/#/devices/42',
  }

  it('trusts the main frame of our window showing the app', () => {
    expect(checkSender(ok, built)).toEqual({ trusted: true })
    expect(checkSender({ ...ok, frameUrl: 'http://localhost:5173/' }, dev)).toEqual({
      trusted: true,
    })
  })

  it('drops messages from anything else, saying why', () => {
    const cases: [Partial<SenderFacts>, RegExp][] = [
      [{ isKnownWindow: false }, /not a Switchboard window/],
      [{ hasFrame: false }, /frame is gone/],
      [{ isMainFrame: false }, /subframe/],
      [{ frameUrl: 'app://switchboard.evil/' }, /app:\/\/switchboard\.evil is not the app/],
      [{ frameUrl: 'https://evil.example/' }, /https:\/\/evil\.example is not the app/],
      [{ frameUrl: 'file:///home/tech/index.html' }, /\(opaque\) is not the app/],
      [{ frameUrl: 'about:blank' }, /\(opaque\)/],
      [{ frameUrl: '' }, /\(opaque\)/],
      // The dev server is only trusted when the policy was built for it.
      [{ frameUrl: 'http://localhost:5173/' }, /not the app/],
    ]
    for (const [change, reason] of cases) {
      const verdict = checkSender({ ...ok, ...change }, built)
      expect(verdict.trusted, JSON.stringify(change)).toBe(false)
      if (!verdict.trusted) expect(verdict.reason).toMatch(reason)
    }
  })
})

describe('isAllowedNavigation', () => {
  it('allows moving within the app', () => {
    expect(isAllowedNavigation('app://switchboard/', built)).toBe(true)
    expect(isAllowedNavigation('app://switchboard/#/tickets/7', built)).toBe(true)
  })

  it('blocks every other destination', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'app://switchboard.evil/',
      'app://evil/',
      'app://switchboard@evil/',
      'file:///etc/passwd',
      'javascript:alert(document.cookie)',
      'data:text/html,hi',
      'switchboard://devices/1',
      'chrome://gpu',
    ]) {
      expect(isAllowedNavigation(url, built), url).toBe(false)
    }
  })
})

describe('parseDeepLink', () => {
  it('turns allowlisted sections and ids into hash routes', () => {
    expect(parseDeepLink('switchboard://devices/123')).toBe('/devices/123')
    expect(parseDeepLink('switchboard://clients/acme-corp_2')).toBe('/clients/acme-corp_2')
    expect(parseDeepLink('switchboard://tickets')).toBe('/tickets')
    expect(parseDeepLink('switchboard://vendors/')).toBe('/vendors')
    expect(parseDeepLink('switchboard://sessions/abc/')).toBe('/sessions/abc')
    expect(parseDeepLink('SWITCHBOARD://Devices/A1')).toBe('/devices/A1')
  })

  it('ignores a query or fragment instead of carrying it into the app', () => {
    expect(parseDeepLink('switchboard://devices/123?x=<script>')).toBe('/devices/123')
    expect(parseDeepLink('switchboard://devices/123#/../../settings')).toBe('/devices/123')
  })

  it('rejects path traversal, encodings and anything outside the id charset', () => {
    for (const raw of [
      'switchboard://devices/../../etc',
      'switchboard://devices/..',
      'switchboard://devices/%2e%2e',
      'switchboard://devices/%2F..%2Fetc',
      'switchboard://devices/a.b',
      'switchboard://devices/a b',
      'switchboard://devices/a\\b',
      'switchboard://devices/-leading-dash',
      'switchboard://devices/1/2',
      'switchboard://devices//1',
      `switchboard://devices/${'a'.repeat(129)}`,
      `switchboard://devices/1?${'x'.repeat(600)}`,
    ]) {
      expect(parseDeepLink(raw), raw).toBeNull()
    }
  })

  it('rejects unknown sections and other schemes', () => {
    for (const raw of [
      'switchboard://settings',
      'switchboard://admin/1',
      'switchboard://',
      'switchboard:///devices/1',
      'switchboard:devices/1',
      'switchboard://user@devices/1',
      'switchboard://devices:80/1',
      'javascript:alert(1)',
      'javascript://devices/1',
      'app://switchboard/#/devices/1',
      'file:///devices/1',
      'https://devices/1',
      '',
    ]) {
      expect(parseDeepLink(raw), raw).toBeNull()
    }
    expect(parseDeepLink(undefined)).toBeNull()
    expect(parseDeepLink(42)).toBeNull()
  })
})

describe('findDeepLinkArg and routeUrl', () => {
  it('finds the link among the arguments a second instance or the OS passes', () => {
    const argv = ['/opt/Switchboard/switchboard', '--no-sandbox', 'switchboard://devices/9']
    expect(findDeepLinkArg(argv)).toBe('switchboard://devices/9')
    expect(findDeepLinkArg(['/opt/Switchboard/switchboard', '--flag'])).toBeNull()
  })

  it('points at the app entry page with a hash route, never elsewhere', () => {
    expect(routeUrl('/devices/9', built)).toBe('app://switchboard/#/devices/9')
    expect(routeUrl('/devices/9', dev)).toBe('http://localhost:5173/#/devices/9')
    expect(routeUrl(null, built)).toBe('app://switchboard/')
  })
})

describe('resolveRendererAsset', () => {
  // Pure path logic: the directory does not have to exist.
  const root = resolve('/srv/switchboard/out/renderer')

  it('maps app URLs to files in the renderer directory', () => {
    expect(resolveRendererAsset(root, 'app://switchboard/')).toEqual({
      kind: 'file',
      file: join(root, 'index.html'),
      fallback: null,
    })
    expect(resolveRendererAsset(root, 'app://switchboard/assets/index-abc.js')).toEqual({
      kind: 'file',
      file: join(root, 'assets', 'index-abc.js'),
      fallback: null,
    })
    expect(resolveRendererAsset(root, 'app://switchboard/assets/my%20font.woff2')).toMatchObject({
      file: join(root, 'assets', 'my font.woff2'),
    })
  })

  it('falls back to index.html for client-side routes only', () => {
    expect(resolveRendererAsset(root, 'app://switchboard/devices/42')).toEqual({
      kind: 'file',
      file: join(root, 'devices', '42'),
      fallback: join(root, 'index.html'),
    })
    expect(resolveRendererAsset(root, 'app://switchboard/missing.js')).toMatchObject({
      fallback: null,
    })
  })

  it('refuses anything that would leave the renderer directory', () => {
    for (const url of [
      'app://switchboard/..%2F..%2Fetc%2Fpasswd',
      'app://switchboard/assets/..%2F..%2F..%2Fetc/passwd',
      'app://switchboard/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://switchboard/..%5C..%5Cwindows%5Cwin.ini',
      'app://switchboard/C:%5Cwindows%5Cwin.ini',
      'app://switchboard/C:/windows/win.ini',
      'app://switchboard/index.html%00.png',
    ]) {
      const result = resolveRendererAsset(root, url)
      expect(result.kind, url).toBe('refuse')
      if (result.kind === 'refuse') expect(result.status, url).toBe(403)
    }
    // The URL parser already collapses plain `..`, so these stay inside the directory.
    for (const url of ['app://switchboard/../../etc/passwd', 'app://switchboard/a/../../x.js']) {
      const result = resolveRendererAsset(root, url)
      expect(result.kind === 'file' && result.file.startsWith(root + sep), url).toBe(true)
    }
  })

  it('refuses other hosts, credentials, bad encodings and dotfiles', () => {
    expect(resolveRendererAsset(root, 'app://switchboard.evil/index.html')).toMatchObject({
      kind: 'refuse',
      status: 404,
    })
    expect(resolveRendererAsset(root, 'app://switchboard:8080/index.html')).toMatchObject({
      kind: 'refuse',
    })
    expect(resolveRendererAsset(root, 'file:///etc/passwd')).toMatchObject({ kind: 'refuse' })
    expect(resolveRendererAsset(root, 'app://u:p@switchboard/')).toMatchObject({
      kind: 'refuse',
      status: 400,
    })
    expect(resolveRendererAsset(root, 'app://switchboard/%E0%A4%A')).toMatchObject({
      kind: 'refuse',
      status: 400,
    })
    expect(resolveRendererAsset(root, 'app://switchboard/.env')).toMatchObject({
      kind: 'refuse',
      status: 404,
    })
    expect(resolveRendererAsset(root, 'app://switchboard/.vite/manifest.json')).toMatchObject({
      kind: 'refuse',
      status: 404,
    })
  })
})

describe('response headers', () => {
  it('serves module scripts and styles with types the browser accepts under nosniff', () => {
    expect(contentTypeFor('/r/assets/index.js')).toMatch(/^text\/javascript/)
    expect(contentTypeFor('/r/index.HTML')).toMatch(/^text\/html/)
    expect(contentTypeFor('/r/assets/a.css')).toMatch(/^text\/css/)
    expect(contentTypeFor('/r/assets/a.woff2')).toBe('font/woff2')
    expect(contentTypeFor('/r/unknown.bin')).toBe('application/octet-stream')
  })

  it('sends the shared CSP, and relaxes only inline scripts for the dev server', () => {
    const headers = securityHeaders()
    expect(headers['Content-Security-Policy']).toBe(
      `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    )
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    const directives = (csp: string): Record<string, string> =>
      Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d]))
    const devDirectives = directives(DEV_CONTENT_SECURITY_POLICY)
    const builtDirectives = directives(CONTENT_SECURITY_POLICY)
    expect(devDirectives['script-src']).toBe("script-src 'self' 'unsafe-inline'")
    expect({ ...devDirectives, 'script-src': builtDirectives['script-src'] }).toEqual(
      builtDirectives,
    )
  })

  it('replaces a server CSP whatever its header case and keeps the other headers', () => {
    const merged = withHeaders(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      { 'Content-Security-Policy': "default-src 'self'" },
    )
    expect(merged).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    })
  })

  it('matches the dev server in webRequest filters by scheme and host', () => {
    expect(devServerUrlPattern('http://localhost:5173')).toBe('http://localhost/*')
  })
})
