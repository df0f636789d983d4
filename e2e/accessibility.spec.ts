import type { Locator, Page } from '@playwright/test'
import { expectAccessible } from './axe'
import { expect, test } from './fixtures'

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
