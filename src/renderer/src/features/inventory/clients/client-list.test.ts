import { describe, expect, it } from 'vitest'
import type { ClientSummary } from '@shared/contract'
import { DeviceFilter } from '@shared/contract'
import {
  filterClients,
  formatMinutes,
  nextClientSort,
  rollupColumns,
  rollupFilter,
  rollupHealthFilter,
  rollupTone,
  rollupTotals,
  sortClients,
} from './client-list'

const client = (name: string, code: string, tier: string, devices: number, offline: number) =>
  ({
    id: code.toLowerCase(),
    name,
    shortCode: code,
    contractTier: tier,
    notes: '',
    onlineMinutes: 15,
    staleMinutes: 1440,
    createdAt: 0,
    updatedAt: 0,
    rollup: {
      devices,
      offline,
      patchesPending: 0,
      backupsFailing: 0,
      warrantiesExpiring: 0,
      sites: 1,
    },
  }) satisfies ClientSummary

const clients = [
  client('Berlin Dental Group', 'BDG', 'Standard', 46, 6),
  client('acme Corp', 'ACME', 'Premium', 10, 10),
  client('Zeta Legal', 'ZL', 'Essentials', 46, 1),
]

describe('client list', () => {
  it('filters on every word, in name, code or tier, any case', () => {
    expect(filterClients(clients, 'berlin dental').map((c) => c.shortCode)).toEqual(['BDG'])
    expect(filterClients(clients, 'PREM').map((c) => c.shortCode)).toEqual(['ACME'])
    expect(filterClients(clients, 'zl')).toHaveLength(1)
    expect(filterClients(clients, '  ')).toBe(clients)
    expect(filterClients(clients, 'berlin premium')).toEqual([])
  })

  it('sorts by name without case, by counts with names breaking ties', () => {
    expect(sortClients(clients, { key: 'name', direction: 'asc' }).map((c) => c.shortCode)).toEqual(
      ['ACME', 'BDG', 'ZL'],
    )
    expect(
      sortClients(clients, { key: 'devices', direction: 'desc' }).map((c) => c.shortCode),
    ).toEqual(['BDG', 'ZL', 'ACME'])
    expect(
      sortClients(clients, { key: 'offline', direction: 'asc' }).map((c) => c.shortCode),
    ).toEqual(['ZL', 'BDG', 'ACME'])
  })

  it('starts counts at most-first and flips on a second click', () => {
    const byOffline = nextClientSort({ key: 'name', direction: 'asc' }, 'offline')
    expect(byOffline).toEqual({ key: 'offline', direction: 'desc' })
    expect(nextClientSort(byOffline, 'offline')).toEqual({ key: 'offline', direction: 'asc' })
    expect(nextClientSort(byOffline, 'contractTier')).toEqual({
      key: 'contractTier',
      direction: 'asc',
    })
  })

  it('opens each rollup as the device filter with the same definition', () => {
    expect(rollupFilter('c1', 'devices')).toEqual({ clientId: 'c1' })
    expect(rollupFilter('c1', 'offline')).toEqual({ clientId: 'c1', status: 'offline' })
    expect(rollupFilter('c1', 'patchesPending')).toEqual({ clientId: 'c1', patchesPending: true })
    expect(rollupFilter('c1', 'backupsFailing')).toEqual({ clientId: 'c1', backupFailing: true })
    expect(rollupFilter('c1', 'warrantiesExpiring')).toEqual({
      clientId: 'c1',
      warrantyExpiringWithinDays: 90,
    })
    for (const { key } of rollupColumns) {
      expect(DeviceFilter.safeParse(rollupFilter('c1', key)).success).toBe(true)
      expect(rollupHealthFilter(key)).not.toHaveProperty('clientId')
    }
  })

  it('colours only bad news', () => {
    expect(rollupTone('devices', 40)).toBeNull()
    expect(rollupTone('offline', 0)).toBeNull()
    expect(rollupTone('offline', 2)).toBe('bad')
    expect(rollupTone('patchesPending', 2)).toBe('warn')
  })

  it('adds rollups up across clients', () => {
    expect(rollupTotals(clients)).toMatchObject({ devices: 102, offline: 17, sites: 3 })
  })

  it('writes thresholds as people say them', () => {
    expect(formatMinutes(15)).toBe('15 min')
    expect(formatMinutes(720)).toBe('12 h')
    expect(formatMinutes(1440)).toBe('24 h')
    expect(formatMinutes(10080)).toBe('7 days')
    expect(formatMinutes(90)).toBe('90 min')
  })
})
