/**
 * Startup figures: the headless host's cold start to ready, and the renderer's first paint
 * and first connected frame in Chromium, each beside a reference measured the same way; then
 * memory (PSS) by process, idle on the sample workspace and with 10 idle terminal tabs open
 * (those need a local sshd, so root, as the integration tests do).
 * Run with `npm run bench:startup` (it builds first).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumArgs } from '../playwright.config'
import { appStarted } from '../e2e/fixtures'
import { startHeadlessProcess } from '../e2e/headless-process'
import { answerPassword, openSection, quickConnect, terminals } from '../e2e/terminal-helpers'
import { canRunSshd, startSshd, TEST_USER } from '../src/main/testing/sshd'
import { commandLine, processTree, pssMb } from './memory'
import { median, ms, printTable } from './stats'

const RUNS = 10
const TABS = 10
/** Long enough for the page and the host to settle after what was opened. */
const SETTLE_MS = 3000

interface Memory {
  host: number
  renderer: number
  chromium: number
}

/** PSS of the host process tree, Chromium's renderers, and the rest of Chromium. */
function memoryNow(hostPid: number): Memory {
  const chromiumPids = processTree(process.pid).filter((pid) => /chrom/.test(commandLine(pid)))
  const renderers = chromiumPids.filter((pid) => commandLine(pid).includes('--type=renderer'))
  return {
    host: pssMb(processTree(hostPid)),
    renderer: pssMb(renderers),
    chromium: pssMb(chromiumPids.filter((pid) => !renderers.includes(pid))),
  }
}

const mb = (value: number): string => `${value.toFixed(1)} MB`
const total = (m: Memory): number => m.host + m.renderer + m.chromium

async function openSampleWorkspace(page: Page): Promise<void> {
  await openSection(page, 'Devices')
  await page.getByRole('button', { name: 'Open sample workspace' }).click()
  await page
    .getByText(/^[\d,]+ devices$/)
    .first()
    .waitFor({ timeout: 30_000 })
}

async function timeProcess(args: string[]): Promise<number> {
  const started = performance.now()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' })
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))))
  })
  return performance.now() - started
}

async function hostColdStart(root: string): Promise<number> {
  const dataDir = mkdtempSync(join(root, 'cold-'))
  const started = performance.now()
  const host = await startHeadlessProcess(dataDir)
  const elapsed = performance.now() - started
  await host.stop()
  return elapsed
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
  try {
    await timeProcess(['-e', '']) // warm the file cache for both sides alike
    await hostColdStart(root)
    const nodeRuns: number[] = []
    const hostRuns: number[] = []
    for (let i = 0; i < RUNS; i++) {
      nodeRuns.push(await timeProcess(['-e', '']))
      hostRuns.push(await hostColdStart(root))
    }

    const host = await startHeadlessProcess(mkdtempSync(join(root, 'paint-')))
    const blank = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end('<!doctype html><title>reference</title><h1>Switchboard</h1>')
    })
    await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve))
    const blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`

    const browser = await chromium.launch({
      executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    })
    const firstPaint = async (url: string, waitForShell: boolean) => {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(url)
      if (waitForShell) {
        await page.waitForSelector('[data-testid="connection-status"][data-status="open"]')
      }
      const figures = await page.evaluate(async () => {
        const paint = await new Promise<number>((resolve) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0]
          if (found) return resolve(found.startTime)
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0]
            if (entry) resolve(entry.startTime)
          }).observe({ entryTypes: ['paint'] })
        })
        const connected = performance.getEntriesByName('switchboard:connected')[0]?.startTime
        return { paint, connected: connected ?? Number.NaN }
      })
      await context.close()
      return figures
    }
    await firstPaint(host.url, true)
    const appPaint: number[] = []
    const appConnected: number[] = []
    const blankPaint: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const app = await firstPaint(host.url, true)
      appPaint.push(app.paint)
      appConnected.push(app.connected)
      blankPaint.push((await firstPaint(blankUrl, false)).paint)
    }
    await browser.close()
    await host.stop()
    blank.close()

    // Memory: one window, idle on the sample workspace, then with TABS idle terminals open.
    const memoryHost = await startHeadlessProcess(mkdtempSync(join(root, 'memory-')))
    const sshd = canRunSshd() === null ? await startSshd() : null
    const memoryBrowser = await chromium.launch({
      executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    })
    let idle: Memory
    let withTabs: Memory | null = null
    let floor: Memory
    try {
      const page = await memoryBrowser.newPage({ viewport: { width: 1440, height: 900 } })
      // The floor: the same Chromium showing a blank page, and a Node process doing nothing.
      await page.goto('about:blank')
      const idleNode = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'])
      await page.waitForTimeout(SETTLE_MS)
      floor = memoryNow(idleNode.pid ?? 0)
      idleNode.kill()
      await page.goto(memoryHost.url)
      await appStarted(page)
      await openSampleWorkspace(page)
      await page.waitForTimeout(SETTLE_MS)
      idle = memoryNow(memoryHost.process.pid ?? 0)
      if (sshd) {
        await openSection(page, 'Sessions')
        for (let tab = 0; tab < TABS; tab++) {
          await quickConnect(page, `${TEST_USER}@127.0.0.1:${sshd.port}`)
          if (tab === 0) await page.getByRole('button', { name: 'Trust and remember' }).click()
          await answerPassword(page)
          await terminals(page)
            .first()
            .and(page.locator('[data-session-state="connected"]'))
            .waitFor({ timeout: 15_000 })
        }
        await page.waitForTimeout(SETTLE_MS)
        withTabs = memoryNow(memoryHost.process.pid ?? 0)
      }
    } finally {
      await memoryBrowser.close()
      await memoryHost.stop()
      await sshd?.stop()
    }

    const nodeMedian = median(nodeRuns)
    const hostMedian = median(hostRuns)
    console.log(`\nSwitchboard startup, median of ${RUNS} (Node ${process.version}, Chromium)\n`)
    printTable([
      ['figure', 'Switchboard', 'reference', 'ratio'],
      [
        'headless host: cold start to ready',
        ms(hostMedian),
        `${ms(nodeMedian)} (node -e '')`,
        `${(hostMedian / nodeMedian).toFixed(2)}×`,
      ],
      [
        'renderer: first contentful paint',
        ms(median(appPaint)),
        `${ms(median(blankPaint))} (static page)`,
        `${(median(appPaint) / median(blankPaint)).toFixed(2)}×`,
      ],
      ['renderer: shell connected to main', ms(median(appConnected)), '', ''],
    ])
    console.log('\nMemory (PSS) by process, one window at 1440×900\n')
    const perTab = withTabs ? (total(withTabs) - total(idle)) / TABS : null
    printTable([
      ['figure', 'host (main)', 'page renderer', 'rest of Chromium', 'whole app', 'goal'],
      [
        'floor: a blank page, and a Node process doing nothing',
        mb(floor.host),
        mb(floor.renderer),
        mb(floor.chromium),
        mb(total(floor)),
        '',
      ],
      [
        'idle on the sample workspace',
        mb(idle.host),
        mb(idle.renderer),
        mb(idle.chromium),
        mb(total(idle)),
        '≤ 300 MB (Tabby idles at ~670 MB)',
      ],
      [
        'idle, above the floor (what the app adds)',
        mb(idle.host - floor.host),
        mb(idle.renderer - floor.renderer),
        mb(idle.chromium - floor.chromium),
        mb(total(idle) - total(floor)),
        '',
      ],
      withTabs
        ? [
            `with ${TABS} idle terminal tabs`,
            mb(withTabs.host),
            mb(withTabs.renderer),
            mb(withTabs.chromium),
            mb(total(withTabs)),
            '',
          ]
        : [`with ${TABS} idle terminal tabs`, 'needs a local sshd (root)', '', '', '', ''],
      [
        'each extra idle tab',
        withTabs ? mb((withTabs.host - idle.host) / TABS) : '',
        withTabs ? mb((withTabs.renderer - idle.renderer) / TABS) : '',
        withTabs ? mb((withTabs.chromium - idle.chromium) / TABS) : '',
        perTab === null ? '' : mb(perTab),
        '≤ 15 MB',
      ],
    ])
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
