import { describe, expect, it } from 'vitest'
import {
  avCell,
  backupCell,
  countText,
  lastSeenCell,
  NONE,
  patchesCell,
  ramCell,
  rebootCell,
  warrantyCell,
} from './cell-format'

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0)
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('device table cells', () => {
  it('says when a device was last seen', () => {
    expect(lastSeenCell(null, NOW)).toEqual({ text: 'Never' })
    expect(lastSeenCell(NOW - 5 * 60_000, NOW).text).toBe('5 min ago')
    expect(lastSeenCell(NOW - 3 * DAY, NOW).text).toBe('3 days ago')
  })

  it('tones patches: none pending is good, some is a warning, unknown is plain', () => {
    expect(patchesCell(null)).toEqual({ text: NONE })
    expect(patchesCell(0)).toEqual({ text: 'Up to date', tone: 'ok' })
    expect(patchesCell(1234)).toEqual({ text: '1,234 pending', tone: 'warn' })
  })

  it('tones antivirus states', () => {
    expect(avCell('healthy').tone).toBe('ok')
    expect(avCell('outdated').tone).toBe('warn')
    expect(avCell('disabled').tone).toBe('bad')
    expect(avCell('missing')).toEqual({ text: 'Missing', tone: 'bad' })
    expect(avCell(null)).toEqual({ text: NONE })
  })

  it('calls a backup older than 48 hours failing, as the filter does', () => {
    expect(backupCell(NOW - 47 * HOUR, NOW).tone).toBe('ok')
    expect(backupCell(NOW - 49 * HOUR, NOW).tone).toBe('bad')
    expect(backupCell(null, NOW)).toEqual({ text: NONE })
  })

  it('warns of a warranty ending within 90 days and flags an ended one', () => {
    expect(warrantyCell(NOW + 30 * DAY, NOW).tone).toBe('warn')
    expect(warrantyCell(NOW + 200 * DAY, NOW).tone).toBe('ok')
    const ended = warrantyCell(NOW - DAY, NOW)
    expect(ended.tone).toBe('bad')
    expect(ended.text).toMatch(/^Ended /)
  })

  it('writes reboot, RAM and counts for people', () => {
    expect(rebootCell(true)).toEqual({ text: 'Required', tone: 'warn' })
    expect(rebootCell(false)).toEqual({ text: 'No' })
    expect(rebootCell(null)).toEqual({ text: NONE })
    expect(ramCell(16 * 1024 ** 3)).toEqual({ text: '16 GB' })
    expect(ramCell(null)).toEqual({ text: NONE })
    expect(countText(1, 'device', 'devices')).toBe('1 device')
    expect(countText(100_000, 'device', 'devices')).toBe('100,000 devices')
  })
})
