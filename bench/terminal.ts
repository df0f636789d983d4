/**
 * Terminal throughput: 100 MB of text through SSH → session service → WebSocket batches →
 * xterm.js in Chromium (the app, as a technician runs `cat`), beside raw `term.write` of the
 * same bytes into a plain xterm.js Terminal in the same page. Both use the DOM renderer (WebGL
 * is software-rendered on this machine). Needs root for its sshd, like the integration tests.
 * Run with `npm run bench:terminal` (it builds first).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startHeadlessProcess } from '../e2e/headless-process'
import { chromiumArgs } from '../playwright.config'
import {
  TEST_PASSWORD,
  TEST_USER,
  canRunSshd,
  startSshd,
  testUserHome,
} from '../src/main/testing/sshd'
import { printTable } from './stats'

const MEGABYTES = Number(process.env.BENCH_TERMINAL_MB ?? 100)
const LINE_CHARS = 100

/** The same text on both sides: numbered 100-char ASCII lines (CRLF, as a PTY delivers them). */
function line(i: number): string {
  const head = `${String(i).padStart(8, '0')} `
  return (
    head +
    'the quick brown fox jumps over the lazy dog 0123456789 '
      .repeat(3)
      .slice(0, LINE_CHARS - head.length - 2) +
    '\r\n'
  )
}

/**
 * Runs in the page, as plain JavaScript text (so no bundler helpers leak in): writes the same
 * lines into a fresh xterm.js Terminal in 64 K batches, keeping at most 16 writes in flight as
 * the app's acknowledgements do, and resolves when the end marker is drawn.
 */
const referenceWrite = `async ({ count, rows, width, height, lineChars }) => {
  const host = document.createElement('div')
  host.style.cssText = 'position:fixed;left:0;top:0;z-index:9999;background:#000;width:' + width + 'px;height:' + height + 'px'
  document.body.append(host)
  const term = new window.Terminal({ rows, cols: Math.max(80, Math.floor(width / 8.4)), scrollback: 10000 })
  term.open(host)
  const pad = 'the quick brown fox jumps over the lazy dog 0123456789 '.repeat(3)
  const started = performance.now()
  let batch = ''
  let pending = 0
  let release = null
  const flush = (text) => {
    pending += 1
    term.write(text, () => {
      pending -= 1
      if (pending < 8 && release) { const r = release; release = null; r() }
    })
  }
  for (let i = 0; i < count; i++) {
    const head = String(i).padStart(8, '0') + ' '
    batch += head + pad.slice(0, lineChars - head.length - 2) + '\\r\\n'
    if (batch.length >= 65536) {
      flush(batch)
      batch = ''
      if (pending >= 16) await new Promise((r) => { release = r })
    }
  }
  flush(batch + 'BENCH-42-END\\r\\n')
  await new Promise((resolve) => {
    const check = () => (host.querySelector('.xterm-rows')?.textContent ?? '').includes('BENCH-42-END') ? resolve() : setTimeout(check, 20)
    check()
  })
  return performance.now() - started
}`

async function main(): Promise<void> {
  const reason = canRunSshd()
  if (reason) throw new Error(`bench:terminal needs a local sshd: ${reason}`)
  const lines = Math.round((MEGABYTES * 1e6) / LINE_CHARS)
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-term-'))
  const sshd = await startSshd()
  const file = join(testUserHome(TEST_USER), `switchboard-bench-${sshd.port}.txt`)
  // The file has LF endings; the PTY turns them into CRLF, which the reference writes directly.
  const chunks: string[] = []
  for (let i = 0; i < lines; i++) chunks.push(line(i).replace('\r\n', '\n'))
  writeFileSync(file, chunks.join(''))
  execFileSync('chown', [`${TEST_USER}:`, file])
  const host = await startHeadlessProcess(join(root, 'data'))
  const browser = await chromium.launch({
    executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  })
  try {
    // bypassCSP only so the reference Terminal can be injected into the same page.
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      bypassCSP: true,
    })
    const page = await context.newPage()
    await page.goto(host.url)
    await page.getByRole('link', { name: 'Sessions' }).click()
    await page.getByLabel('Connect to').fill(`${TEST_USER}@127.0.0.1:${sshd.port}`)
    await page.getByLabel('Connect to').press('Enter')
    await page.getByRole('button', { name: 'Trust and remember' }).click({ timeout: 15_000 })
    const prompt = page.getByRole('dialog', { name: /log in|password/i })
    await prompt.getByLabel(/password/i).fill(TEST_PASSWORD)
    await prompt.getByLabel(/password/i).press('Enter')
    const terminal = page.locator('[data-testid^="terminal-"]').first()
    await terminal.locator('.xterm-rows').waitFor()
    await page.waitForFunction(
      () => /@\S+:~\$/.test(document.querySelector('.xterm-rows')?.textContent ?? ''),
      null,
      { timeout: 15_000 },
    )
    const size = await page.evaluate(() => {
      const rows = document.querySelectorAll('[data-testid^="terminal-"] .xterm-rows > div').length
      const screen = document.querySelector(
        '[data-testid^="terminal-"] .xterm-screen',
      ) as HTMLElement
      return { rows, width: screen.offsetWidth, height: screen.offsetHeight }
    })

    // ---- the app: cat through SSH, until the end marker is drawn ----
    await terminal.click()
    await page.keyboard.type(`cat ~/switchboard-bench-${sshd.port}.txt; echo BENCH-$((40+2))-END`)
    const appStarted = Date.now()
    await page.keyboard.press('Enter')
    await page.waitForFunction(
      () =>
        (
          document.querySelector('[data-testid^="terminal-"] .xterm-rows')?.textContent ?? ''
        ).includes('BENCH-42-END'),
      null,
      { timeout: 600_000, polling: 20 },
    )
    const appMs = Date.now() - appStarted

    // ---- the reference: the same bytes written straight into an xterm.js Terminal ----
    await page.addScriptTag({
      content: readFileSync('node_modules/@xterm/xterm/lib/xterm.js', 'utf8'),
    })
    const rawMs = (await page.evaluate(
      `(${referenceWrite})(${JSON.stringify({ count: lines, rows: size.rows, width: size.width, height: size.height, lineChars: LINE_CHARS })})`,
    )) as number

    const mb = (lines * LINE_CHARS) / 1e6
    const rate = (msValue: number) => `${(mb / (msValue / 1000)).toFixed(1)} MB/s`
    console.log(
      `\nTerminal throughput, ${mb.toFixed(0)} MB of text, Chromium, DOM renderer (${size.rows} rows)\n`,
    )
    printTable([
      ['path', 'time', 'throughput', 'ratio'],
      [
        'SSH → main → WebSocket → xterm.js (app)',
        `${(appMs / 1000).toFixed(2)} s`,
        rate(appMs),
        `${(rawMs / appMs).toFixed(2)}× (goal ≥ 0.8×)`,
      ],
      [
        'term.write of the same bytes (reference)',
        `${(rawMs / 1000).toFixed(2)} s`,
        rate(rawMs),
        '1.00×',
      ],
    ])
  } finally {
    await browser.close()
    await host.stop()
    rmSync(file, { force: true })
    await sshd.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
