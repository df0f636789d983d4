import type { Locator, Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'
import { openSampleWorkspace } from './sample'

async function setTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.keyboard.press('Control+k')
  await page.keyboard.type(`Theme: ${theme}`)
  // The palette ranks as its sources answer: Enter once the command is the chosen item.
  await expect(page.getByRole('option', { name: new RegExp(`Theme: ${theme}`) })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase())
}

/** Opens a dialog with `opener`, checks it, and closes it with Escape. */
async function checkDialog(page: Page, opener: Locator, where: string): Promise<void> {
  await opener.click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await expectAccessible(page, where)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
}

/** The page's own Edit button (a device, client or ticket). */
const editButton = (page: Page): Locator => page.getByRole('button', { name: 'Edit', exact: true })

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click()

test.describe('Accessibility (axe-core, WCAG 2.1 AA)', () => {
  test.setTimeout(180_000)

  for (const theme of ['Light', 'Dark'] as const) {
    test(`every section and the pages behind it, ${theme.toLowerCase()} theme`, async ({ app }) => {
      const { page } = app
      await setTheme(page, theme)
      await expectAccessible(page, 'the first start')

      await nav(page, 'Devices')
      await page.getByRole('button', { name: 'Open sample workspace' }).click()
      const opened = page.getByRole('status').filter({ hasText: /Sample workspace opened/ })
      await expect(opened).toBeVisible({ timeout: 30_000 })
      await expectAccessible(page, 'the device list')
      await page.getByRole('button', { name: 'Columns' }).click()
      await expectAccessible(page, 'the column chooser')
      await page.keyboard.press('Escape')
      await checkDialog(
        page,
        page.getByRole('button', { name: 'Import CSV' }).first(),
        'the CSV import dialog',
      )
      await checkDialog(page, page.getByRole('button', { name: /^Save view/ }), 'saving a view')
      await checkDialog(page, page.getByRole('button', { name: 'New device' }), 'adding a device')

      await page.getByRole('grid', { name: 'Devices' }).getByRole('gridcell').nth(1).click()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      for (const tab of ['Overview', 'Hardware', 'Network', 'Health', 'History']) {
        await page.getByRole('tab', { name: tab }).click()
        await expectAccessible(page, `the device page, ${tab}`)
      }
      await checkDialog(page, editButton(page), 'editing a device')

      await nav(page, 'Clients')
      await expectAccessible(page, 'the client list')
      await page
        .getByRole('link', { name: /Anderson/ })
        .first()
        .click()
      await expect(page.getByRole('heading', { level: 1, name: /Anderson/ })).toBeVisible()
      await expectAccessible(page, 'a client page')
      await checkDialog(page, editButton(page), 'editing a client')
      await checkDialog(page, page.getByRole('button', { name: 'Add site' }), 'adding a site')
      await checkDialog(
        page,
        page.getByRole('button', { name: /^Edit site / }).first(),
        'editing a site',
      )
      await page
        .getByRole('button', { name: /^Remove site / })
        .first()
        .click()
      await expect(page.getByRole('alertdialog')).toBeVisible()
      await expectAccessible(page, 'removing a site')
      await page.keyboard.press('Escape')
      await expect(page.getByRole('alertdialog')).toBeHidden()

      await nav(page, 'Tickets')
      await expectAccessible(page, 'the ticket list')
      await page.getByRole('button', { name: 'Status Any' }).click()
      await expectAccessible(page, 'the status filter, open')
      await page.keyboard.press('Escape')
      await checkDialog(
        page,
        page.getByRole('button', { name: 'New ticket' }),
        'the new ticket dialog',
      )
      await page
        .getByRole('link', { name: /^T-DEMO-/ })
        .first()
        .click()
      await expect(page.getByTestId('ticket-number')).toBeVisible()
      await expectAccessible(page, 'a ticket page')
      await page.getByRole('tab', { name: 'Log time' }).click()
      await expectAccessible(page, 'logging time on a ticket')
      await checkDialog(page, editButton(page), 'editing a ticket')

      await nav(page, 'Vendors')
      await expectAccessible(page, 'the vendors page')

      await nav(page, 'Sessions')
      for (const tab of ['Terminals', 'Recordings', 'Known hosts', 'Credentials']) {
        await page.getByRole('tab', { name: tab }).click()
        await expectAccessible(page, `Sessions, ${tab}`)
      }
      await page.getByRole('button', { name: 'Set up vault' }).first().click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await expectAccessible(page, 'the vault set-up dialog')
      await page.getByLabel('Master passphrase').fill('correct horse battery staple')
      await page.getByLabel('Confirm passphrase').fill('correct horse battery staple')
      await page.getByRole('button', { name: 'Create vault' }).click()
      await expect(page.getByRole('dialog')).toBeHidden()
      await checkDialog(
        page,
        page.getByRole('button', { name: 'New credential' }),
        'a new credential',
      )
      await page.getByRole('tab', { name: 'Terminals' }).click()
      await checkDialog(
        page,
        page.getByRole('button', { name: 'From ~/.ssh/config' }),
        'importing ~/.ssh/config',
      )

      await page.keyboard.press('Control+k')
      await page.keyboard.type('ACA')
      await expect(page.getByRole('option').first()).toBeVisible()
      await expectAccessible(page, 'the command palette')
    })
  }
})

/**
 * Holds the answers to device searches in the page's socket worker (socket-worker.ts) until
 * the returned function is called, so a grid stays in its loading state for as long as a
 * check needs. Everything else passes as usual.
 */
async function holdDeviceSearches(page: Page): Promise<() => Promise<void>> {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0)
  const worker = page.workers()[0]
  if (!worker) throw new Error('the page has no socket worker')
  await worker.evaluate(() => {
    interface Scope {
      onmessage: ((event: MessageEvent) => void) | null
      postMessage(report: unknown): void
      releaseDeviceSearches?: () => void
    }
    const scope = self as unknown as Scope
    const ids = new Set<number>()
    const queue: unknown[] = []
    let holding = true
    const hear = scope.onmessage
    scope.onmessage = (event) => {
      const command = event.data as { type: string; text?: string }
      if (command.type === 'send' && command.text?.includes('"inventory.searchDevices"')) {
        ids.add((JSON.parse(command.text) as { id: number }).id)
      }
      hear?.call(self, event)
    }
    const post = scope.postMessage.bind(self)
    scope.postMessage = (report) => {
      const id = (report as { message?: { id?: number } }).message?.id
      if (holding && id !== undefined && ids.has(id)) queue.push(report)
      else post(report)
    }
    scope.releaseDeviceSearches = () => {
      holding = false
      for (const report of queue.splice(0)) post(report)
    }
  })
  return () =>
    worker.evaluate(() => {
      ;(self as unknown as { releaseDeviceSearches(): void }).releaseDeviceSearches()
    })
}

test('a device list while its rows load', async ({ app }) => {
  const { page } = app
  await openSampleWorkspace(page)
  await nav(page, 'Clients')
  const release = await holdDeviceSearches(page)
  await page
    .getByRole('link', { name: /Anderson/ })
    .first()
    .click()
  const grid = page.getByRole('grid', { name: /Devices/ })
  await expect(grid).toHaveAttribute('aria-busy', 'true')
  await expect(grid.getByText('Loading devices…')).toBeVisible()
  await expectAccessible(page, 'a device list while it loads')
  await release()
  await expect(grid).not.toHaveAttribute('aria-busy', 'true')
  await expect(grid.getByRole('gridcell', { name: /^ACA-/ }).first()).toBeVisible()
})
