import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const MASTER = 'correct horse battery staple'
// The host runs as the same user as this test, so its ~/.ssh is this home's.
const sshDir = join(homedir(), '.ssh')
const hasLocalConfig = existsSync(join(sshDir, 'config'))

async function openSessions(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Sessions' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible()
}

/** Opens the dialog and reads `config` as pasted text, whether or not ~/.ssh/config exists. */
async function pasteConfig(page: Page, config: string): Promise<Locator> {
  await page.getByRole('button', { name: 'From ~/.ssh/config' }).click()
  const dialog = page.getByRole('dialog', { name: 'Hosts from ~/.ssh/config' })
  await expect(dialog).toBeVisible()
  if (hasLocalConfig) {
    await dialog.getByRole('button', { name: 'Paste a config instead' }).click()
  } else {
    // No file: main's NOT_FOUND is shown, and the paste box is already there.
    await expect(dialog.getByRole('alert')).toContainText(
      `There is no ${join(sshDir, 'config')} on this machine`,
    )
    await expect(dialog.getByRole('textbox', { name: 'Paste a config instead' })).toBeFocused()
  }
  await dialog.getByRole('textbox', { name: 'Paste a config instead' }).fill(config)
  await dialog.getByRole('button', { name: 'Read pasted config' }).click()
  await expect(dialog.getByText('From the pasted config')).toBeVisible()
  return dialog
}

async function setUpVault(page: Page): Promise<void> {
  const chip = page.getByTestId('vault-status')
  await chip.getByRole('button', { name: 'Set up vault' }).click()
  await page.getByLabel('Master passphrase').fill(MASTER)
  await page.getByLabel('Confirm passphrase').fill(MASTER)
  await page.getByRole('button', { name: 'Create vault' }).click()
  await expect(chip).toHaveAttribute('data-state', 'unlocked')
}

test('a pasted config fills the quick-connect fields and connects nothing', async ({ app }) => {
  const { page } = app
  await openSessions(page)
  const dialog = await pasteConfig(
    page,
    [
      'Host *',
      '  ServerAliveInterval 30',
      'Host db1',
      '  HostName 10.20.0.5',
      '  User postgres',
      '  Port 2222',
      '  ProxyJump jump@bastion.example:2022,ops@10.20.0.1',
      'Host web-*',
      '  User deploy',
      'Host fw01',
      '  HostName fw01.example',
    ].join('\n'),
  )

  await expect(dialog.getByText('From the pasted config: 2 hosts, 1 skipped')).toBeVisible()
  const hosts = dialog.getByRole('list', { name: 'Hosts', exact: true })
  await expect(hosts.getByRole('listitem').filter({ hasText: 'db1' })).toContainText(
    'postgres@10.20.0.5:2222',
  )
  await expect(hosts).toContainText('via jump@bastion.example:2022 → ops@10.20.0.1:22')
  await expect(dialog.getByRole('list', { name: 'Skipped hosts' })).toHaveText(
    'web-*: host patterns are not imported',
  )

  // The filter narrows the list; Use fills the fields and closes the dialog.
  await dialog.getByLabel('Filter hosts').fill('DB')
  await expect(dialog.getByRole('button', { name: /^Use / })).toHaveCount(1)
  await dialog.getByRole('button', { name: 'Use db1' }).click()
  await expect(dialog).toBeHidden()
  const target = page.getByLabel('Connect to')
  await expect(target).toHaveValue('postgres@10.20.0.5:2222')
  await expect(page.getByLabel('Via (jump hosts)')).toHaveValue(
    'jump@bastion.example:2022, ops@10.20.0.1:22',
  )
  await expect(target).toBeFocused()

  // A host without a User: the field waits for it, the caret where `user@` goes.
  await page.getByRole('button', { name: 'From ~/.ssh/config' }).click()
  if (hasLocalConfig) await dialog.getByRole('button', { name: 'Paste a config instead' }).click()
  // The pasted text is not kept between openings: paste again.
  await dialog
    .getByRole('textbox', { name: 'Paste a config instead' })
    .fill('Host fw01\n  HostName fw01.example')
  await dialog.getByRole('button', { name: 'Read pasted config' }).click()
  await dialog.getByRole('button', { name: 'Use fw01' }).click()
  await expect(target).toHaveValue('fw01.example:22')
  await expect(page.getByLabel('Via (jump hosts)')).toHaveValue('')
  await expect(target).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: 'fw01 has no User' })).toBeVisible()
  await page.keyboard.type('admin@')
  await expect(target).toHaveValue('admin@fw01.example:22')

  // Nothing connected on its own.
  await expect(page.getByRole('tab', { name: /fw01|10\.20\.0\.5/ })).toHaveCount(0)
  await expect(page.getByText('No open sessions')).toBeVisible()
})

test.describe('importing an IdentityFile', () => {
  let keyPath = ''
  let madeSshDir = false

  test.beforeEach(() => {
    if (!existsSync(sshDir)) {
      mkdirSync(sshDir, { mode: 0o700 })
      madeSshDir = true
    }
    keyPath = join(sshDir, `switchboard-e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`)
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', keyPath])
  })
  test.afterEach(() => {
    rmSync(keyPath, { force: true })
    rmSync(`${keyPath}.pub`, { force: true })
    // Only a directory this test made, and only while empty: never anyone's real keys.
    if (madeSshDir) {
      try {
        rmdirSync(sshDir)
      } catch {
        // Something else lives there now; leave it.
      }
    }
  })

  test('a key from ~/.ssh goes into the vault, unlocking it first, and is chosen', async ({
    app,
  }) => {
    const { page } = app
    await setUpVault(page)
    // Locked, the import asks for the master passphrase before it stores anything.
    const chip = page.getByTestId('vault-status')
    await chip.getByRole('button', { name: 'Lock vault' }).click()
    await expect(chip).toHaveAttribute('data-state', 'locked')

    await openSessions(page)
    const fileName = keyPath.slice(sshDir.length + 1)
    const dialog = await pasteConfig(
      page,
      `Host app\n  HostName 10.30.0.7\n  User deploy\n  IdentityFile ~/.ssh/${fileName}\n`,
    )
    const keys = dialog.getByRole('list', { name: 'Keys of app' })
    await expect(keys).toContainText(keyPath)
    await keys.getByRole('button', { name: 'Import key' }).click()
    const passphrase = dialog.getByLabel('Key passphrase (if it has one)')
    await expect(passphrase).toBeFocused()
    await expect(dialog.getByLabel('Log in as')).toHaveValue('deploy')
    await passphrase.press('Enter')

    const unlock = page.getByRole('dialog', { name: 'Unlock the vault' })
    await expect(unlock).toBeVisible()
    await unlock.getByLabel('Master passphrase').fill(MASTER)
    await unlock.getByRole('button', { name: 'Unlock', exact: true }).click()
    await expect(unlock).toBeHidden()
    await expect(chip).toHaveAttribute('data-state', 'unlocked')
    await expect(dialog.getByRole('status')).toHaveText(
      'Stored “app key” in the vault and chose it as the credential.',
    )

    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
    const picker = page.getByLabel('Credential', { exact: true })
    await expect(picker.locator('option:checked')).toHaveText('app key (deploy)')
    // Stored as a private key, listed with the other credentials.
    await page.getByRole('tab', { name: 'Credentials' }).click()
    await expect(page.getByRole('cell', { name: 'app key' })).toBeVisible()
  })

  test('a file outside ~/.ssh is refused in words', async ({ app }) => {
    const { page } = app
    await openSessions(page)
    const dialog = await pasteConfig(
      page,
      'Host evil\n  HostName 10.30.0.9\n  User root\n  IdentityFile /etc/passwd\n',
    )
    await dialog.getByRole('list', { name: 'Keys of evil' }).getByRole('button').click()
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()

    // No vault yet: its setup comes first, then the import goes on, and main refuses.
    await page.getByLabel('Master passphrase').fill(MASTER)
    await page.getByLabel('Confirm passphrase').fill(MASTER)
    await page.getByRole('button', { name: 'Create vault' }).click()
    await expect(page.getByTestId('vault-status')).toHaveAttribute('data-state', 'unlocked')
    await expect(dialog.getByRole('alert')).toHaveText(
      'Only key files inside ~/.ssh can be imported',
    )
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(
      page.getByLabel('Credential', { exact: true }).locator('option:checked'),
    ).toHaveText('None — agent / ask')
  })
})
