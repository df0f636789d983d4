import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

const MASTER = 'correct horse battery staple'

test('a password stored through the UI never comes back to the renderer or into the files', async ({
  app,
}) => {
  test.skip(app.mode === 'electron', 'frames are read from the WebSocket of browser mode')
  const { page } = app
  const canary = `canary-${Date.now()}-${Math.random().toString(36).slice(2)}`

  // Everything main sends this page from now on.
  const received: string[] = []
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => received.push(String(frame.payload))),
  )
  await page.reload()
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')

  const chip = page.getByTestId('vault-status')
  await chip.getByRole('button', { name: 'Set up vault' }).click()
  await page.getByLabel('Master passphrase').fill(MASTER)
  await page.getByLabel('Confirm passphrase').fill(MASTER)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(chip).toHaveAttribute('data-state', 'unlocked')

  await page.getByRole('link', { name: 'Sessions' }).click()
  await page.getByRole('tab', { name: 'Credentials' }).click()
  await page.getByRole('button', { name: 'New credential' }).click()
  await page.getByLabel('Credential name').fill('Canary admin')
  await page.getByLabel('Username').fill('administrator')
  await page.getByLabel('Password').fill(canary)
  await page.getByRole('button', { name: 'Save credential' }).click()
  await expect(page.getByRole('cell', { name: 'Canary admin' })).toBeVisible()

  expect(received.length).toBeGreaterThan(0)
  expect(received.filter((f) => f.includes(canary))).toEqual([])
  expect(received.some((f) => f.includes('Canary admin'))).toBe(true)
  expect(await page.content()).not.toContain(canary)
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
  expect(storage).not.toContain(canary)
  for (const file of readdirSync(app.dataDir).filter((f) => f.startsWith('switchboard.db'))) {
    const bytes = readFileSync(join(app.dataDir, file))
    expect(bytes.includes(Buffer.from(canary)), `${file} holds the canary`).toBe(false)
  }

  // Locked, a wrong passphrase is refused in words; the right one unlocks.
  await chip.getByRole('button', { name: 'Lock vault' }).click()
  await expect(chip).toHaveAttribute('data-state', 'locked')
  await chip.getByRole('button', { name: 'Unlock vault' }).click()
  await page.getByLabel('Master passphrase').fill('not the passphrase')
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('dialog').getByText('Wrong passphrase')).toBeVisible()
  await expect(chip).toHaveAttribute('data-state', 'locked')
  await page.getByLabel('Master passphrase').fill(MASTER)
  await page.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(chip).toHaveAttribute('data-state', 'unlocked')
  expect(received.filter((f) => f.includes(canary))).toEqual([])
})

test('the passphrase meter rates a common password weak', async ({ app }) => {
  const { page } = app
  await page.getByTestId('vault-status').getByRole('button', { name: 'Set up vault' }).click()
  const dialog = page.getByRole('dialog', { name: 'Set up the credential vault' })
  const field = dialog.getByLabel('Master passphrase')
  const meter = page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`)

  await field.fill('Password1234!')
  await expect(meter).toContainText('Weak')
  await expect(meter).toHaveAttribute('data-level', 'weak')
  await field.fill('correct horse battery staple')
  await expect(meter).toHaveText('Strong.')
  await expect(meter).toHaveAttribute('data-level', 'strong')
})
