/**
 * The tickets screenshots under docs/: a ticket page with its SLA clocks, timeline and a note
 * not yet synced (light), and the queues (dark). Runs after the inventory pictures, on the
 * sample workspace they opened.
 */
import type { Page } from '@playwright/test'
import { settle, theme } from './screenshot-page'

async function openTickets(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor()
}

/** Takes the ticket pictures; the sample workspace (with its tickets) is already open. */
export async function shootTickets(page: Page): Promise<string[]> {
  const written: string[] = []
  const shot = async (name: string): Promise<void> => {
    await settle(page)
    await page.screenshot({ path: `docs/${name}` })
    written.push(`docs/${name}`)
  }
  await page.keyboard.press('Escape')
  await theme(page, 'Light')
  // The ticket page's two columns want the room the context panel takes.
  const hidePanel = page.getByRole('button', { name: 'Hide context panel' }).first()
  if (await hidePanel.isVisible()) await hidePanel.click()

  // A ticket whose SLA is at risk, with a note written here and not yet synced.
  await openTickets(page)
  const queues = page.getByRole('navigation', { name: 'Ticket queues' })
  await queues.getByRole('button', { name: /^SLA at risk/ }).click()
  const filters = page.getByRole('group', { name: 'Ticket filters' })
  await filters.getByRole('button', { name: 'Status Any' }).click()
  await filters.getByRole('group', { name: 'Status' }).getByLabel('In progress').check()
  await page.keyboard.press('Escape')
  const first = page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first()
  await first.click()
  await page.getByRole('heading', { level: 1 }).waitFor()
  await page
    .getByLabel('New note')
    .fill('Called the user: the fault came back after the update. Checking the event log now.')
  await page.getByRole('button', { name: 'Add internal note' }).click()
  await page.getByTestId('not-synced').first().waitFor()
  await page.locator('#main').evaluate((main) => main.scrollTo(0, 0))
  await shot('tickets.png')

  await theme(page, 'Dark')
  await openTickets(page)
  await page.getByRole('button', { name: 'Clear filter' }).click()
  await queues.getByRole('button', { name: /^All open/ }).click()
  await page.getByRole('table', { name: 'Tickets' }).locator('.tk-number').first().waitFor()
  await shot('tickets-queues-dark.png')
  return written
}
