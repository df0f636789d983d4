import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseCastHeader, readCastLine } from '../src/shared/domain/asciicast'
import { canRunSshd, startSshd, type TestSshd } from '../src/main/testing/sshd'
import { expect, test } from './fixtures'
import { connectOnce, openSection, run, screenText } from './terminal-helpers'
import type { Page } from '@playwright/test'

const cannotRunSshd = canRunSshd()

/** Every .cast file of the host, newest last. */
function castFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'recordings')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cast'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
}

/** The replay time of the first output event holding `text`, as the player counts time. */
function replayTimeOf(file: string, text: string): number {
  const [first, ...lines] = readFileSync(file, 'utf8').split('\n')
  const { idleLimit } = parseCastHeader(first ?? '')
  const clock = { time: 0, rawTime: 0 }
  for (const line of lines) {
    const event = readCastLine(line, clock, idleLimit)
    if (event?.kind === 'output' && event.data.includes(text)) return event.time
  }
  throw new Error(`${text} is not in ${file}`)
}

async function closeAllTabs(page: Page): Promise<void> {
  await page.getByTitle(/^Close .* \(Delete\)$/).click()
  await expect(page.getByText('No open sessions')).toBeVisible()
}

test.describe('recordings', () => {
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')
  let sshd: TestSshd

  test.beforeEach(async () => {
    sshd = await startSshd()
  })
  test.afterEach(async () => {
    await sshd?.stop()
  })

  test('a big recording plays in chunks, seeks from a cleared screen, and exports whole', async ({
    app,
  }) => {
    test.skip(app.mode === 'electron', 'what crosses the wire is read from the WebSocket')
    test.setTimeout(120_000)
    const { page } = app
    const received: number[] = []
    const reads: string[] = []
    page.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => received.push(Buffer.byteLength(String(frame.payload))))
      ws.on('framesent', (frame) => {
        const text = String(frame.payload)
        if (text.includes('recordings.read')) reads.push(text)
      })
    })
    await page.reload()

    const terminal = await connectOnce(page, sshd)
    await run(page, terminal, 'seq 1 300000 | sed s/^/row-/; echo BIG-$((1+1))-DONE', /BIG-2-DONE/)
    await run(page, terminal, 'sleep 3; clear; echo AFTER-$((2+2))-CLEAR', /AFTER-4-CLEAR/)
    await run(page, terminal, 'sleep 3; echo LAST-$((3+3))-LINE', /LAST-6-LINE/)
    await closeAllTabs(page)
    const [file] = castFiles(app.dataDir)
    const size = statSync(file ?? '').size
    expect(size).toBeGreaterThan(3 * 1024 * 1024)

    await page.getByRole('tab', { name: 'Recordings' }).click()
    await page.getByRole('button', { name: /^Play / }).click()
    const player = page.getByRole('region', { name: /^Recording / })
    const screen = player.getByTestId('cast-screen').locator('.xterm-rows')
    await player.getByRole('button', { name: 'Skip to end' }).click()
    await expect(screen).toContainText('LAST-6-LINE')

    // Between the clear and the last line: the screen as it was then, rebuilt from the clear.
    const cleared = replayTimeOf(file ?? '', 'AFTER-4-CLEAR')
    const last = replayTimeOf(file ?? '', 'LAST-6-LINE')
    reads.length = 0
    await player.getByRole('slider', { name: 'Position' }).fill(String((cleared + last) / 2))
    await expect(screen).toContainText('AFTER-4-CLEAR')
    await expect(screen).not.toContainText('LAST-6-LINE')
    await expect(screen).not.toContainText('row-')
    await expect(player.getByTestId('cast-clock')).toHaveAttribute('aria-busy', 'false')
    // It read from the clear on, not the whole file from the start again.
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.some((r) => /"offset":0\b/.test(r))).toBe(false)

    // Back to the start: the rows come back.
    await player.getByRole('slider', { name: 'Position' }).fill('0')
    await player.getByRole('button', { name: 'Play' }).click()
    await expect.poll(() => screenText(player.getByTestId('cast-screen'))).toContain('row-')

    const download = page.waitForEvent('download')
    await player.getByRole('button', { name: 'Export' }).click()
    const saved = await (await download).path()
    expect(readFileSync(saved).equals(readFileSync(file ?? ''))).toBe(true)

    // No reply carried the recording whole: each chunk is at most 1 MB, and the file is larger.
    expect(Math.max(...received)).toBeLessThan(1.5 * 1024 * 1024)
  })

  test('a recording stops at the size limit with a notice, and the session goes on', async ({
    app,
  }) => {
    test.setTimeout(90_000)
    const { page } = app
    await openSection(page, 'Sessions')
    await page.getByRole('tab', { name: 'Recordings' }).click()
    await expect(page.getByTestId('recording-usage')).toHaveText('0 recordings use 0 B')
    await page.getByLabel('Stop a recording at').fill('1')
    await page.getByRole('button', { name: 'Save limits' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()

    await page.getByRole('tab', { name: 'Terminals' }).click()
    const terminal = await connectOnce(page, sshd)
    await run(page, terminal, 'seq 1 200000; echo PAST-$((4+4))-LIMIT', /PAST-8-LIMIT/)
    await run(page, terminal, 'echo STILL-$((5+5))-ALIVE', /STILL-10-ALIVE/)
    await closeAllTabs(page)
    const [file] = castFiles(app.dataDir)
    expect(statSync(file ?? '').size).toBeLessThanOrEqual(1024 * 1024)

    await page.getByRole('tab', { name: 'Recordings' }).click()
    await expect(page.getByTestId('recording-usage')).toHaveText(/^1 recording use \d/)
    await page.getByRole('button', { name: /^Play / }).click()
    const player = page.getByRole('region', { name: /^Recording / })
    await player.getByRole('button', { name: 'Skip to end' }).click()
    const screen = player.getByTestId('cast-screen').locator('.xterm-rows')
    await expect(screen).toContainText(
      '[Switchboard: recording stopped at 1 MB; the session continues unrecorded]',
    )
    await expect(screen).not.toContainText('STILL-10-ALIVE')
  })
})
