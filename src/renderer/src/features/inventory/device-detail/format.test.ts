import { describe, expect, it } from 'vitest'
import {
  collectedHostnameNote,
  formatBytes,
  formatRelative,
  formatUptime,
  osLine,
  usedPercent,
} from './format'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const now = 1_700_000_000_000

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [16 * 1024 ** 3, '16 GB'],
    [931.5 * 1024 ** 3, '932 GB'],
    [2 * 1024 ** 4, '2 TB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

describe('formatRelative', () => {
  it.each([
    [now - 10_000, 'just now'],
    [now - 5 * MINUTE, '5 min ago'],
    [now - 3 * 60 * MINUTE, '3 h ago'],
    [now - DAY, '1 day ago'],
    [now - 12 * DAY, '12 days ago'],
    [now + 40 * DAY, 'in 40 days'],
    [now - 730 * DAY, '2 years ago'],
  ])('%d → %s', (at, text) => {
    expect(formatRelative(at, now)).toBe(text)
  })
})

describe('formatUptime', () => {
  it('reads minutes, hours and days', () => {
    expect(formatUptime(now - 52 * MINUTE, now)).toBe('52 min')
    expect(formatUptime(now - 125 * MINUTE, now)).toBe('2 h 5 min')
    expect(formatUptime(now - 3 * DAY - 4 * 60 * MINUTE, now)).toBe('3 days 4 h')
  })
})

describe('usedPercent', () => {
  it('is the used share, 0 for an unknown size', () => {
    expect(usedPercent({ sizeBytes: 200, freeBytes: 50 })).toBe(75)
    expect(usedPercent({ sizeBytes: 0, freeBytes: 0 })).toBe(0)
    expect(usedPercent({ sizeBytes: 100, freeBytes: 120 })).toBe(0)
  })
})

describe('osLine', () => {
  it('does not repeat a version the name already carries', () => {
    expect(osLine({ osFamily: 'linux', osName: 'Ubuntu 22.04 LTS', osVersion: '22.04' })).toBe(
      'Ubuntu 22.04 LTS',
    )
    expect(osLine({ osFamily: 'windows', osName: 'Windows 11 Pro', osVersion: '23H2' })).toBe(
      'Windows 11 Pro 23H2',
    )
    expect(osLine({ osFamily: 'macos', osName: null, osVersion: null })).toBe('macOS')
  })
})

describe('collectedHostnameNote', () => {
  it('shows what the device calls itself only when it differs from its name', () => {
    expect(collectedHostnameNote({ hostname: 'this-machine', collectedHostname: 'vm' })).toBe(
      'collected hostname: vm',
    )
    expect(collectedHostnameNote({ hostname: 'FS01', collectedHostname: 'fs01' })).toBeNull()
    expect(collectedHostnameNote({ hostname: 'fs01', collectedHostname: null })).toBeNull()
  })
})
