import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CredentialSecret } from '../../../shared/contract/vault'
import { AuditLog } from '../audit/audit-log'
import type { HostPorts, OsKeychain } from '../ports'
import { Store } from '../store/store'
import { testHostPorts } from '../../testing/host-ports'
import { useTempDirs } from '../../testing/temp-dir'
import { open, seal } from './crypto'
import { VaultService } from './vault-service'

const GLOBAL = { kind: 'global' } as const
const QUICK = { kind: 'quick' } as const

/** A client row, for scopes to name (the inventory service is not needed for that). */
function addClient(store: Store, id: string, name: string): void {
  store.db
    .prepare(
      'INSERT INTO clients (id, name, short_code, created_at, updated_at) VALUES (?, ?, ?, 1, 1)',
    )
    .run(id, name, id.toUpperCase())
}

const tempDir = useTempDirs()
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

const PASSPHRASE = 'correct horse battery staple'
const password = (value: string): CredentialSecret => ({ kind: 'password', password: value })

/** A vault on a real SQLite file in `dir`; a second call on the same dir is a restart. */
function openVault(dir: string, overrides: Partial<HostPorts> = {}) {
  const host = testHostPorts(dir, overrides)
  const store = new Store({ file: join(dir, 'switchboard.db') })
  const audit = new AuditLog(store)
  // 2^15 is the floor the service accepts; it keeps these tests quick.
  const vault = new VaultService({ store, audit, host, scryptLogN: 15 })
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    vault.lock()
    store.close()
  }
  cleanups.push(close)
  return { host, store, audit, vault, close }
}

async function unlockedVault(dir = tempDir()) {
  const opened = openVault(dir)
  await opened.vault.setup({ protection: 'passphrase', passphrase: PASSPHRASE })
  return opened
}

/** A stand-in for safeStorage: AES-GCM under a fixed test key. */
function fakeKeychain(): OsKeychain & { refuse: boolean } {
  const key = Buffer.alloc(32, 7)
  const context = Buffer.from('fake-keychain')
  const keychain = {
    refuse: false,
    encrypt: (plain: Buffer) => seal(key, plain, context),
    decrypt: (sealed: Buffer) => {
      if (keychain.refuse) throw new Error('user denied keychain access')
      return open(key, sealed, context)
    },
  }
  return keychain
}

function auditActions(store: Store): { action: string; subject: string; detail: string }[] {
  return store.db.prepare('SELECT action, subject, detail FROM audit_log ORDER BY id').all() as {
    action: string
    subject: string
    detail: string
  }[]
}

describe('VaultService with a master passphrase', () => {
  it('goes through setup, lock and unlock, announcing each change', async () => {
    const { vault, store } = openVault(tempDir())
    const seen: string[] = []
    vault.onDidChangeStatus((s) => seen.push(s.state))
    expect(vault.status()).toEqual({
      state: 'uninitialized',
      protection: null,
      osKeychainAvailable: false,
    })

    await expect(
      vault.setup({ protection: 'passphrase', passphrase: PASSPHRASE }),
    ).resolves.toMatchObject({ state: 'unlocked', protection: 'passphrase' })
    const created = vault.createCredential({
      name: 'Acme domain admin',
      username: 'administrator',
      scope: GLOBAL,
      secret: password('s3cret-one'),
    })
    expect(vault.lock()).toMatchObject({ state: 'locked' })
    expect(() => vault.reveal(created.id, QUICK)).toThrow(
      expect.objectContaining({ code: 'forbidden', message: 'The vault is locked' }),
    )
    await expect(vault.unlock({ passphrase: PASSPHRASE })).resolves.toMatchObject({
      state: 'unlocked',
    })
    expect(vault.reveal(created.id, QUICK)).toEqual({
      credential: created,
      secret: password('s3cret-one'),
    })
    expect(seen).toEqual(['unlocked', 'locked', 'unlocked'])
    expect(auditActions(store).map((a) => a.action)).toEqual([
      'vault.setup',
      'credentials.create',
      'vault.unlock',
    ])
  })

  it('stores scrypt params and a 16-byte salt, with N of at least 2^15', async () => {
    const { store } = await unlockedVault()
    const row = store.db.prepare('SELECT protection, kdf FROM vault_keys').get() as {
      protection: string
      kdf: string
    }
    const kdf = JSON.parse(row.kdf) as {
      algorithm: string
      N: number
      r: number
      p: number
      salt: string
    }
    expect(row.protection).toBe('passphrase')
    expect(kdf).toMatchObject({ algorithm: 'scrypt', r: 8, p: 1 })
    expect(kdf.N).toBeGreaterThanOrEqual(2 ** 15)
    expect(Buffer.from(kdf.salt, 'base64')).toHaveLength(16)
  })

  it('refuses a wrong passphrase with FORBIDDEN and decrypts nothing', async () => {
    const { vault, store } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'router',
      username: 'admin',
      scope: GLOBAL,
      secret: password('router-pass'),
    })
    vault.lock()
    const listener = vi.fn()
    vault.onDidChangeStatus(listener)

    await expect(vault.unlock({ passphrase: 'not the passphrase' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Wrong passphrase',
    })
    expect(vault.status().state).toBe('locked')
    expect(listener).not.toHaveBeenCalled()
    expect(() => vault.reveal(id, QUICK)).toThrow(expect.objectContaining({ code: 'forbidden' }))
    expect(auditActions(store).at(-1)).toMatchObject({ action: 'vault.unlock-failed' })
  })

  it('asks for the passphrase when it is missing', async () => {
    const { vault } = await unlockedVault()
    vault.lock()
    await expect(vault.unlock({})).rejects.toMatchObject({ code: 'invalid' })
    await expect(vault.unlock({ passphrase: '' })).rejects.toMatchObject({ code: 'invalid' })
  })

  it('explains that an uninitialized vault cannot be unlocked', async () => {
    const { vault } = openVault(tempDir())
    await expect(vault.unlock({ passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/not been set up/),
    })
  })

  it('refuses a second setup, also when two race', async () => {
    const { vault } = await unlockedVault()
    await expect(
      vault.setup({ protection: 'passphrase', passphrase: 'another passphrase' }),
    ).rejects.toMatchObject({ code: 'conflict' })

    const fresh = openVault(tempDir()).vault
    const results = await Promise.allSettled([
      fresh.setup({ protection: 'passphrase', passphrase: PASSPHRASE }),
      fresh.setup({ protection: 'passphrase', passphrase: 'a different one' }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const rejected = results.find((r) => r.status === 'rejected')
    expect(rejected?.reason).toMatchObject({ code: 'conflict' })
  })

  it('refuses OS keychain protection where there is no keychain', async () => {
    const { vault } = openVault(tempDir())
    await expect(vault.setup({ protection: 'os-keychain' })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/keychain is not available.*master passphrase/),
    })
    expect(vault.status().state).toBe('uninitialized')
  })

  it('zeroes the data key when locking', async () => {
    const { vault } = await unlockedVault()
    const key = (vault as unknown as { dataKey: Buffer }).dataKey
    expect(key.some((b) => b !== 0)).toBe(true)
    vault.lock()
    expect(key.every((b) => b === 0)).toBe(true)
    expect((vault as unknown as { dataKey: Buffer | null }).dataKey).toBeNull()
  })

  it('lets a lock win over an unlock that is still deriving its key', async () => {
    const { vault } = await unlockedVault()
    vault.lock()
    const unlocking = vault.unlock({ passphrase: PASSPHRASE })
    vault.lock()
    await expect(unlocking).resolves.toMatchObject({ state: 'locked' })
    expect(vault.status().state).toBe('locked')
  })

  it('starts locked after a restart and unlocks with the passphrase', async () => {
    const dir = tempDir()
    const first = await unlockedVault(dir)
    const { id } = first.vault.createCredential({
      name: 'firewall',
      username: 'root',
      scope: GLOBAL,
      secret: password('fw-pass'),
    })
    first.close()

    const { vault } = openVault(dir)
    expect(vault.status()).toMatchObject({ state: 'locked', protection: 'passphrase' })
    expect(vault.listCredentials()).toMatchObject([{ id, name: 'firewall' }])
    expect(() => vault.reveal(id, QUICK)).toThrow(expect.objectContaining({ code: 'forbidden' }))
    await vault.unlock({ passphrase: PASSPHRASE })
    expect(vault.reveal(id, QUICK).secret).toEqual(password('fw-pass'))
  })
})

describe('VaultService credentials', () => {
  it('refuses writes and reveal while locked, but lists', async () => {
    const { vault } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'a',
      username: 'u',
      scope: GLOBAL,
      secret: password('p'),
    })
    vault.lock()
    const forbidden = expect.objectContaining({ code: 'forbidden', message: 'The vault is locked' })
    expect(() =>
      vault.createCredential({ name: 'b', username: 'u', scope: GLOBAL, secret: password('q') }),
    ).toThrow(forbidden)
    expect(() => vault.updateCredential({ id, name: 'renamed' })).toThrow(forbidden)
    expect(() => vault.deleteCredential(id)).toThrow(forbidden)
    expect(() => vault.reveal(id, QUICK)).toThrow(forbidden)
    expect(vault.listCredentials().map((c) => c.name)).toEqual(['a'])
  })

  it('answers NOT_FOUND for unknown ids', async () => {
    const { vault } = await unlockedVault()
    const notFound = expect.objectContaining({ code: 'not-found' })
    expect(() => vault.reveal('nope', QUICK)).toThrow(notFound)
    expect(() => vault.updateCredential({ id: 'nope', name: 'x' })).toThrow(notFound)
    expect(() => vault.deleteCredential('nope')).toThrow(notFound)
    expect(() => vault.getCredential('nope')).toThrow(notFound)
  })

  it('gives each credential a UUID and seals its secret, never storing it plainly', async () => {
    const { vault, store } = await unlockedVault()
    const summary = vault.createCredential({
      name: 'key',
      username: 'deploy',
      scope: GLOBAL,
      secret: { kind: 'private-key', privateKey: 'PRIVATE-KEY-BODY', passphrase: 'key-pass' },
    })
    expect(summary).toMatchObject({ kind: 'private-key', hasPassphrase: true, scope: GLOBAL })
    expect(summary.id).toMatch(/^[0-9a-f-]{36}$/)
    const row = store.db.prepare('SELECT secret FROM credentials').get() as { secret: Buffer }
    expect(row.secret.includes('PRIVATE-KEY-BODY')).toBe(false)
    expect(row.secret.includes('key-pass')).toBe(false)
    expect(vault.reveal(summary.id, QUICK).secret).toEqual({
      kind: 'private-key',
      privateKey: 'PRIVATE-KEY-BODY',
      passphrase: 'key-pass',
    })
  })

  it('uses a fresh nonce for every encryption', async () => {
    const { vault, store } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'a',
      username: 'u',
      scope: GLOBAL,
      secret: password('same'),
    })
    const read = () =>
      (
        store.db.prepare('SELECT secret FROM credentials WHERE id = ?').get(id) as {
          secret: Buffer
        }
      ).secret
    const before = read()
    vault.updateCredential({ id, secret: password('same') })
    expect(read().subarray(0, 12).equals(before.subarray(0, 12))).toBe(false)
  })

  it('stores no secret for agent credentials', async () => {
    const { vault, store } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'agent',
      username: 'me',
      scope: GLOBAL,
      secret: { kind: 'agent' },
    })
    expect(store.db.prepare('SELECT secret FROM credentials').pluck().get()).toBeNull()
    expect(vault.reveal(id, QUICK).secret).toEqual({ kind: 'agent' })
  })

  it('fails to decrypt a ciphertext moved to another row', async () => {
    const { vault, store } = await unlockedVault()
    const make = (name: string, secret: string) =>
      vault.createCredential({ name, username: 'u', scope: GLOBAL, secret: password(secret) })
    const a = make('first', 'secret-of-first')
    const b = make('second', 'secret-of-second')
    store.db.exec(`
      UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE id = '${b.id}')
        WHERE id = '${a.id}';
    `)
    let failure: unknown
    try {
      vault.reveal(a.id, QUICK)
    } catch (error) {
      failure = error
    }
    expect(failure).toMatchObject({ code: 'damaged', message: expect.stringMatching(/first/) })
    expect(String((failure as Error).message)).not.toMatch(/secret-of/)
    expect(vault.reveal(b.id, QUICK).secret).toEqual(password('secret-of-second'))
  })

  it('detects an edited kind column', async () => {
    const { vault, store } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'a',
      username: 'u',
      scope: GLOBAL,
      secret: password('pw'),
    })
    store.db.prepare("UPDATE credentials SET kind = 'private-key' WHERE id = ?").run(id)
    expect(() => vault.reveal(id, QUICK)).toThrow(expect.objectContaining({ code: 'damaged' }))
  })

  it('updates metadata without touching the secret, and replaces it when given', async () => {
    const { vault, store } = await unlockedVault()
    addClient(store, 'c1', 'Smile Dental')
    const { id } = vault.createCredential({
      name: 'old',
      username: 'u',
      scope: { kind: 'client', clientId: 'c1' },
      secret: password('first-secret'),
    })
    expect(vault.updateCredential({ id, name: 'new', scope: GLOBAL })).toMatchObject({
      name: 'new',
      scope: GLOBAL,
      scopeLabel: null,
      kind: 'password',
    })
    expect(vault.reveal(id, QUICK).secret).toEqual(password('first-secret'))

    const next = vault.updateCredential({
      id,
      secret: { kind: 'private-key', privateKey: 'KEY' },
    })
    expect(next).toMatchObject({ kind: 'private-key', hasPassphrase: false })
    expect(vault.reveal(id, QUICK).secret).toEqual({ kind: 'private-key', privateKey: 'KEY' })

    const update = auditActions(store).filter((a) => a.action === 'credentials.update')
    expect(update.map((a) => JSON.parse(a.detail) as { changed: string[] })).toMatchObject([
      { changed: ['name', 'scope'] },
      { changed: ['secret'] },
    ])
    expect(JSON.stringify(auditActions(store))).not.toMatch(/first-secret|KEY"/)
  })

  it('deletes and audits without the secret', async () => {
    const { vault, store } = await unlockedVault()
    const { id } = vault.createCredential({
      name: 'gone',
      username: 'u',
      scope: GLOBAL,
      secret: password('gone-secret'),
    })
    expect(vault.deleteCredential(id)).toEqual({ id })
    expect(vault.listCredentials()).toEqual([])
    expect(auditActions(store).at(-1)).toMatchObject({ action: 'credentials.delete', subject: id })
    expect(JSON.stringify(auditActions(store))).not.toContain('gone-secret')
  })

  it('lists one client’s credentials (its own and its devices’) together with the global ones', async () => {
    const { vault, store } = await unlockedVault()
    addClient(store, 'acme', 'Acme')
    addClient(store, 'other', 'Other')
    store.db.exec(`INSERT INTO devices (id, client_id, hostname, online_minutes, stale_minutes,
        created_at, updated_at) VALUES ('d-acme', 'acme', 'acme-web', 15, 1440, 1, 1)`)
    const scopes = {
      'b-acme': { kind: 'client', clientId: 'acme' },
      'a-all': GLOBAL,
      'c-other': { kind: 'client', clientId: 'other' },
      'd-acme-web': { kind: 'device', deviceId: 'd-acme' },
    } as const
    for (const [name, scope] of Object.entries(scopes)) {
      vault.createCredential({ name, username: 'u', scope, secret: { kind: 'agent' } })
    }
    expect(vault.listCredentials({ clientId: 'acme' }).map((c) => c.name)).toEqual([
      'a-all',
      'b-acme',
      'd-acme-web',
    ])
    expect(vault.listCredentials().map((c) => [c.name, c.scopeLabel])).toEqual([
      ['a-all', null],
      ['b-acme', 'Acme'],
      ['c-other', 'Other'],
      ['d-acme-web', 'acme-web'],
    ])
    // A scope must name a client or device that exists.
    expect(() =>
      vault.createCredential({
        name: 'x',
        username: 'u',
        scope: { kind: 'client', clientId: 'nope' },
        secret: { kind: 'agent' },
      }),
    ).toThrow(expect.objectContaining({ code: 'not-found' }))
  })

  it('reveals a secret only for a use its scope covers, saying how to widen it', async () => {
    const { vault, store } = await unlockedVault()
    addClient(store, 'acme', 'Acme')
    const { id } = vault.createCredential({
      name: 'acme root',
      username: 'root',
      scope: { kind: 'client', clientId: 'acme' },
      secret: password('acme-secret'),
    })
    const acmeWeb = { kind: 'device', deviceId: 'd1', clientId: 'acme', hostname: 'web' } as const
    const betaPos = { kind: 'device', deviceId: 'd2', clientId: 'beta', hostname: 'pos' } as const
    expect(vault.reveal(id, acmeWeb).secret).toEqual(password('acme-secret'))
    const refused = expect.objectContaining({
      code: 'forbidden',
      message: expect.stringMatching(
        /^Credential “acme root” is scoped to client Acme, so it is not sent to pos\. .*Global/,
      ) as unknown,
    })
    expect(() => vault.reveal(id, betaPos)).toThrow(refused)
    expect(() => vault.checkUse(id, betaPos)).toThrow(refused)
    expect(() => vault.reveal(id, QUICK)).toThrow(
      expect.objectContaining({
        code: 'forbidden',
        message: expect.stringMatching(/quick connect/) as unknown,
      }),
    )
    // Metadata only: the check answers while the vault is locked.
    vault.lock()
    expect(() => vault.checkUse(id, betaPos)).toThrow(refused)
    expect(vault.checkUse(id, acmeWeb)).toMatchObject({ name: 'acme root' })
  })
})

describe('VaultService with the OS keychain', () => {
  it('wraps the data key with the keychain and unlocks without a passphrase', async () => {
    const dir = tempDir()
    const keychain = fakeKeychain()
    const first = openVault(dir, { osKeychain: keychain })
    expect(first.vault.status().osKeychainAvailable).toBe(true)
    await expect(first.vault.setup({ protection: 'os-keychain' })).resolves.toMatchObject({
      state: 'unlocked',
      protection: 'os-keychain',
    })
    const { id } = first.vault.createCredential({
      name: 'k',
      username: 'u',
      scope: GLOBAL,
      secret: password('kc-secret'),
    })
    const row = first.store.db.prepare('SELECT kdf, wrapped_key FROM vault_keys').get() as {
      kdf: string | null
      wrapped_key: Buffer
    }
    expect(row.kdf).toBeNull()
    expect(keychain.decrypt(row.wrapped_key)).toHaveLength(32)
    first.close()

    const { vault } = openVault(dir, { osKeychain: keychain })
    expect(vault.status().state).toBe('locked')
    await expect(vault.unlock({})).resolves.toMatchObject({ state: 'unlocked' })
    expect(vault.reveal(id, QUICK).secret).toEqual(password('kc-secret'))
  })

  it('unlocks itself when first needed, but not after the technician locked it', async () => {
    const dir = tempDir()
    const keychain = fakeKeychain()
    const first = openVault(dir, { osKeychain: keychain })
    await first.vault.setup({ protection: 'os-keychain' })
    const { id } = first.vault.createCredential({
      name: 'k',
      username: 'u',
      scope: GLOBAL,
      secret: password('auto'),
    })
    first.close()

    const { vault } = openVault(dir, { osKeychain: keychain })
    const seen: string[] = []
    vault.onDidChangeStatus((s) => seen.push(s.state))
    expect(vault.reveal(id, QUICK).secret).toEqual(password('auto'))
    expect(seen).toEqual(['unlocked'])
    vault.lock()
    expect(() => vault.reveal(id, QUICK)).toThrow(expect.objectContaining({ code: 'forbidden' }))
    await vault.unlock({})
    expect(vault.reveal(id, QUICK).secret).toEqual(password('auto'))
  })

  it('reports a keychain that refuses, and a host without one', async () => {
    const dir = tempDir()
    const keychain = fakeKeychain()
    const first = openVault(dir, { osKeychain: keychain })
    await first.vault.setup({ protection: 'os-keychain' })
    first.close()

    const refused = openVault(dir, { osKeychain: keychain })
    keychain.refuse = true
    await expect(refused.vault.unlock({})).rejects.toMatchObject({ code: 'forbidden' })
    expect(refused.host.logger.warn).toHaveBeenCalled()
    refused.close()

    const headless = openVault(dir)
    await expect(headless.vault.unlock({})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/desktop app/),
    })
  })
})
