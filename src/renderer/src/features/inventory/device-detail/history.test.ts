import { describe, expect, it } from 'vitest'
import type { DeviceChange, SnapshotSummary } from '@shared/contract'
import { changeKind, changeText, historyEntries } from './history'

const change = (
  id: number,
  snapshotId: number | null,
  at: number,
  field: string,
  summary: string,
): DeviceChange => ({
  id,
  deviceId: 'dev-1',
  snapshotId,
  at,
  field,
  summary,
  before: null,
  after: null,
})

const snapshot = (
  id: number,
  collectedAt: number,
  changes: number,
  problems: string[] = [],
): SnapshotSummary => ({
  id,
  deviceId: 'dev-1',
  collectedAt,
  source: 'ssh',
  problems,
  changes,
})

describe('changeText', () => {
  it('writes a size unit once when both sides share it', () => {
    expect(changeText({ field: 'memoryBytes', summary: 'RAM 8 GB → 16 GB' })).toBe('RAM 8 → 16 GB')
    expect(changeText({ field: 'disks./', summary: 'Disk / resized 512 GB → 1 TB' })).toBe(
      'Disk / resized 512 GB → 1 TB',
    )
  })
  it('keeps main’s words otherwise, and names the field when there are none', () => {
    expect(changeText({ field: 'os.kernel', summary: 'Kernel updated: 5.15.0-1 → 5.15.0-2' })).toBe(
      'Kernel updated: 5.15.0-1 → 5.15.0-2',
    )
    expect(changeText({ field: 'cpu.cores', summary: ' ' })).toBe('cpu.cores changed')
  })
})

describe('changeKind', () => {
  it.each([
    ['os.kernel', 'os'],
    ['memoryBytes', 'memory'],
    ['disks./var', 'disk'],
    ['interfaces.eth0.ipv4', 'network'],
    ['rebootRequired', 'patches'],
    ['antivirus.enabled', 'security'],
    ['something.new', 'other'],
  ])('%s is %s', (field, kind) => {
    expect(changeKind(field)).toBe(kind)
  })
})

describe('historyEntries', () => {
  it('groups changes by collection, newest first, in the order main found them', () => {
    const entries = historyEntries(
      [
        change(5, 3, 3000, 'os.kernel', 'Kernel updated: a → b'),
        change(4, 3, 3000, 'memoryBytes', 'RAM 8 GB → 16 GB'),
        change(2, 2, 2000, 'patches.pending', 'Pending patches 4 → 0'),
      ],
      [
        snapshot(3, 3000, 2),
        snapshot(2, 2000, 1),
        snapshot(1, 1000, 0, ['dmidecode not permitted']),
      ],
    )
    expect(entries.map((e) => [e.at, e.changes.map((c) => c.text), e.baseline])).toEqual([
      [3000, ['RAM 8 → 16 GB', 'Kernel updated: a → b'], false],
      [2000, ['Pending patches 4 → 0'], false],
      [1000, [], true],
    ])
    expect(entries[2]?.problems).toEqual(['dmidecode not permitted'])
  })

  it('keeps a collection that changed nothing, and changes whose snapshot is gone', () => {
    const entries = historyEntries(
      [change(9, null, 500, 'fqdn', 'FQDN a → b')],
      [snapshot(7, 4000, 0), snapshot(6, 3000, 0)],
    )
    expect(entries.map((e) => [e.key, e.changes.length, e.baseline])).toEqual([
      ['snapshot-7', 0, false],
      ['snapshot-6', 0, false],
      ['at-500', 1, false],
    ])
  })

  it('orders collections of the same millisecond by snapshot', () => {
    const entries = historyEntries([], [snapshot(9, 1000, 0), snapshot(10, 1000, 0)])
    expect(entries.map((e) => e.key)).toEqual(['snapshot-10', 'snapshot-9'])
  })
})
