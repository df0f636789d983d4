/**
 * The inventory figure a technician feels: in Chromium, from the keystroke that completes a
 * search in the device table to the frame that draws the matching rows. It runs the built app
 * (headless host + renderer) on a data directory the caller has filled.
 */
import { chromium, type Page } from '@playwright/test'
import { startHeadlessProcess } from '../e2e/headless-process'
import { chromiumArgs } from '../playwright.config'

/** One timed keystroke: the box holds `prefix`, the last character of `query` is typed. */
export interface KeystrokeCase {
  query: string
  /** The hostnames of the first rows the table shows for the prefix, and for the query. */
  prefixRows: string[]
  queryRows: string[]
}

/**
 * Runs in the page, as plain JavaScript text (tsx would inject helpers into a function).
 * `arm(rows)` starts a measurement: the next keydown's event time is the start; the end is
 * the animation frame after the table's DOM first holds `rows` as its first data rows, in
 * order, each as a cell (or an element in one) whose whole text is the hostname: the cell
 * may also say what the search matched.
 */
const probeScript = `(() => {
  const state = { expected: null, start: null, done: null, observer: null }
  const firstRowsAre = (expected) => {
    const rows = [...document.querySelectorAll('[role="grid"] [role="row"], table [role="row"]')]
      .filter((row) => !row.querySelector('[role="columnheader"]'))
    if (rows.length < expected.length) return false
    return expected.every((hostname, i) =>
      [...rows[i].querySelectorAll('[role="gridcell"], [role="cell"], [role="rowheader"], td, th')]
        .some((cell) => [cell, ...cell.querySelectorAll('*')]
          .some((el) => (el.textContent || '').trim() === hostname)))
  }
  window.addEventListener('keydown', (event) => {
    if (state.expected && state.start === null) state.start = event.timeStamp
  }, true)
  const check = () => {
    if (state.start === null || state.done !== null || !firstRowsAre(state.expected)) return
    state.observer.disconnect()
    requestAnimationFrame(() => { state.done = performance.now() })
  }
  window.__inventoryBench = {
    arm(expected) {
      state.expected = expected
      state.start = null
      state.done = null
      state.observer = new MutationObserver(check)
      state.observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    },
    result() {
      return state.done === null || state.start === null ? null : state.done - state.start
    },
    shows(expected) { return firstRowsAre(expected) },
  }
})()`

/** About six or seven keys a second, as technicians type a search. */
const TYPING_INTERVAL_MS = 150

/** Rows the table shows at once for certain at 1440×900; the cases compare this many. */
export const VISIBLE_ROWS = 8

/**
 * Cases from what technicians type: each query with its prefix, kept only where the last
 * keystroke changes the first rows (else there is nothing to see change) and the prefix
 * alone shows rows (so the table visibly holds the prefix before the keystroke).
 */
export function keystrokeCases(
  queries: readonly string[],
  firstRows: (query: string) => string[],
): KeystrokeCase[] {
  const cases: KeystrokeCase[] = []
  for (const query of queries) {
    if (query.length < 2) continue
    const prefixRows = firstRows(query.slice(0, -1))
    const queryRows = firstRows(query)
    if (queryRows.length === 0 || prefixRows.length === 0) continue
    if (JSON.stringify(prefixRows) === JSON.stringify(queryRows)) continue
    cases.push({ query, prefixRows, queryRows })
  }
  return cases
}

/**
 * Polls an expression in the page until it is true. Not `waitForFunction`: that evaluates its
 * text with eval, which the app's CSP refuses; the timing itself happens in the page anyway.
 */
async function until(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`)
    await page.waitForTimeout(10)
  }
}

const shows = (rows: string[]): string => `window.__inventoryBench.shows(${JSON.stringify(rows)})`

/**
 * Opens Devices in the app on `dataDir` and times each case `rounds` times. Returns the
 * milliseconds of every keystroke, in order.
 */
export async function measureSearchKeystrokes(
  dataDir: string,
  cases: readonly KeystrokeCase[],
  rounds: number,
): Promise<number[]> {
  const host = await startHeadlessProcess(dataDir)
  const browser = await chromium.launch({
    executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(host.url)
    await page.waitForSelector('[data-testid="connection-status"][data-status="open"]')
    await page.evaluate(probeScript)
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Devices' })
      .click()
    const label = page.getByLabel('Search devices', { exact: true })
    await label.waitFor({ timeout: 30_000 })
    // Resolved once: finding a control by its label walks the whole page (500 client options
    // included), work that would otherwise run in the page between keystrokes.
    const box = await label.elementHandle()
    if (!box) throw new Error('no search box')
    const times: number[] = []
    for (let round = 0; round <= rounds; round++) {
      for (const c of cases) {
        await box.fill(c.query.slice(0, -1))
        await until(page, shows(c.prefixRows))
        // Typing speed: keys come ~150 ms apart, longer than the table's debounce window, so
        // each keystroke searches at once (a faster burst is merged into one search instead).
        await page.waitForTimeout(TYPING_INTERVAL_MS)
        await page.evaluate(`window.__inventoryBench.arm(${JSON.stringify(c.queryRows)})`)
        await box.press(c.query.slice(-1))
        await until(page, 'window.__inventoryBench.result() !== null')
        const ms = (await page.evaluate('window.__inventoryBench.result()')) as number
        // The first round warms the host's statement cache and the renderer's code paths.
        if (round > 0) times.push(ms)
      }
    }
    return times
  } finally {
    await browser.close()
    await host.stop()
  }
}
