import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffFacts, formatBytes, formatTime } from './diff'
import { parseLinuxProbe } from './linux'
import type {
  AntivirusFacts,
  CpuFacts,
  DiskFacts,
  HardwareFacts,
  InterfaceFacts,
  InventoryFacts,
  OsFacts,
  PatchFacts,
} from './types'

const GB = 1024 ** 3

const os: OsFacts = {
  family: 'linux',
  name: 'Debian GNU/Linux 12 (bookworm)',
  version: '12.5',
  kernel: '6.1.0-18-amd64',
  architecture: 'x86_64',
}
const hardware: HardwareFacts = {
  manufacturer: 'Dell Inc.',
  model: 'PowerEdge R650',
  serial: 'ABC1234',
  biosVersion: '1.10.2',
}
const cpu: CpuFacts = { model: 'Intel Xeon Silver 4314', cores: 16, threads: 32 }
const root: DiskFacts = {
  mount: '/',
  fsType: 'ext4',
  sizeBytes: 100 * GB,
  freeBytes: 60 * GB,
  device: '/dev/sda1',
}
const varDisk: DiskFacts = {
  mount: '/var',
  fsType: 'xfs',
  sizeBytes: 200 * GB,
  freeBytes: 150 * GB,
  device: '/dev/sdb1',
}
const eth0: InterfaceFacts = {
  name: 'eth0',
  macs: ['52:54:00:00:00:01'],
  ipv4: ['10.0.0.5'],
  ipv6: ['2001:db8::5'],
}
const patches: PatchFacts = {
  manager: 'apt',
  pending: 12,
  security: 3,
  lastPatchedAt: Date.UTC(2024, 2, 1),
}
const antivirus: AntivirusFacts = {
  product: 'Microsoft Defender Antivirus',
  enabled: true,
  upToDate: true,
  signatureAgeDays: 0,
}
const bootedAt = Date.UTC(2024, 3, 1, 6, 0)

const base: InventoryFacts = {
  hostname: 'web01',
  fqdn: 'web01.example.com',
  os,
  hardware,
  cpu,
  memoryBytes: 8 * GB,
  disks: [root, varDisk],
  interfaces: [eth0],
  lastBootAt: bootedAt,
  uptimeSeconds: 3600,
  loggedInUsers: ['alice'],
  patches,
  antivirus,
  rebootRequired: false,
}

const summaries = (next: InventoryFacts, previous: InventoryFacts = base): string[] =>
  diffFacts(previous, next).map((change) => change.summary)

describe('diffFacts', () => {
  it('finds nothing between identical facts', () => {
    expect(diffFacts(base, structuredClone(base))).toEqual([])
  })

  it('words the common changes for a technician', () => {
    const srv: DiskFacts = {
      mount: '/srv',
      fsType: 'ext4',
      sizeBytes: 500 * GB,
      freeBytes: 500 * GB,
    }
    const next: InventoryFacts = {
      ...base,
      os: { ...os, kernel: '6.1.0-21-amd64' },
      memoryBytes: 16 * GB,
      disks: [root, varDisk, srv],
      interfaces: [{ ...eth0, ipv4: ['10.0.0.7'] }],
      patches: { ...patches, pending: 0, security: 0 },
    }
    expect(diffFacts(base, next)).toEqual([
      {
        field: 'os.kernel',
        before: '6.1.0-18-amd64',
        after: '6.1.0-21-amd64',
        summary: 'Kernel updated: 6.1.0-18-amd64 → 6.1.0-21-amd64',
      },
      { field: 'memoryBytes', before: 8 * GB, after: 16 * GB, summary: 'RAM 8 GB → 16 GB' },
      {
        field: 'disks./srv',
        before: undefined,
        after: srv,
        summary: 'Disk /srv added (500 GB ext4)',
      },
      {
        field: 'interfaces.eth0.ipv4',
        before: ['10.0.0.5'],
        after: ['10.0.0.7'],
        summary: 'IP 10.0.0.5 → 10.0.0.7 on eth0',
      },
      { field: 'patches.pending', before: 12, after: 0, summary: 'Pending patches 12 → 0' },
      { field: 'patches.security', before: 3, after: 0, summary: 'Pending security patches 3 → 0' },
    ])
  })

  it('ignores what changes on every run: uptime, users, signature age, device names', () => {
    const next: InventoryFacts = {
      ...base,
      uptimeSeconds: 999999,
      loggedInUsers: ['bob', 'carol'],
      antivirus: { ...antivirus, signatureAgeDays: 2 },
      disks: [root, varDisk].map((disk) => ({ ...disk, device: disk.device?.replace('sd', 'vd') })),
      lastBootAt: bootedAt + 1000,
    }
    expect(diffFacts(base, next)).toEqual([])
  })

  it('treats an unknown fact on either side as no change', () => {
    const partial: InventoryFacts = { hostname: 'web01' }
    expect(diffFacts(base, partial)).toEqual([])
    expect(diffFacts(partial, base)).toEqual([])
    expect(diffFacts({ ...base, os: { family: 'linux' } }, base)).toEqual([])
  })

  it('reports free space only for big moves or crossing 90% used', () => {
    const withRoot = (freeBytes: number): InventoryFacts => ({
      ...base,
      disks: [{ ...root, freeBytes }, varDisk],
    })
    expect(summaries(withRoot(55 * GB))).toEqual([])
    expect(summaries(withRoot(40 * GB))).toEqual(['Disk / free space 60 GB → 40 GB (60% used)'])
    expect(summaries(withRoot(9 * GB), withRoot(12 * GB))).toEqual(['Disk / is 91% full (was 88%)'])
    expect(summaries(withRoot(12 * GB), withRoot(9 * GB))).toEqual([
      'Disk / back under 90% full (88%, was 91%)',
    ])
  })

  it('reports removed disks, resizes over 1% and filesystem changes', () => {
    const next: InventoryFacts = {
      ...base,
      disks: [{ ...root, sizeBytes: 200 * GB, freeBytes: 160 * GB, fsType: 'btrfs' }],
    }
    expect(summaries(next)).toEqual([
      'Disk / filesystem ext4 → btrfs',
      'Disk / resized 100 GB → 200 GB',
      'Disk / free space 60 GB → 160 GB (20% used)',
      'Disk /var removed',
    ])
    const tiny = {
      ...base,
      disks: [{ ...root, sizeBytes: 100.5 * GB }, varDisk],
    }
    expect(summaries(tiny)).toEqual([])
  })

  it('ignores RAM wobble under 1% (kernel reservations move between boots)', () => {
    expect(summaries({ ...base, memoryBytes: 8 * GB - 50 * 1024 ** 2 })).toEqual([])
    expect(summaries({ ...base, memoryBytes: 4 * GB })).toEqual(['RAM 8 GB → 4 GB'])
  })

  it('compares addresses as sets and reports interface churn and NIC swaps', () => {
    const reordered = {
      ...base,
      interfaces: [{ ...eth0, ipv4: ['10.0.0.9', '10.0.0.5'], ipv6: ['2001:db8::5'] }],
    }
    expect(summaries(reordered)).toEqual(['IP 10.0.0.5 → 10.0.0.5, 10.0.0.9 on eth0'])
    const swapped: InventoryFacts = {
      ...base,
      interfaces: [
        { name: 'eth0', macs: ['52:54:00:00:00:99'], ipv4: ['10.0.0.5'], ipv6: [] },
        { name: 'wg0', ipv4: ['10.8.0.2'], ipv6: [] },
      ],
    }
    expect(summaries(swapped)).toEqual([
      'MAC on eth0 52:54:00:00:00:01 → 52:54:00:00:00:99',
      'IPv6 2001:db8::5 → none on eth0',
      'Interface wg0 added (10.8.0.2)',
    ])
    expect(summaries({ ...base, interfaces: [] })).toEqual(['Interface eth0 removed'])
  })

  it('reports reboots, patching, antivirus and reboot flags', () => {
    const booted = Date.UTC(2024, 3, 3, 22, 15)
    const next: InventoryFacts = {
      ...base,
      lastBootAt: booted,
      patches: { ...patches, lastPatchedAt: Date.UTC(2024, 3, 3, 22, 0) },
      antivirus: { ...antivirus, enabled: false, upToDate: false, signatureAgeDays: 9 },
      rebootRequired: true,
    }
    expect(summaries(next)).toEqual([
      'Rebooted (booted 2024-04-03 22:15 UTC)',
      'Patches installed (2024-04-03 22:00 UTC)',
      'Antivirus turned off (Microsoft Defender Antivirus)',
      'Antivirus signatures out of date (9 days old)',
      'Reboot required',
    ])
    expect(summaries(base, next)).toContain('Reboot no longer required')
    expect(summaries(base, next)).toContain('Antivirus signatures up to date again')
  })

  it('reports identity changes, ignoring host name case', () => {
    expect(summaries({ ...base, hostname: 'WEB01', fqdn: 'WEB01.Example.com' })).toEqual([])
    const next: InventoryFacts = {
      ...base,
      hostname: 'web02',
      os: { ...os, version: '12.6', name: 'Debian GNU/Linux 12 (bookworm)' },
      hardware: { ...hardware, serial: 'XYZ9876', biosVersion: '1.12.0' },
      cpu: { ...cpu, cores: 32, threads: 64 },
    }
    expect(summaries(next)).toEqual([
      'Hostname web01 → web02',
      'OS version 12.5 → 12.6',
      'Serial number ABC1234 → XYZ9876 (board replaced, or another machine at this address)',
      'BIOS updated: 1.10.2 → 1.12.0',
      'CPU cores 16 → 32',
      'CPU threads 32 → 64',
    ])
  })

  it('orders changes the same way whatever order lists arrive in', () => {
    const disks = [
      { mount: '/b', fsType: 'xfs', sizeBytes: GB, freeBytes: GB },
      { mount: '/a', fsType: 'xfs', sizeBytes: GB, freeBytes: GB },
    ]
    const forward = diffFacts({ disks: [] }, { disks })
    const backward = diffFacts({ disks: [] }, { disks: [...disks].reverse() })
    expect(forward.map((c) => c.field)).toEqual(['disks./a', 'disks./b'])
    expect(backward).toEqual(forward)
  })

  it('finds no change between the real capture and itself re-parsed from CRLF', () => {
    const real = readFileSync(
      new URL('./fixtures/linux-debian12/probe-output.txt', import.meta.url),
      'utf8',
    )
    const first = parseLinuxProbe(real).facts
    const second = parseLinuxProbe(real.replace(/\n/g, '\r\n')).facts
    expect(diffFacts(first, second)).toEqual([])
  })
})

describe('formatBytes and formatTime', () => {
  it('prints sizes the way technicians read them', () => {
    expect(formatBytes(8 * GB)).toBe('8 GB')
    expect(formatBytes(24684084 * 1024)).toBe('23.5 GB')
    expect(formatBytes(270553174016)).toBe('252 GB')
    expect(formatBytes(1.5 * 1024 ** 4)).toBe('1.5 TB')
    expect(formatBytes(512)).toBe('512 B')
  })

  it('prints times in UTC without the host locale', () => {
    expect(formatTime(Date.UTC(2024, 3, 3, 9, 5))).toBe('2024-04-03 09:05 UTC')
  })
})
