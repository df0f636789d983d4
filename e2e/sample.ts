import { expect, type Page } from '@playwright/test'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'

/** Goes to Devices and opens the sample workspace (seed 1, the default size) from its offer. */
export async function openSampleWorkspace(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await page.getByRole('button', { name: 'Open sample workspace' }).click()
  await expect(
    page.getByText(`${DEFAULT_SAMPLE.devices.toLocaleString('en-US')} devices`, { exact: true }),
  ).toBeVisible({ timeout: 30_000 })
}
