import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contract, type SettingEntry } from '../../shared/contract'
import { flattenContract } from '../../shared/rpc/define'
import { createServices, type Services } from '../services'
import { migrations } from '../services/store/migrations'
import { testHostPorts } from '../testing/host-ports'
import { declaredFields, refusedInputFor } from '../testing/refused-input'
import { serveOverMemory } from '../testing/rpc-harness'
import { useTempDirs } from '../testing/temp-dir'

const tempDir = useTempDirs()
const opened: Services[] = []
afterEach(() => {
  for (const s of opened.splice(0)) s.dispose()
})

function connect(dataDir = tempDir(), overrides = {}) {
  const services = createServices(testHostPorts(dataDir, overrides))
  opened.push(services)
  const { client, raw } = serveOverMemory(services)
  return { services, client, raw, dataDir }
}

describe('the contract, served by the real services', () => {
  const methods = [...flattenContract(contract).entries()]

  it.each(methods)(
    '%s refuses a well-formed call whose input its own schema rejects, naming the fields',
    async (method, spec) => {
      const { raw } = connect()
      const reply = await raw({
        t: spec.kind === 'call' ? 'call' : 'sub',
        id: 1,
        method,
        input: refusedInputFor(spec.input),
      })
      expect(reply).toMatchObject({
        t: spec.kind === 'call' ? 'err' : 'end',
        id: 1,
        error: {
          code: 'BAD_REQUEST',
          message: expect.stringContaining(`Invalid input to ${method}:`),
          issues: expect.arrayContaining([
            expect.objectContaining({ message: expect.any(String) }),
          ]),
        },
      })
      // The issues point into the input's fields (or at the one it must not have), which only
      // the method's own schema knows about.
      const issues = (reply as { error: { issues: Array<{ path: unknown[]; message: string }> } })
        .error.issues
      const fields = declaredFields(spec.input)
      const pointsIntoInput = issues.some(
        (issue) =>
          (typeof issue.path[0] === 'string' && fields.includes(issue.path[0])) ||
          issue.message.includes('notAField'),
      )
      expect(pointsIntoInput, JSON.stringify(issues)).toBe(true)
    },
  )

  it('stores a setting in the SQLite file and audits it in the same transaction', async () => {
    const { client, dataDir, services } = connect()
    await expect(client.settings.set({ key: 'ui.theme', value: 'dark' })).resolves.toMatchObject({
      key: 'ui.theme',
      value: 'dark',
    })
    services.dispose()
    const db = new Database(join(dataDir, 'switchboard.db'), { readonly: true })
    expect(db.prepare("SELECT value FROM settings WHERE key = 'ui.theme'").pluck().get()).toBe(
      '"dark"',
    )
    expect(db.prepare('SELECT actor, action, subject FROM audit_log').all()).toEqual([
      { actor: 'test-tech', action: 'settings.set', subject: 'ui.theme' },
    ])
    db.close()
  })

  it('validates a setting value against that key’s own schema', async () => {
    const { client } = connect()
    const wrongValue = { key: 'ui.contextPanelOpen', value: 'dark' } as unknown as SettingEntry
    await expect(client.settings.set(wrongValue)).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('falls back to the default for a corrupt stored value instead of failing', async () => {
    const { client, services } = connect()
    services.store.db.prepare("INSERT INTO settings VALUES ('ui.theme', '\"purple\"', 1)").run()
    await expect(client.settings.get({ key: 'ui.theme' })).resolves.toEqual({
      key: 'ui.theme',
      value: 'system',
    })
    expect(services.host.logger.warn).toHaveBeenCalled()
  })

  it('broadcasts setting changes to subscribers', async () => {
    const { client } = connect()
    const seen: unknown[] = []
    client.settings.onDidChange({}, (entry) => seen.push(entry))
    await client.app.ping({})
    await client.settings.set({ key: 'ui.contextPanelOpen', value: false })
    await vi.waitFor(() => expect(seen).toEqual([{ key: 'ui.contextPanelOpen', value: false }]))
  })

  it('reports the sync state honestly before a server is configured', async () => {
    const { client } = connect()
    await expect(client.sync.status()).resolves.toEqual({
      state: 'not-configured',
      pending: 0,
      lastSyncedAt: null,
      offlineSince: null,
      progress: null,
      conflicts: 0,
      rejected: 0,
      server: null,
    })
  })

  it('opens only allowlisted links', async () => {
    const { client, services } = connect()
    await expect(client.links.open({ url: 'https://example.com/a' })).resolves.toEqual({
      url: 'https://example.com/a',
      openedBy: 'renderer',
    })
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.com',
      'ms-msdt:x',
    ]) {
      await expect(client.links.open({ url })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(services.host.opener.open).toHaveBeenCalledTimes(1)
  })

  it('describes the host', async () => {
    const { client, dataDir } = connect()
    await expect(client.app.info()).resolves.toMatchObject({
      mode: 'browser',
      schemaVersion: migrations.length,
      dataDir,
    })
  })
})
