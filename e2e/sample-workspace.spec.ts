import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { DEFAULT_SAMPLE } from '../src/main/services/inventory/inventory-service'
import { openSampleWorkspace } from './sample'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import { expect, test } from './fixtures'

const HOUR = 3_600_000

/** The workspace "Open sample workspace" writes (seed 1), and the status each device is meant to have. */
function intendedMix(): Record<'Online' | 'Stale' | 'Offline', number> {
  const now = Date.now()
  const sample = generateSampleWorkspace({
    seed: 1,
    ...DEFAULT_SAMPLE,
    now,
    local: { user: 'e2e', platform: 'linux', timeZone: 'UTC' },
  })
  const thresholds = new Map(sample.clients.map((c) => [c.id, c]))
  const mix = { Online: 0, Stale: 0, Offline: 0 }
  for (const { values } of sample.devices) {
    const client = thresholds.get(values.clientId)
    const seen = values.lastSeenAt
    if (!client || seen === null) mix.Offline++
    else if (seen + client.onlineMinutes * 60_000 >= now) mix.Online++
    else if (seen + client.staleMinutes * 60_000 >= now) mix.Stale++
    else mix.Offline++
  }
  return mix
}

async function expectMix(page: Page, mix: Record<string, number>): Promise<void> {
  const status = page.getByRole('group', { name: 'Device filters' }).getByLabel('Status', {
    exact: true,
  })
  for (const [label, count] of Object.entries(mix)) {
    await status.selectOption({ label })
    await expect(
      page.getByText(`${count.toLocaleString('en-US')} ${count === 1 ? 'device' : 'devices'}`, {
        exact: true,
      }),
    ).toBeVisible()
  }
  // The online devices were seen minutes ago by the host's clock, not hours.
  await status.selectOption({ label: 'Online' })
  const headers = await page.getByRole('columnheader').allTextContents()
  const lastSeenColumn = headers.findIndex((h) => h.includes('Last seen'))
  expect(lastSeenColumn).toBeGreaterThanOrEqual(0)
  const firstRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .first()
  await expect(firstRow.getByRole('gridcell').nth(lastSeenColumn)).toHaveText(
    /^(just now|\d+ min ago)$/,
  )
}

test('the sample keeps its online, stale and offline mix hours after it was opened', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  const mix = intendedMix()
  await openSampleWorkspace(page)
  await expectMix(page, mix)

  // The host's clock can't be moved, so move the sample back instead: as if it had been
  // opened three hours ago and its times had not been touched since.
  const db = new Database(join(app.dataDir, 'switchboard.db'))
  try {
    db.transaction(() => {
      db.prepare(
        `UPDATE devices SET last_seen_at = last_seen_at - @ago, last_boot_at = last_boot_at - @ago,
           last_patched_at = last_patched_at - @ago,
           backup_last_success_at = backup_last_success_at - @ago,
           warranty_end_at = warranty_end_at - @ago`,
      ).run({ ago: 3 * HOUR })
      db.prepare(
        `UPDATE inventory_meta SET value = json_set(value,
           '$.generatedAt', json_extract(value, '$.generatedAt') - @ago,
           '$.anchoredAt', coalesce(json_extract(value, '$.anchoredAt'),
             json_extract(value, '$.generatedAt')) - @ago)
         WHERE key = 'sample'`,
      ).run({ ago: 3 * HOUR })
    })()
  } finally {
    db.close()
  }
  await app.restart()
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Devices' })
    .click()
  await expectMix(page, mix)
})
