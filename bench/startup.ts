/**
 * Startup figures: the headless host's cold start to ready, and the renderer's first paint
 * and first connected frame in Chromium, each beside a reference measured the same way.
 * Run with `npm run bench:startup` (it builds first).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumArgs } from '../playwright.config'
import { startHeadlessProcess } from '../e2e/headless-process'
import { median, ms, printTable } from './stats'

const RUNS = 10

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
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
