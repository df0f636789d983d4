/** What every screenshot script does to the page before a picture. */
import type { Page } from '@playwright/test'

/** Switches the theme through the command palette, as a technician would. */
export async function theme(page: Page, name: 'Light' | 'Dark'): Promise<void> {
  await page.keyboard.press('Control+k')
  await page.getByPlaceholder('Type a command or search…').fill(`Theme: ${name}`)
  await page.keyboard.press('Enter')
}

/** Lets animations, late rows and clocks settle for the picture, without pointer or notices. */
export async function settle(page: Page): Promise<void> {
  const notices = page.locator('.notices').getByRole('button', { name: 'Dismiss' })
  while ((await notices.count()) > 0) await notices.first().click()
  await page.mouse.move(0, 0)
  await page.waitForTimeout(300)
}
