import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { Store } from '../store'
import { migrations } from '.'
import { credentialScope } from './009-credential-scope'

const tempDir = useTempDirs()

describe('migration 9: credential scope', () => {
  it('makes every existing credential global, so whatever used it still may', async () => {
    const dir = tempDir()
    const before = new Store({
      file: join(dir, 'switchboard.db'),
      // The store as the build before this migration left it.
      migrations: migrations.slice(0, credentialScope.version - 1),
    })
    // One labelled with a client (the label was never enforced), one not.
    before.db.exec(`
      INSERT INTO clients (id, name, short_code, created_at, updated_at)
        VALUES ('c1', 'Smile Dental', 'SMILE', 1, 1);
      INSERT INTO credentials (id, name, kind, username, client_id, created_at, updated_at)
        VALUES ('cr1', 'smile agent', 'agent', 'admin', 'c1', 1, 1),
               ('cr2', 'any agent', 'agent', 'root', NULL, 1, 1);
    `)
    before.close()

    const services = createServices(testHostPorts(dir))
    try {
      expect(services.vault.listCredentials().map((c) => [c.name, c.scope, c.scopeLabel])).toEqual([
        ['any agent', { kind: 'global' }, null],
        ['smile agent', { kind: 'global' }, null],
      ])
      const elsewhere = { kind: 'device', deviceId: 'd9', clientId: 'c9', hostname: 'x' } as const
      await services.vault.setup({ protection: 'passphrase', passphrase: 'correct horse battery' })
      for (const use of [{ kind: 'quick' } as const, elsewhere]) {
        expect(services.vault.reveal('cr1', use).secret).toEqual({ kind: 'agent' })
      }
      // The schema holds scope and id together.
      expect(() =>
        services.store.db.exec("UPDATE credentials SET scope_kind = 'client' WHERE id = 'cr2'"),
      ).toThrow(/CHECK constraint failed/)
    } finally {
      services.dispose()
    }
  })
})
