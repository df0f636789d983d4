import { describe, expect, it } from 'vitest'
import type { DeviceSearchRow } from '@shared/contract'
import { matchHint } from './match-hint'

const row = (patch: Partial<DeviceSearchRow>): DeviceSearchRow => ({
  id: 'd1',
  clientId: 'c1',
  clientName: 'Acme',
  siteId: null,
  siteName: null,
  hostname: 'ws-01',
  collectedHostname: null,
  fqdn: null,
  role: 'workstation',
  osFamily: 'windows',
  osName: 'Windows 11 Pro',
  osVersion: null,
  manufacturer: null,
  model: null,
  serial: null,
  ip: '10.0.0.5',
  publicIp: '192.0.2.2',
  loggedInUser: null,
  cpuCores: null,
  ramBytes: null,
  lastSeenAt: null,
  status: 'online',
  rebootRequired: null,
  patchesPending: null,
  avStatus: null,
  backupLastSuccessAt: null,
  warrantyEndAt: null,
  tags: [],
  ...patch,
})

describe('match hint', () => {
  const columns = ['hostname', 'status', 'client', 'os', 'ip', 'lastSeen']

  it('names a match in a hidden column', () => {
    const matched = { field: 'publicIp', value: '192.0.2.2', how: 'exact' } as const
    expect(matchHint(row({ matched }), columns)).toBe('matched: public IP 192.0.2.2')
    expect(matchHint(row({ matched }), [...columns, 'publicIp'])).toBeNull()
  })

  it('names an address the IP column does not show (it shows the first)', () => {
    const matched = { field: 'ip', value: '192.0.2.9', how: 'exact' } as const
    expect(matchHint(row({ matched }), columns)).toBe('matched: IP 192.0.2.9')
    expect(matchHint(row({ matched: { ...matched, value: '10.0.0.5' } }), columns)).toBeNull()
  })

  it('says nothing when the match is in plain sight or there was no text', () => {
    const host = { field: 'hostname', value: 'ws-01', how: 'exact' } as const
    expect(matchHint(row({ matched: host }), columns)).toBeNull()
    const os = { field: 'os', value: 'Windows 11 Pro', how: 'word' } as const
    expect(matchHint(row({ matched: os }), columns)).toBeNull()
    expect(matchHint(row({}), columns)).toBeNull()
    const mac = { field: 'mac', value: '00:1a:2b:3c:4d:5e', how: 'contains' } as const
    expect(matchHint(row({ matched: mac }), columns)).toBe('matched: MAC 00:1a:2b:3c:4d:5e')
  })
})
