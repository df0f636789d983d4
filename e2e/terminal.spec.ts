import { rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  canRunSshd,
  startSshd,
  TEST_USER,
  testUserHome,
  type TestSshd,
} from '../src/main/testing/sshd'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'
import {
  answerPassword,
  connectOnce,
  openSection,
  quickConnect,
  run,
  screenRows,
  screenText,
  terminals,
} from './terminal-helpers'
import type { Page } from '@playwright/test'

const cannotRunSshd = canRunSshd()

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A terminal tab is named by its status and title, e.g. "Connected sbtest@127.0.0.1:2222". */
const tabNamed = (title: string): RegExp => new RegExp(`^\\w[\\w ]* ${escapeRe(title)}$`)

const openSessions = (page: Page): Promise<void> => openSection(page, 'Sessions')

test.describe('SSH terminals', () => {
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')
  let sshd: TestSshd

  test.beforeEach(async () => {
    sshd = await startSshd()
  })
  test.afterEach(async () => {
    await sshd?.stop()
  })

  test('quick connect, trust the host, log in, run, resize, search, two tabs', async ({ app }) => {
    test.setTimeout(90_000)
    const { page } = app
    const target = `${TEST_USER}@127.0.0.1:${sshd.port}`
    await openSessions(page)

    // Validation happens before anything is sent.
    await quickConnect(page, '127.0.0.1')
    await expect(page.getByRole('alert')).toHaveText(/Add the user name/)

    await quickConnect(page, target)
    const hostKey = page.getByRole('dialog', { name: `Trust 127.0.0.1:${sshd.port}?` })
    await expect(hostKey).toBeVisible({ timeout: 10_000 })
    await expect(hostKey.getByTestId('host-key-fingerprint')).toHaveText(
      sshd.fingerprints()['ssh-ed25519'] ?? 'missing',
    )
    await expect(hostKey.getByRole('button', { name: 'Trust and remember' })).toBeFocused()
    await hostKey.getByRole('button', { name: 'Trust and remember' }).click()
    await answerPassword(page)

    const first = terminals(page).first()
    await expect(first).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
    await expect(page.getByRole('tab', { name: tabNamed(target) })).toHaveAttribute(
      'aria-selected',
      'true',
    )

    const [, marker] = await run(page, first, 'echo hello-$RANDOM-marker', /(hello-\d+-marker)/)

    // Terminals outlive the page: away to Clients (Alt+1 from inside the terminal) and back.
    await page.keyboard.press('Alt+Digit1')
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
    await page.keyboard.press('Alt+Digit5')
    await expect(first).toHaveAttribute('data-session-state', 'connected')
    await expect.poll(() => screenText(first)).toContain(marker)
    await run(page, first, 'echo still-$((20+3))-here', /still-23-here/)

    // The remote PTY follows the window: stty reports the size xterm.js fitted to.
    const sttySize = async (): Promise<{ rows: number; cols: number }> => {
      const tag = `size${Math.floor(Math.random() * 1e6)}`
      const pattern = new RegExp(`${tag}-(\\d+) (\\d+)-end`)
      const [, rows, cols] = await run(page, first, `echo ${tag}-$(stty size)-end`, pattern)
      return { rows: Number(rows), cols: Number(cols) }
    }
    const before = await sttySize()
    let resized = before
    expect(before.rows).toBe((await screenRows(first)).length)
    await page.setViewportSize({ width: 1000, height: 620 })
    await expect
      .poll(
        async () => {
          const now = await sttySize()
          resized = now
          const shown = (await screenRows(first)).length
          return now.rows === shown && now.rows < before.rows && now.cols < before.cols
        },
        { timeout: 15_000 },
      )
      .toBe(true)

    // Font zoom refits: fewer rows when larger, the same rows again after Ctrl+0.
    const rowsNow = (await screenRows(first)).length
    await first.click()
    await page.keyboard.press('Control+Equal')
    await page.keyboard.press('Control+Equal')
    await expect.poll(async () => (await screenRows(first)).length).toBeLessThan(rowsNow)
    await page.keyboard.press('Control+0')
    await expect.poll(async () => (await screenRows(first)).length).toBe(rowsNow)

    // Find in the scrollback: the output line matches, the typed `$RANDOM` line does not.
    await page.keyboard.press('Control+Shift+F')
    const find = page.getByRole('search', { name: 'Find in terminal' })
    await expect(find.getByRole('textbox', { name: 'Find' })).toBeFocused()
    await find.getByRole('textbox', { name: 'Find' }).fill(marker ?? 'missing')
    await find.getByRole('textbox', { name: 'Find' }).press('Enter')
    await expect(find.getByTestId('find-results')).toHaveText('1 of 1')
    await find.getByRole('textbox', { name: 'Find' }).press('Escape')
    await expect(find).toBeHidden()

    // A second tab from the keyboard; the saved host key means no question this time.
    await page.keyboard.press('Control+Shift+T')
    await expect(page.getByLabel('Connect to')).toBeFocused()
    await quickConnect(page, target)
    await answerPassword(page)
    await expect(page.getByRole('tab')).toHaveCount(2 + 4) // two terminals, four page views
    const second = page.getByRole('tab', { name: tabNamed(`${target} (2)`) })
    await expect(second).toHaveAttribute('aria-selected', 'true')
    await expect(terminals(page).first()).toHaveAttribute('data-session-state', 'connected')
    await page.keyboard.press('Control+Tab')
    await expect(page.getByRole('tab', { name: tabNamed(target) })).toHaveAttribute(
      'aria-selected',
      'true',
    )

    // Side by side.
    await page
      .getByRole('button', { name: `Split: show ${target} (2) beside the active tab` })
      .click()
    await expect(terminals(page)).toHaveCount(2)
    await expect(terminals(page).nth(1)).toHaveAttribute('data-session-state', 'connected')

    // Delete on a tab closes it; the pointer has a close button on each tab.
    await page.getByRole('tab', { name: tabNamed(`${target} (2)`) }).press('Delete')
    await expect(page.getByRole('tab', { name: tabNamed(`${target} (2)`) })).toHaveCount(0)
    await page.getByTitle(`Close ${target} (Delete)`).click()
    await expect(page.getByText('No open sessions')).toBeVisible()

    // Both sessions were recorded, and the host key is remembered.
    await page.getByRole('tab', { name: 'Recordings' }).click()
    await expect(page.getByRole('button', { name: /^Play / })).toHaveCount(2)
    await page
      .getByRole('button', { name: /^Play / })
      .last()
      .click()
    const player = page.getByRole('region', { name: /^Recording / })
    await player.getByRole('button', { name: '4×' }).click()
    await player.getByRole('button', { name: 'Skip to end' }).click()
    // The first session's last output, replayed at the size it was recorded at.
    await expect(player.getByTestId('cast-screen').locator('.xterm-rows')).toContainText(
      `-${resized.rows} ${resized.cols}-end`,
    )
    await expect(player.getByTestId('cast-clock')).toHaveText(/^(\d+:\d\d) \/ \1$/)
    const download = page.waitForEvent('download')
    await player.getByRole('button', { name: 'Export' }).click()
    expect((await download).suggestedFilename()).toMatch(
      new RegExp(`^${TEST_USER}@127\\.0\\.0\\.1-${sshd.port}-\\d{4}-\\d\\d-\\d\\d\\.cast$`),
    )

    await page.getByRole('tab', { name: 'Known hosts' }).click()
    const row = page.getByRole('row', { name: new RegExp(`127\\.0\\.0\\.1:${sshd.port}`) })
    await expect(row).toContainText(sshd.fingerprints()['ssh-ed25519'] ?? 'missing')
    await expect(row).toContainText('Trusted by you')
  })

  test('axe finds nothing on the host-key question, the login, two panes, find and a recording', async ({
    app,
  }) => {
    test.setTimeout(90_000)
    const { page } = app
    const target = `${TEST_USER}@127.0.0.1:${sshd.port}`
    await openSessions(page)
    await quickConnect(page, target)
    await expect(page.getByRole('dialog', { name: `Trust 127.0.0.1:${sshd.port}?` })).toBeVisible({
      timeout: 10_000,
    })
    await expectAccessible(page, 'the host-key question')
    await page.getByRole('button', { name: 'Trust and remember' }).click()
    await expect(page.getByRole('dialog', { name: /log in|password/i })).toBeVisible({
      timeout: 10_000,
    })
    await expectAccessible(page, 'the login prompt')
    await answerPassword(page)
    const first = terminals(page).first()
    await expect(first).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
    await run(page, first, 'ls --color=always / && echo axe-$((40+2))', /axe-42/)
    await expectAccessible(page, 'a connected terminal')

    await page.keyboard.press('Control+Shift+F')
    await expect(page.getByRole('search', { name: 'Find in terminal' })).toBeVisible()
    await expectAccessible(page, 'the find bar')
    await page.keyboard.press('Escape')

    await quickConnect(page, target)
    await answerPassword(page)
    await page.getByRole('button', { name: `Split: show ${target} beside the active tab` }).click()
    await expect(terminals(page)).toHaveCount(2)
    await expectAccessible(page, 'two panes side by side')

    await page.getByRole('tab', { name: tabNamed(`${target} (2)`) }).press('Delete')
    await page.getByRole('tab', { name: tabNamed(target) }).press('Delete')
    await expect(page.getByText('No open sessions')).toBeVisible()
    await page.getByRole('tab', { name: 'Recordings' }).click()
    await page
      .getByRole('button', { name: /^Play / })
      .first()
      .click()
    await expect(page.getByRole('region', { name: /^Recording / })).toBeVisible()
    await expectAccessible(page, 'the recording player')
  })

  test('the host never reads terminal state back: DECRQSS and title reports stay unanswered', async ({
    app,
  }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)

    // The probe is sound: a device-attributes request (harmless, expected) is answered...
    const readBack = 'read -t 1 -rs -n 200 x; echo "got-${#x}-chars"'
    await run(page, terminal, `printf '\\033[c'; ${readBack}`, /got-([1-9]\d*)-chars/)
    // ...while DECRQSS (DCS $ q) and the window title report (CSI 21 t) get nothing back.
    await run(
      page,
      terminal,
      `printf '\\033P$qm\\033\\\\\\033[21t\\033[20t'; ${readBack}`,
      /got-0-chars/,
    )
  })

  test('a character split between two batches of output is drawn whole', async ({ app }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    // "split:" and the first byte of "€" go out together, the rest only after Enter: two
    // batches of bytes that xterm.js joins. No echo, so the Enter adds nothing between them.
    await run(
      page,
      terminal,
      "stty -echo; printf 'sp%sit:\\342' l; read -r _; printf '\\202\\254:wh%sle\\n' o; stty echo",
      /^split:\s*$/m,
    )
    await page.keyboard.press('Enter')
    await expect.poll(() => screenText(terminal)).toMatch(/^split:€:whole\s*$/m)
  })

  test('a flood of output keeps flowing: acknowledgements resume the paused channel', async ({
    app,
  }) => {
    test.setTimeout(60_000)
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    // 4 MB is twice main's largest window: without acks it would stall after at most 2 MB.
    await terminal.click()
    await page.keyboard.type(
      "head -c 4000000 /dev/zero | tr '\\0' x | fold -w 100; echo; echo flood-$((7*6))",
    )
    await page.keyboard.press('Enter')
    await expect
      .poll(() => screenText(terminal), { timeout: 45_000, intervals: [250] })
      .toMatch(/^flood-42/m)
  })

  test('`cat` of a 200 MB file keeps the page responsive, and all of it arrives', async ({
    app,
  }) => {
    test.setTimeout(120_000)
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    const flood = `flood-${sshd.port}.txt`
    try {
      // 3.1 million numbered lines of 65 bytes: 201.5 MB.
      await run(
        page,
        terminal,
        `seq -f '%09.0f the quick brown fox jumps over the lazy dog 0123456789' 3100000 > ~/${flood}; wc -c < ~/${flood}`,
        /^201500000$/m,
      )
      await terminal.click()
      await page.keyboard.type(`cat ~/${flood}; rm ~/${flood}; echo flood-$((6*7))-done`)
      await page.keyboard.press('Enter')
      await expect.poll(() => screenText(terminal)).toMatch(/0123456789\s+\d{9} the quick/)

      // Frames keep coming while the flood is drawn: the longest gap between two of them.
      const frames = await page.evaluate(
        () =>
          new Promise<{ count: number; longestGapMs: number }>((resolve) => {
            const started = performance.now()
            let last = started
            let count = 0
            let longestGapMs = 0
            const tick = (now: number): void => {
              longestGapMs = Math.max(longestGapMs, now - last)
              last = now
              count += 1
              if (now - started < 2000) requestAnimationFrame(tick)
              else resolve({ count, longestGapMs })
            }
            requestAnimationFrame(tick)
          }),
      )
      // Another section opens while the flood goes on, and the terminal is still there after.
      const clicked = Date.now()
      await openSection(page, 'Devices')
      const sectionMs = Date.now() - clicked
      await openSessions(page)
      const stillFlowing = !(await screenText(terminal)).includes('flood-42-done')
      test.info().annotations.push({
        type: 'during the flood',
        description: `${frames.count} frames in 2 s, longest gap ${frames.longestGapMs.toFixed(0)} ms; Devices opened in ${sectionMs} ms`,
      })
      expect(stillFlowing, 'the flood was still being drawn while the page was measured').toBe(true)
      expect(frames.longestGapMs).toBeLessThan(500)
      expect(frames.count).toBeGreaterThanOrEqual(20)
      expect(sectionMs).toBeLessThan(2000)

      await expect
        .poll(() => screenText(terminal), { timeout: 90_000, intervals: [500] })
        .toMatch(/^003100000 the quick.*\s+flood-42-done/m)
    } finally {
      // The command removes it once shown; this is for a run that fails before that.
      rmSync(join(testUserHome(TEST_USER), flood), { force: true })
    }
  })

  test('Ctrl-C during `yes` brings the prompt back promptly', async ({ app }) => {
    test.setTimeout(60_000)
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    await terminal.click()
    await page.keyboard.type('yes switchboard-flood')
    await page.keyboard.press('Enter')
    // Let the flood fill every buffer on the way: SSH window, main's watermark, xterm's queue.
    await expect.poll(() => screenText(terminal)).toMatch(/switchboard-flood\s+switchboard-flood/)
    await page.waitForTimeout(1500)
    const pressed = Date.now()
    await page.keyboard.press('Control+c')
    await run(page, terminal, 'echo back-$((6*7))', /back-42/)
    // What was already in flight still has to drain, but not seconds of it.
    expect(Date.now() - pressed).toBeLessThan(3000)
  })

  test('copy with Ctrl+Shift+C; a multi-line paste asks first', async ({ app }) => {
    test.skip(
      app.mode === 'electron',
      'the desktop app denies clipboard-read, which this reads with',
    )
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const terminal = await connectOnce(page, sshd)

    await terminal.locator('textarea').evaluate((area, text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, 'echo first-$((40+2))\necho second-$((50+5))\n')
    const confirm = page.getByRole('dialog', { name: /^Paste 2 lines into / })
    await expect(confirm).toBeVisible()
    await expect(confirm.getByLabel('Pasted text')).toHaveText(
      'echo first-$((40+2))\necho second-$((50+5))',
    )
    await confirm.getByRole('button', { name: 'Paste' }).press('Enter')
    await expect(confirm).toBeHidden()
    // Bash's bracketed paste holds pasted lines until Enter; without it they have run already.
    await page.keyboard.press('Enter')
    await expect.poll(() => screenText(terminal)).toMatch(/first-42[\s\S]*second-55/)

    // Double-click selects a word of the output; Ctrl+Shift+C puts it on the clipboard.
    const row = terminal.locator('.xterm-rows > div').filter({ hasText: /^second-55/ })
    const box = await row.boundingBox()
    if (!box) throw new Error('the output row is not on screen')
    await page.mouse.dblclick(box.x + 12, box.y + box.height / 2)
    await page.keyboard.press('Control+Shift+C')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('second-55')
  })

  test('links open on Ctrl+click and only through main’s allowlist', async ({ app }) => {
    test.skip(app.mode === 'electron', 'the desktop app hands approved links to the OS browser')
    const { page } = app
    await page
      .context()
      .route('https://example.org/**', (route) =>
        route.fulfill({ contentType: 'text/plain', body: 'stand-in for example.org' }),
      )
    const terminal = await connectOnce(page, sshd)

    // An OSC 8 hyperlink whose text hides a javascript: target.
    await run(
      page,
      terminal,
      "clear; printf '\\033]8;;javascript:alert(1)\\033\\\\docs-link\\033]8;;\\033\\\\\\nhttps://example.org/from-output\\n'",
      /^https:\/\/example\.org\/from-output/m,
    )
    const rowBox = async (text: RegExp) => {
      const box = await terminal
        .locator('.xterm-rows > div')
        .filter({ hasText: text })
        .boundingBox()
      if (!box) throw new Error(`no row matches ${text}`)
      return { x: box.x + 20, y: box.y + box.height / 2 }
    }
    const hidden = await rowBox(/^docs-link/)
    await page.mouse.move(hidden.x, hidden.y)
    await expect(terminal.locator('.xterm')).toHaveAttribute(
      'title',
      'Ctrl + click to open javascript:alert(1)',
    )
    await page.mouse.click(hidden.x, hidden.y)
    await page.keyboard.down('Control')
    await page.mouse.click(hidden.x, hidden.y)
    await page.keyboard.up('Control')
    await expect(page.getByRole('alert').filter({ hasText: 'Link not opened' })).toHaveText(
      'Link not opened: Only https, mailto and tel links can be opened',
    )

    const web = await rowBox(/^https:\/\/example\.org\/from-output/)
    await page.mouse.move(web.x, web.y)
    const popup = page.context().waitForEvent('page')
    await page.keyboard.down('Control')
    await page.mouse.click(web.x, web.y)
    await page.keyboard.up('Control')
    await expect.poll(async () => (await popup).url()).toBe('https://example.org/from-output')
  })

  test('a dropped connection offers Reconnect, which opens a new session in the same tab', async ({
    app,
  }) => {
    test.setTimeout(60_000)
    const { page } = app
    await openSessions(page)
    await quickConnect(page, `${TEST_USER}@127.0.0.1:${sshd.port}`)
    await page.getByRole('button', { name: 'Trust and remember' }).click()
    await answerPassword(page)
    const terminal = terminals(page).first()
    await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
    const firstId = await terminal.getAttribute('data-testid')

    sshd.killAll()
    const banner = page.getByRole('alert').filter({ hasText: 'Connection lost' })
    await expect(banner).toBeVisible({ timeout: 15_000 })
    await expect(terminal).toHaveAttribute('data-session-state', 'closed')
    await sshd.restart()
    await page.getByRole('button', { name: 'Reconnect' }).click()
    await answerPassword(page)
    await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
    expect(await terminal.getAttribute('data-testid')).not.toBe(firstId)
    await run(page, terminal, 'echo back-$((6*7))', /back-42/)
  })

  test('a changed host key is a hard stop that points to Known hosts', async ({ app }) => {
    const { page } = app
    await openSessions(page)
    const target = `${TEST_USER}@127.0.0.1:${sshd.port}`
    await quickConnect(page, target)
    const trusted = sshd.fingerprints()['ssh-ed25519'] ?? 'missing'
    await page.getByRole('button', { name: 'Trust and remember' }).click()
    await answerPassword(page)
    await expect(terminals(page)).toHaveAttribute('data-session-state', 'connected')
    await page.getByRole('tab', { name: tabNamed(target) }).press('Delete')

    await sshd.rotateHostKeys()
    await quickConnect(page, target)
    const warning = page.getByRole('alertdialog', { name: /has changed/ })
    await expect(warning).toBeVisible({ timeout: 10_000 })
    await expect(warning).toContainText(trusted)
    await expect(warning).toContainText(sshd.fingerprints()['ssh-ed25519'] ?? 'missing')
    await expect(warning.getByRole('button', { name: 'Close' })).toBeFocused()
    await expect(warning.getByRole('button')).toHaveCount(2)
    await warning.getByRole('button', { name: 'Go to Known hosts' }).click()
    await expect(page.getByRole('tab', { name: 'Known hosts' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect(
      page.getByRole('row', { name: new RegExp(trusted.replace(/[+/]/g, '.')) }),
    ).toBeVisible()
  })
})

test.describe('docs screenshot', () => {
  test.skip(!process.env.SWITCHBOARD_DOCS, 'set SWITCHBOARD_DOCS=1 to regenerate docs/terminal.png')
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')

  test('docs/terminal.png', async ({ app }) => {
    test.setTimeout(60_000)
    const sshd = await startSshd()
    try {
      const { page } = app
      await page.getByRole('button', { name: 'Hide context panel' }).first().click()
      await openSessions(page)
      const target = `${TEST_USER}@127.0.0.1:${sshd.port}`
      await quickConnect(page, target)
      await page.getByRole('button', { name: 'Trust and remember' }).click()
      await answerPassword(page)
      const terminal = terminals(page).first()
      await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
      await run(
        page,
        terminal,
        'uname -sr; uptime; ls -la --color=always /etc | head -n 12',
        /^total \d+/m,
      )
      await quickConnect(page, target)
      await answerPassword(page)
      await page
        .getByRole('button', { name: `Split: show ${target} beside the active tab` })
        .click()
      const second = terminals(page).nth(0)
      await run(page, second, 'echo "second pane"; df -h / | tail -n 1', /^second pane/m)
      await page.mouse.move(0, 0)
      await page.screenshot({ path: 'docs/terminal.png' })
    } finally {
      await sshd.stop()
    }
  })
})
