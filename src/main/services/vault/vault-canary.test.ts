import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contract } from '../../../shared/contract'
import type { Channel } from '../../../shared/rpc/channel'
import { createRpcClient } from '../../../shared/rpc/client'
import { RpcError } from '../../../shared/rpc/errors'
import { createMemoryChannelPair } from '../../../shared/rpc/memory'
import { createRpcServer } from '../../../shared/rpc/server'
import { createHandlers } from '../../handlers'
import { createAppLog, type AppLog } from '../../logger'
import { testHostPorts } from '../../testing/host-ports'
import { useTempDirs } from '../../testing/temp-dir'
import { createServices, type Services } from '..'

const tempDir = useTempDirs()
const opened: Services[] = []
const logs: AppLog[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) services.dispose()
  await Promise.all(logs.splice(0).map((log) => log.close()))
})

/** The real services behind the real RPC server, with every message the server sends kept. */
function connect() {
  const dataDir = tempDir()
  // The real log, file and all, as the hosts make it: the test reads what it wrote.
  const log = createAppLog({
    scope: 'test',
    dir: join(dataDir, 'logs'),
    stderr: { write: () => true },
  })
  logs.push(log)
  const services = createServices(testHostPorts(dataDir, { logger: log.logger, log }))
  opened.push(services)
  const server = createRpcServer({
    contract,
    handlers: createHandlers(services),
    logger: services.host.logger,
  })
  const pair = createMemoryChannelPair()
  const sent: unknown[] = []
  const recordingServerSide: Channel = {
    send(message) {
      sent.push(message)
      pair.server.send(message)
    },
    onMessage: (listener) => pair.server.onMessage(listener),
  }
  server.connect(recordingServerSide, { connectionId: 'test', transport: 'memory' })
  const { client } = createRpcClient(contract, pair.client)
  return { services, client, sent, log, dbFile: join(dataDir, 'switchboard.db') }
}

/** Every way a string might sit in bytes: UTF-8, UTF-16, base64 and hex. */
function encodings(secret: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret).toString('base64')),
    Buffer.from(Buffer.from(secret).toString('hex')),
  ]
}

function expectAbsent(bytes: Buffer, secrets: string[], where: string): void {
  for (const secret of secrets) {
    for (const encoded of encodings(secret)) {
      expect(bytes.includes(encoded), `${where} holds a secret`).toBe(false)
    }
  }
}

function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
  )
}

function databaseFiles(dbFile: string): Buffer[] {
  return [dbFile, `${dbFile}-wal`].filter(existsSync).map((file) => readFileSync(file))
}

describe('secrets stay inside the vault, through the real RPC stack', () => {
  it('keeps the canary out of the file, replies, logs and audit log, and reveals it', async () => {
    const { services, client, sent, log, dbFile } = connect()
    const canary = `canary-${crypto.randomUUID()}`
    const keyCanary = `-----BEGIN OPENSSH PRIVATE KEY-----\nkey-${crypto.randomUUID()}\n`
    const keyPassCanary = `keypass-${crypto.randomUUID()}`
    const masterPassphrase = `master-${crypto.randomUUID()}`
    const secrets = [canary, keyCanary, keyPassCanary, masterPassphrase]

    const statuses: unknown[] = []
    client.vault.onDidChangeStatus({}, (status) => statuses.push(status))
    await client.app.ping({})
    await client.vault.setup({ protection: 'passphrase', passphrase: masterPassphrase })
    const stored = await client.credentials.create({
      name: 'Acme DC',
      username: 'administrator',
      secret: { kind: 'password', password: canary },
    })
    const key = await client.credentials.create({
      name: 'Acme deploy key',
      username: 'deploy',
      secret: { kind: 'private-key', privateKey: keyCanary, passphrase: keyPassCanary },
    })
    await client.credentials.update({ id: stored.id, name: 'Acme DC (new)' })
    await client.credentials.update({
      id: key.id,
      secret: { kind: 'private-key', privateKey: keyCanary },
    })
    await expect(client.credentials.list({ clientId: 'acme' })).resolves.toMatchObject({
      credentials: [{ name: 'Acme DC (new)' }, { name: 'Acme deploy key' }],
    })
    // Failures take the same path as successes: their replies must be clean too.
    await expect(
      client.credentials.create({
        name: '',
        username: 'x',
        secret: { kind: 'password', password: canary },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    await client.vault.lock({})
    await expect(
      client.credentials.create({
        name: 'locked',
        username: 'x',
        secret: { kind: 'password', password: canary },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(client.vault.unlock({ passphrase: `${masterPassphrase}-wrong` })).rejects.toThrow()
    await client.vault.unlock({ passphrase: masterPassphrase })
    await vi.waitFor(() => expect(statuses).toHaveLength(3))

    expect(services.vault.reveal(stored.id, { kind: 'quick' }).secret).toEqual({
      kind: 'password',
      password: canary,
    })
    expect(services.vault.reveal(key.id, { kind: 'quick' }).secret).toEqual({
      kind: 'private-key',
      privateKey: keyCanary,
    })

    const beforeCheckpoint = databaseFiles(dbFile)
    expect(beforeCheckpoint).toHaveLength(2)
    // Positive control: metadata is findable in the raw bytes, so a secret would be too.
    expect(Buffer.concat(beforeCheckpoint).includes('Acme deploy key')).toBe(true)
    for (const bytes of beforeCheckpoint) {
      expectAbsent(bytes, secrets, 'the store (before checkpoint)')
    }
    services.store.db.pragma('wal_checkpoint(TRUNCATE)')
    const afterCheckpoint = databaseFiles(dbFile)
    expect(afterCheckpoint[0]?.includes('Acme deploy key')).toBe(true)
    for (const bytes of afterCheckpoint) {
      expectAbsent(bytes, secrets, 'the store (after checkpoint)')
    }

    expect(sent.length).toBeGreaterThan(10)
    expect(serialize(sent)).toContain('Acme deploy key')
    expectAbsent(Buffer.from(serialize(sent)), secrets, 'an RPC reply')

    const audit = services.store.db.prepare('SELECT * FROM audit_log').all()
    expect(audit.length).toBeGreaterThanOrEqual(5)
    expectAbsent(Buffer.from(serialize(audit)), secrets, 'the audit log')

    // Calls that fail unexpectedly with a secret in their input are what reaches the log: the
    // store going away under a credential write, and a login answer for no session.
    services.store.close()
    await expect(
      client.credentials.create({
        name: 'after the store closed',
        username: 'x',
        secret: { kind: 'password', password: canary },
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' })
    await expect(
      client.sessions.answerPrompt({ id: 'nope', promptId: 'p', answers: [canary] }),
    ).rejects.toThrow()
    const diagnostics = await client.app.diagnostics({})
    expect(diagnostics.recentProblems.map((p) => p.message)).toContain(
      'handler credentials.create failed',
    )
    expectAbsent(Buffer.from(serialize(diagnostics)), secrets, 'the diagnostics')

    await log.close()
    const logDir = dirname(log.file ?? '')
    const logFiles = readdirSync(logDir).map((name) => readFileSync(join(logDir, name)))
    expect(logFiles.length).toBeGreaterThan(0)
    // Positive control: the failure above is in the file, so a secret logged with it would be.
    expect(Buffer.concat(logFiles).includes('handler credentials.create failed')).toBe(true)
    for (const bytes of logFiles) expectAbsent(bytes, secrets, 'the log file')
  })

  it('answers a wrong passphrase with a typed FORBIDDEN error', async () => {
    const { client } = connect()
    await client.vault.setup({ protection: 'passphrase', passphrase: 'the right passphrase' })
    await client.vault.lock({})
    const failure = await client.vault.unlock({ passphrase: 'the wrong passphrase' }).then(
      () => null,
      (error: unknown) => error,
    )
    expect(failure).toBeInstanceOf(RpcError)
    expect(failure).toMatchObject({ code: 'FORBIDDEN', message: 'Wrong passphrase' })
    await expect(client.vault.status({})).resolves.toMatchObject({ state: 'locked' })
  })

  it('explains setup with an OS keychain the host does not have, and a second setup', async () => {
    const { client } = connect()
    await expect(client.vault.setup({ protection: 'os-keychain' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await client.vault.setup({ protection: 'passphrase', passphrase: 'the right passphrase' })
    await expect(
      client.vault.setup({ protection: 'passphrase', passphrase: 'the right passphrase' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
