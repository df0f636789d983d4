import { describe, expect, it } from 'vitest'
import { createServices } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { hostnamesFound, storeBefore } from '../../../testing/migration-store'
import { useTempDirs } from '../../../testing/temp-dir'
import { searchMacsAndPublicIp } from './007-search-macs-public-ip'

const tempDir = useTempDirs()

describe('migration 7: MACs and public addresses in search', () => {
  it('re-indexes the devices a store already has', () => {
    const dir = tempDir()
    const before = storeBefore(dir, searchMacsAndPublicIp)
    before.db.exec(`
      INSERT INTO clients (id, name, short_code, created_at, updated_at)
        VALUES ('c1', 'Smile Dental', 'SMILE', 1, 1);
      INSERT INTO devices (id, client_id, hostname, local_ips, local_ips_text, public_ip, macs,
          macs_text, online_minutes, stale_minutes, created_at, updated_at)
        VALUES ('d1', 'c1', 'front-desk', '["10.0.0.7"]', '10.0.0.7', '203.0.113.45',
          '["00:1a:2b:3c:4d:5e"]', '00:1a:2b:3c:4d:5e', 15, 1440, 1, 1);
    `)
    before.close()

    const services = createServices(testHostPorts(dir))
    try {
      const find = (query: string): string[] => hostnamesFound(services, query)
      expect(find('00:1A:2B:3C:4D:5E')).toEqual(['front-desk'])
      expect(find('3c:4d:5e')).toEqual(['front-desk'])
      expect(find('113.45')).toEqual(['front-desk'])
      // What was found before still is: words, local addresses, the client.
      expect(find('front')).toEqual(['front-desk'])
      expect(find('10.0.0')).toEqual(['front-desk'])
      expect(find('dental')).toEqual(['front-desk'])
    } finally {
      services.dispose()
    }
  })
})
