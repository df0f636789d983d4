import { describe, expect, it } from 'vitest'
import { createServices } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { hostnamesFound, storeBefore } from '../../../testing/migration-store'
import { useTempDirs } from '../../../testing/temp-dir'
import { publicIpRank } from './016-public-ip-rank'

const tempDir = useTempDirs()

describe('migration 16: public addresses ranked through an index', () => {
  it('indexes public addresses and keeps local ones alone in the substring address column', () => {
    const dir = tempDir()
    const before = storeBefore(dir, publicIpRank)
    before.db.exec(`
      INSERT INTO clients (id, name, short_code, created_at, updated_at)
        VALUES ('c1', 'Smile Dental', 'SMILE', 1, 1);
      INSERT INTO devices (id, client_id, hostname, local_ips, local_ips_text, public_ip, macs,
          macs_text, serial, online_minutes, stale_minutes, created_at, updated_at)
        VALUES ('d1', 'c1', 'nat-1', '["10.0.0.7"]', '10.0.0.7', '192.0.2.2',
          '["00:1a:2b:3c:4d:5e"]', '00:1a:2b:3c:4d:5e', 'SN-1', 15, 1440, 1, 1),
               ('d2', 'c1', 'second-nic', '["10.0.0.5", "192.0.2.2"]', '10.0.0.5 192.0.2.2',
          NULL, '[]', '', 'SN-2', 15, 1440, 1, 1),
               ('d3', 'c1', 'nat-2', '[]', '', '192.0.2.20', '[]', '', NULL, 15, 1440, 1, 1);
    `)
    before.close()

    const services = createServices(testHostPorts(dir))
    try {
      const db = services.store.db
      const address = (text: string): number[] =>
        db
          .prepare(
            'SELECT rowid FROM device_search_trigram WHERE device_search_trigram MATCH ? ORDER BY rowid',
          )
          .pluck()
          .all(`addresses : "${text}"`) as number[]
      const seqOf = (id: string): number =>
        db.prepare('SELECT seq FROM devices WHERE id = ?').pluck().get(id) as number
      // The ranking's local-address lookup no longer finds devices by their public address.
      expect(address('192.0.2.2')).toEqual([seqOf('d2')])
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT seq FROM devices d
           WHERE d.public_ip COLLATE NOCASE = '192.0.2.2'`,
        )
        .all() as Array<{ detail: string }>
      expect(plan.map((row) => row.detail).join('\n')).toContain('devices_by_public_ip')

      const ranked = (query: string) =>
        services.inventory
          .searchDevices({
            query,
            sort: { column: 'hostname', direction: 'asc' },
            limit: 10,
            offset: 0,
          })
          .rows.map((row) => [row.hostname, row.matched?.field, row.matched?.how])
      // The local address first, then the public one, then the public prefix.
      expect(ranked('192.0.2.2')).toEqual([
        ['second-nic', 'ip', 'exact'],
        ['nat-1', 'publicIp', 'exact'],
        ['nat-2', 'publicIp', 'prefix'],
      ])
      // Every fragment found before still is: public address, MAC, local address, serial.
      expect(hostnamesFound(services, '2.20')).toEqual(['nat-2'])
      expect(hostnamesFound(services, '3c:4d:5e')).toEqual(['nat-1'])
      expect(hostnamesFound(services, '0.0.5')).toEqual(['second-nic'])
      expect(hostnamesFound(services, 'sn-2')).toEqual(['second-nic'])
      // Writes after the rebuild reach the index through the same triggers and view.
      services.inventory.createDevice({ clientId: 'c1', hostname: 'nat-3', publicIp: '192.0.2.2' })
      expect(hostnamesFound(services, '192.0.2.2')).toEqual([
        'second-nic',
        'nat-1',
        'nat-3',
        'nat-2',
      ])
    } finally {
      services.dispose()
    }
  })
})
