import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
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
})
