import { TEST_PASSWORD, TEST_USER, type TestSshd } from '../src/main/testing/sshd'
import { expect } from './fixtures'
import type { Locator, Page } from '@playwright/test'

/** The terminal of the active pane (or all of them, `.nth(i)`), by its stable test hook. */
export const terminals = (page: Page): Locator => page.locator('[data-testid^="terminal-"]')

/** What the terminal shows, one string per row (the DOM renderer keeps rows as divs). */
export async function screenRows(terminal: Locator): Promise<string[]> {
  return terminal.locator('.xterm-rows > div').allTextContents()
}

export async function screenText(terminal: Locator): Promise<string> {
  return (await screenRows(terminal)).join('\n')
}

/** Types a command into the focused terminal and waits for a line matching `expected`. */
export async function run(page: Page, terminal: Locator, command: string, expected: RegExp) {
  await terminal.click()
  await page.keyboard.type(command)
  await page.keyboard.press('Enter')
  let match: RegExpMatchArray | null = null
  await expect
    .poll(async () => {
      match = (await screenText(terminal)).match(expected)
      return match !== null
    })
    .toBe(true)
  return match as unknown as RegExpMatchArray
}

/** Opens a section from the nav rail and waits for its page. */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

export async function quickConnect(page: Page, target: string): Promise<void> {
  await page.getByLabel('Connect to').fill(target)
  await page.getByLabel('Connect to').press('Enter')
}

export async function answerPassword(page: Page): Promise<void> {
  const prompt = page.getByRole('dialog', { name: /log in|password/i })
  await expect(prompt).toBeVisible({ timeout: 10_000 })
  const field = prompt.getByLabel(/password/i)
  await expect(field).toBeFocused()
  await expect(field).toHaveAttribute('type', 'password')
  await field.fill(TEST_PASSWORD)
  await field.press('Enter')
  await expect(prompt).toBeHidden()
}

/** Opens Sessions, connects to the test sshd trusting its key once, and logs in. */
export async function connectOnce(page: Page, server: TestSshd): Promise<Locator> {
  await openSection(page, 'Sessions')
  await quickConnect(page, `${TEST_USER}@127.0.0.1:${server.port}`)
  await page.getByRole('button', { name: 'Trust once' }).click()
  await answerPassword(page)
  const terminal = terminals(page).first()
  await expect(terminal).toHaveAttribute('data-session-state', 'connected', { timeout: 10_000 })
  // The shell's prompt, and the modes it turns on before it (bracketed paste), may come a while
  // after the login on a loaded machine: a paste before then is judged with bracketed paste off.
  await expect.poll(() => screenText(terminal), { timeout: 10_000 }).toMatch(/@\S+:~\$/)
  return terminal
}

/** A clipboard paste as the browser delivers it: a `paste` event on xterm.js's textarea. */
export async function pasteInto(terminal: Locator, text: string): Promise<void> {
  await terminal.locator('textarea').evaluate((area, pasted) => {
    const data = new DataTransfer()
    data.setData('text/plain', pasted)
    area.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  }, text)
}

/** Text dragged from another window and dropped on the terminal. */
export async function dropInto(terminal: Locator, text: string): Promise<void> {
  await terminal.locator('.xterm-screen').evaluate((screen, dropped) => {
    const data = new DataTransfer()
    data.setData('text/plain', dropped)
    for (const type of ['dragenter', 'dragover', 'drop']) {
      screen.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      )
    }
  }, text)
}
