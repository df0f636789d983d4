import { expect, test } from './fixtures'

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
  if (app.mode === 'electron') expect(exposed).toEqual(['onMessage:function', 'send:function'])
  // In browser mode there is no preload at all: the page reaches main only over the WebSocket.
  else expect(exposed).toBeNull()
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
