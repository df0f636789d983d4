import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { canRunSshd, startSshd, type TestSshd } from '../src/main/testing/sshd'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'
import { connectOnce, dropInto, pasteInto, run, screenText } from './terminal-helpers'
import type { Locator, Page } from '@playwright/test'

const cannotRunSshd = canRunSshd()

const pasteDialog = (page: Page): Locator =>
  page.getByRole('dialog', { name: /^Paste \d+ lines? into / })

let sentinels = 0

/**
 * Pastes with `deliver`, lets `confirm` answer the question that must come, and proves the
 * remote ran nothing: no marker exists once the shell has echoed keys typed after the paste
 * (the shell reads its input in order, so by then it has acted on all of the paste). Enter
 * then runs what arrived, which proves the text did arrive.
 */
async function pasteHeldUntilEnter(
  page: Page,
  terminal: Locator,
  deliver: () => Promise<void>,
  markers: string[],
  confirm: (dialog: Locator) => Promise<void>,
): Promise<void> {
  await deliver()
  const dialog = pasteDialog(page)
  await expect(dialog).toBeVisible()
  await confirm(dialog)
  await expect(dialog).toBeHidden()
  const sentinel = `#held-${++sentinels}`
  await terminal.click()
  await page.keyboard.type(` ${sentinel}`)
  await expect.poll(() => screenText(terminal)).toContain(sentinel)
  for (const marker of markers) expect(existsSync(marker), `${marker} before Enter`).toBe(false)
  await page.keyboard.press('Enter')
  for (const marker of markers) {
    await expect.poll(() => existsSync(marker), `${marker} after Enter`).toBe(true)
  }
}

test.describe('Terminal input the host did not ask for', () => {
  test.skip(cannotRunSshd !== null, cannotRunSshd ?? '')
  let sshd: TestSshd
  /** Where the remote shell leaves its markers; the test user may write there. */
  let dir: string

  test.beforeEach(async () => {
    sshd = await startSshd()
    dir = mkdtempSync(join(tmpdir(), 'switchboard-paste-'))
    chmodSync(dir, 0o777)
  })
  test.afterEach(async () => {
    await sshd?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('bracketed paste: an end-of-paste marker inside the text does not end the paste', async ({
    app,
  }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    // bash keeps bracketed paste on at its prompt. `true <rest of the marker>` is a command either
    // way (the space keeps bash from reading `true[…` as the start of an array assignment).
    const payloads = [
      `true \x1b[201~; touch ${dir}/a1\r`,
      `true \x1b[200~\x1b[201~\x1b[201~; touch ${dir}/a2\n`,
      `true \x1b[20\x1b[201~1~; touch ${dir}/a3\r\n`,
    ]
    for (const [index, payload] of payloads.entries()) {
      await pasteHeldUntilEnter(
        page,
        terminal,
        () => pasteInto(terminal, payload),
        [`${dir}/a${index + 1}`],
        async (dialog) => {
          await expect(dialog).toContainText('end-of-paste marker')
          await expect(dialog.getByLabel('Pasted text')).toContainText('^[[201~')
          await dialog.getByRole('button', { name: 'Paste', exact: true }).click()
        },
      )
    }
  })

  test('bracketed paste off: one line with Ctrl-O, Ctrl-J or Ctrl-M runs nothing', async ({
    app,
  }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    await run(
      page,
      terminal,
      `cd ${dir} && bind 'set enable-bracketed-paste off' && echo plain-$((2+2))-paste`,
      /^plain-4-paste/m,
    )
    // Ctrl-O is readline's operate-and-get-next: it runs the line like Enter does.
    const ctrlO = `touch ${dir}/o\x0f`
    await pasteHeldUntilEnter(
      page,
      terminal,
      () => pasteInto(terminal, ctrlO),
      [`${dir}/o`],
      async (dialog) => {
        await expect(dialog).toContainText('control characters (^O)')
        await expect(dialog.getByLabel('Pasted text')).toHaveText(`touch ${dir}/o^O`)
        await expectAccessible(page, 'the paste confirmation with a control character')
        await dialog.getByRole('button', { name: 'Paste', exact: true }).click()
      },
    )
    for (const [name, control, shown] of [
      ['j', '\n', `touch ${dir}/j`],
      ['m', '\r', `touch ${dir}/m␍`],
    ] as const) {
      const text = `touch ${dir}/${name}${control}`
      await pasteHeldUntilEnter(
        page,
        terminal,
        () => pasteInto(terminal, text),
        [`${dir}/${name}`],
        async (dialog) => {
          await expect(dialog).toContainText('Bracketed paste is off')
          await expect(dialog.getByLabel('Pasted text')).toHaveText(shown)
          await expect(dialog.getByRole('button', { name: 'Paste as one line' })).toBeFocused()
          await dialog.getByRole('button', { name: 'Paste as one line' }).press('Enter')
        },
      )
    }

    // Right-click pastes from the clipboard through the same check.
    if (app.mode === 'browser') {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      const rightClick = async (): Promise<void> => {
        await page.evaluate((text) => navigator.clipboard.writeText(text), `touch ${dir}/c\x0f`)
        await terminal.click({ button: 'right' })
      }
      await pasteHeldUntilEnter(page, terminal, rightClick, [`${dir}/c`], async (dialog) => {
        await expect(dialog.getByLabel('Pasted text')).toHaveText(`touch ${dir}/c^O`)
        await dialog.getByRole('button', { name: 'Paste', exact: true }).click()
      })
    }
  })

  test('bracketed paste off: lines run only when “Paste and run” is chosen', async ({ app }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    await run(
      page,
      terminal,
      `cd ${dir} && bind 'set enable-bracketed-paste off' && echo plain-$((3+3))-paste`,
      /^plain-6-paste/m,
    )
    // Dropped text is a paste too.
    const lines = `touch ${dir}/l1\ntouch ${dir}/l2\n`
    await pasteHeldUntilEnter(
      page,
      terminal,
      () => dropInto(terminal, lines),
      [`${dir}/l1`, `${dir}/l2`],
      async (dialog) => {
        await expect(dialog).toHaveAccessibleName(/^Paste 2 lines into /)
        await expect(dialog).toContainText('Bracketed paste is off')
        await expectAccessible(page, 'the paste confirmation without bracketed paste')
        await dialog.getByRole('button', { name: 'Paste as one line' }).click()
      },
    )

    // The technician may still send lines as commands, but only by saying so.
    await pasteInto(terminal, `touch ${dir}/r1\ntouch ${dir}/r2\n`)
    await pasteDialog(page).getByRole('button', { name: 'Paste and run 2 lines' }).click()
    await expect.poll(() => existsSync(`${dir}/r1`) && existsSync(`${dir}/r2`)).toBe(true)
  })

  test('the terminal answers only cursor-position and device-attribute queries', async ({
    app,
  }) => {
    const { page } = app
    const terminal = await connectOnce(page, sshd)
    // Every query a host might use to read the terminal, as printf escapes. The last one (DSR 5)
    // ends the read below: its reply `ESC [ 0 n` is the only one with an `n`.
    const queries = [
      '\\033[c', // DA1: allowed
      '\\033[>c', // DA2: allowed
      '\\033[=c', // DA3 (unit id)
      '\\033[6n', // DSR 6, cursor position: allowed
      '\\033[?6n', // DECXCPR, cursor position: allowed
      '\\033[?15n\\033[?25n\\033[?26n\\033[?996n', // printer, UDK, keyboard, colour scheme
      '\\033P$qm\\033\\\\\\033P$qr\\033\\\\\\033P$q q\\033\\\\', // DECRQSS: SGR, margins, cursor
      '\\033P+q544e\\033\\\\', // XTGETTCAP
      '\\033[?2004$p\\033[4$p', // DECRQM, private and ANSI
      '\\033]4;1;?\\007\\033]4;2;?\\033\\\\', // OSC 4 palette, BEL and ST
      '\\033]10;?\\007\\033]11;?\\007\\033]12;?\\007', // OSC 10/11/12: fg, bg, cursor
      '\\033]10;?;?;?\\007', // OSC 10 running on to 11 and 12
      '\\033]52;c;?\\007', // OSC 52 clipboard
      '\\033[>0q', // XTVERSION
      '\\033[?u', // kitty keyboard flags
      '\\033[11t\\033[13t\\033[14t\\033[16t\\033[18t\\033[19t\\033[20t\\033[21t', // window ops
      '\\033[x', // DECREQTPARM
      '\\033[5n', // DSR 5, status: allowed
    ]
    await run(
      page,
      terminal,
      `printf '${queries.join('')}'; read -rs -n 4096 -d n -t 5 r; printf %s "$r" > ${dir}/replies; echo replies-$((2+3))-saved`,
      /^replies-5-saved/m,
    )
    const replies = readFileSync(join(dir, 'replies'), 'latin1')
      .split('\x1b')
      .filter((reply) => reply !== '')
      .map((reply) => `ESC${reply}`)
    const allowed: Array<[string, RegExp]> = [
      ['DA1', /^ESC\[\?1;2c$/],
      ['DA2', /^ESC\[>0;276;0c$/],
      ['CPR', /^ESC\[\d+;\d+R$/],
      ['DECXCPR', /^ESC\[\?\d+;\d+R$/],
      // `read -d n` keeps everything before its delimiter.
      ['DSR OK', /^ESC\[0$/],
    ]
    const named = replies.map(
      (reply) => allowed.find(([, pattern]) => pattern.test(reply))?.[0] ?? reply,
    )
    expect(named).toEqual(['DA1', 'DA2', 'CPR', 'DECXCPR', 'DSR OK'])
  })
})
