import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const nav = (page: Page): Locator => page.getByRole('navigation', { name: 'Sections' })

async function openSection(page: Page, name: string): Promise<void> {
  await nav(page).getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** Whether the focused element is inside the open dialog. */
const focusInDialog = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.activeElement?.closest('dialog[open]') != null)

/**
 * Holds the host's answers to `method` in the page's socket worker (socket-worker.ts) until the
 * returned function is called, so a dialog stays busy for as long as a check needs.
 */
async function holdAnswers(page: Page, method: string): Promise<() => Promise<void>> {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0)
  const worker = page.workers()[0]
  if (!worker) throw new Error('the page has no socket worker')
  await worker.evaluate((held) => {
    interface Scope {
      onmessage: ((event: MessageEvent) => void) | null
      postMessage(report: unknown, ...rest: unknown[]): void
      releaseHeldAnswers?: () => void
    }
    const scope = self as unknown as Scope
    const ids = new Set<number>()
    const queue: unknown[][] = []
    let holding = true
    const hear = scope.onmessage
    scope.onmessage = (event) => {
      const command = event.data as { type: string; text?: string }
      if (command.type === 'send' && command.text?.includes(`"${held}"`)) {
        ids.add((JSON.parse(command.text) as { id: number }).id)
      }
      hear?.call(self, event)
    }
    const post = scope.postMessage.bind(self)
    scope.postMessage = (report, ...rest) => {
      const id = (report as { message?: { id?: number } }).message?.id
      if (holding && id !== undefined && ids.has(id)) queue.push([report, ...rest])
      else post(report, ...rest)
    }
    scope.releaseHeldAnswers = () => {
      holding = false
      for (const [report, ...rest] of queue.splice(0)) post(report, ...rest)
    }
  }, method)
  return () =>
    worker.evaluate(() => {
      ;(self as unknown as { releaseHeldAnswers(): void }).releaseHeldAnswers()
    })
}

// Two features' dialogs (an inventory form, the terminal's ssh config import): the shared
// primitive gives both the same keyboard and focus behaviour.
const cases = [
  { section: 'Clients', opener: 'Add client', dialog: 'Add client' },
  { section: 'Sessions', opener: 'From ~/.ssh/config', dialog: 'Hosts from ~/.ssh/config' },
]

for (const c of cases) {
  test(`the ${c.dialog} dialog keeps focus, leaves the page inert and closes on Escape`, async ({
    app,
  }) => {
    const { page } = app
    await openSection(page, c.section)
    const opener = page.getByRole('button', { name: c.opener }).first()
    await opener.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: c.dialog })
    await expect(dialog).toBeVisible()
    expect(await focusInDialog(page)).toBe(true)

    // More presses than the dialog has controls: focus wraps inside, both ways.
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let press = 0; press < 15; press += 1) {
        await page.keyboard.press(key)
        expect(await focusInDialog(page), `${key} ×${press + 1}`).toBe(true)
      }
    }

    // The page behind takes no pointer: a click on another section's link goes nowhere.
    const other = nav(page).getByRole('link', { name: 'Tickets' })
    const box = await other.boundingBox()
    if (!box) throw new Error('the Tickets link has no box')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect(dialog).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: c.section })).toBeVisible()
    // Nor focus, even from script.
    await other.evaluate((link) => (link as HTMLElement).focus())
    expect(await focusInDialog(page)).toBe(true)

    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(opener).toBeFocused()
  })
}

test('a form dialog waits for its save: actions disabled, Escape refused, then closed', async ({
  app,
}) => {
  const { page } = app
  await openSection(page, 'Clients')
  await page.getByRole('button', { name: 'Add client' }).first().click()
  const dialog = page.getByRole('dialog', { name: 'Add client' })
  await dialog.getByLabel('Name').fill('Harbour Dental')
  await dialog.getByLabel('Short code').fill('HD')

  const release = await holdAnswers(page, 'inventory.createClient')
  await dialog.getByLabel('Name').press('Enter')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Add client' })).toBeDisabled()
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled()
  // Twice: Chromium closes a dialog by itself on a second Escape with no input in between.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeVisible()
  await expect.poll(() => focusInDialog(page)).toBe(true)

  await release()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour Dental' })).toBeVisible()
})
