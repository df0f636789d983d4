import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('Settings shows the log file, and Copy diagnostics puts a report on the clipboard', async ({
  app,
}) => {
  test.skip(app.mode === 'electron', 'the clipboard is read through browser permissions')
  const { page } = app
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open')

  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const logFile = join(app.dataDir, 'logs', 'switchboard.log')
  await expect(dialog.getByTestId('log-file')).toHaveText(logFile)

  await dialog.getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(dialog.getByRole('status')).toContainText('Copied')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  const schema = (await page.getByTestId('schema-version').textContent()) ?? ''
  expect(schema).toMatch(/^Store schema v\d+$/)
  expect(copied).toContain(schema)
  expect(copied).toMatch(/^Switchboard \d+\.\d+\.\d+\S* \(browser mode\)\n/)
  expect(copied).toContain(`Log file: ${logFile}`)
  expect(copied).toContain(`Data directory: ${app.dataDir}`)

  // The host in its own process wrote its log where the dialog says.
  expect(existsSync(logFile)).toBe(true)
  expect(readFileSync(logFile, 'utf8')).toContain('headless host listening on 127.0.0.1:')
})
