import { describe, expect, it } from 'vitest'
import { createServices } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { hostnamesFound, storeBefore } from '../../../testing/migration-store'
import { useTempDirs } from '../../../testing/temp-dir'
import { searchPrefixIndex } from './014-search-prefix-index'

const tempDir = useTempDirs()

describe('migration 14: prefix indexes in the word index', () => {
  it('rebuilds the word index with them, keeping every device findable', () => {
    const dir = tempDir()
    const before = storeBefore(dir, searchPrefixIndex)
    before.db.exec(`
      INSERT INTO clients (id, name, short_code, created_at, updated_at)
        VALUES ('c1', 'Smile Dental', 'SMILE', 1, 1);
      INSERT INTO devices (id, client_id, hostname, os_name, local_ips, local_ips_text,
          online_minutes, stale_minutes, created_at, updated_at)
        VALUES ('d1', 'c1', 'front-desk', 'Windows 11 Pro', '["10.0.0.7"]', '10.0.0.7',
          15, 1440, 1, 1),
               ('d2', 'c1', 'db-01', 'Ubuntu 22.04', '[]', '', 15, 1440, 1, 1);
    `)
    before.close()

    const services = createServices(testHostPorts(dir))
    try {
      const table = services.store.db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'device_search_words'")
        .pluck()
        .get() as string
      expect(table).toContain("prefix = '1 2 3'")
      const find = (query: string): string[] => hostnamesFound(services, query)
      expect(find('w')).toEqual(['front-desk'])
      expect(find('db')).toEqual(['db-01'])
      expect(find('ubu 22')).toEqual(['db-01'])
      expect(find('windows')).toEqual(['front-desk'])
      expect(find('dental')).toEqual(['db-01', 'front-desk'])
      expect(find('10.0.0')).toEqual(['front-desk'])
      // Writes after the rebuild reach the new index through the same triggers.
      services.inventory.createDevice({ clientId: 'c1', hostname: 'web-02', osName: 'Windows' })
      expect(find('win')).toEqual(['front-desk', 'web-02'])
    } finally {
      services.dispose()
    }
  })
})
