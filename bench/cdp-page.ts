/**
 * A Chromium page driven over a bare DevTools connection, for benchmarks that must measure
 * what a user's browser does. Playwright turns on the DevTools Network domain in every page and
 * worker, so each WebSocket frame's payload is copied out of the renderer and sent to the test
 * process as JSON: that taxes the app's WebSocket path and nothing else. This driver only
 * evaluates scripts and sends input, so no frame is ever copied.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import WebSocket from 'ws'

interface CdpReply {
  id?: number
  result?: unknown
  error?: { message: string }
  sessionId?: string
  method?: string
  params?: unknown
}

/** A DevTools protocol event; `sessionId` says which target (page, worker) sent it. */
export interface CdpEvent {
  method: string
  params: unknown
  sessionId?: string
}

/** A raw DevTools call: to the browser without a session, else to that target. */
export type CdpSend = <T>(method: string, params?: object, sessionId?: string) => Promise<T>

export interface CdpPage {
  /** The browser's process id (its helpers are its descendants). */
  pid: number
  /** The page target's DevTools session, for profiling tools that need more than the below. */
  sessionId: string
  send: CdpSend
  /** Calls `listener` with every DevTools event; returns a function that stops it. */
  onEvent(listener: (event: CdpEvent) => void): () => void
  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>
  /** Resolves when `predicate` (an expression) is truthy, checked in the page every 20 ms. */
  waitFor(predicate: string, timeoutMs?: number): Promise<void>
  /** Types text into the focused element, as an IME commit would. */
  insertText(text: string): Promise<void>
  press(key: 'Enter'): Promise<void>
  /** A left click at page coordinates; the pointer stays there. */
  click(x: number, y: number): Promise<void>
  close(): Promise<void>
}

export async function openCdpPage(options: {
  executablePath: string
  args: string[]
  url: string
  width: number
  height: number
}): Promise<CdpPage> {
  const profile = mkdtempSync(join(tmpdir(), 'switchboard-bench-chromium-'))
  const browser: ChildProcess = spawn(
    options.executablePath,
    [
      ...options.args,
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${options.width},${options.height}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const exited = new Promise<void>((resolve) => browser.once('exit', () => resolve()))
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Chromium did not start in 15 s')), 15_000)
    createInterface({ input: browser.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^DevTools listening on (ws:\/\/\S+)/.exec(line)
      if (!match?.[1]) return
      clearTimeout(timer)
      resolve(match[1])
    })
    browser.once('exit', (code) => reject(new Error(`Chromium exited with ${code}`)))
  })

  const ws = new WebSocket(endpoint, { perMessageDeflate: false })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  let nextId = 1
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const eventListeners = new Set<(event: CdpEvent) => void>()
  ws.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as CdpReply
    if (message.method !== undefined) {
      const event: CdpEvent = {
        method: message.method,
        params: message.params,
        ...(message.sessionId ? { sessionId: message.sessionId } : {}),
      }
      for (const listener of eventListeners) listener(event)
      return
    }
    const call = message.id === undefined ? undefined : waiting.get(message.id)
    if (!call || message.id === undefined) return
    waiting.delete(message.id)
    if (message.error) call.reject(new Error(message.error.message))
    else call.resolve(message.result)
  })
  const send: CdpSend = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    })

  const { targetId } = await send<{ targetId: string }>('Target.createTarget', {
    url: 'about:blank',
  })
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  })
  const page = <T>(method: string, params: object = {}): Promise<T> =>
    send<T>(method, params, sessionId)
  await page('Emulation.setDeviceMetricsOverride', {
    width: options.width,
    height: options.height,
    deviceScaleFactor: 1,
    mobile: false,
  })
  await page('Page.enable')
  await page('Page.navigate', { url: options.url })

  const evaluate = async <T>(expression: string): Promise<T> => {
    const reply = await page<{
      result: { value?: unknown }
      exceptionDetails?: { text: string; exception?: { description?: string } }
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })
    if (reply.exceptionDetails) {
      const detail = reply.exceptionDetails
      throw new Error(detail.exception?.description ?? detail.text)
    }
    return reply.result.value as T
  }

  return {
    pid: browser.pid ?? 0,
    sessionId,
    send,
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    evaluate,
    async waitFor(predicate, timeoutMs = 15_000) {
      const ok = await evaluate<boolean>(`new Promise((resolve) => {
        const until = performance.now() + ${timeoutMs}
        const check = () => {
          let value = false
          try { value = Boolean(${predicate}) } catch {}
          if (value) resolve(true)
          else if (performance.now() > until) resolve(false)
          else setTimeout(check, 20)
        }
        check()
      })`)
      if (!ok) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${predicate}`)
    },
    async insertText(text) {
      await page('Input.insertText', { text })
    },
    async press(key) {
      const common = { key, code: key, windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 }
      await page('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...common })
      await page('Input.dispatchKeyEvent', { type: 'keyUp', ...common })
    },
    async click(x, y) {
      const at = { x, y, button: 'left', clickCount: 1 }
      await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y })
      await page('Input.dispatchMouseEvent', { type: 'mousePressed', ...at })
      await page('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at })
    },
    async close() {
      ws.close()
      browser.kill('SIGTERM')
      await exited
      // Chromium's helpers may still be writing to the profile for a moment after it exits.
      for (let attempt = 0; ; attempt++) {
        try {
          rmSync(profile, { recursive: true, force: true })
          return
        } catch (error) {
          if (attempt >= 20) throw error
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
    },
  }
}
