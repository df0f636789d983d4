import { describe, expect, it } from 'vitest'
import { diskTone, healthItems, worstTone, type HealthFields } from './health'

const DAY = 24 * 60 * 60_000
const now = 1_700_000_000_000

const fields = (patch: Partial<HealthFields> = {}): HealthFields => ({
  patchesPending: 0,
  patchesFailed: 0,
  patchesInstalled: 120,
  lastPatchedAt: now - 3 * DAY,
  rebootRequired: false,
  avProduct: 'Defender',
  avStatus: 'healthy',
  backupProduct: 'Veeam',
  backupLastSuccessAt: now - DAY,
  warrantyEndAt: now + 400 * DAY,
  ...patch,
})

const toneOf = (patch: Partial<HealthFields>, id: string) =>
  healthItems(fields(patch), now).find((item) => item.id === id)?.tone

describe('healthItems', () => {
  it('is all ok for a healthy device', () => {
    expect(healthItems(fields(), now).map((i) => i.tone)).toEqual(Array(8).fill('ok'))
  })

  it('says unknown, not ok, when nothing was reported', () => {
    const items = healthItems(
      fields({
        patchesPending: null,
        patchesFailed: null,
        patchesInstalled: null,
        lastPatchedAt: null,
        rebootRequired: null,
        avProduct: null,
        avStatus: null,
        backupProduct: null,
        backupLastSuccessAt: null,
        warrantyEndAt: null,
      }),
      now,
    )
    expect(items.map((i) => i.tone)).toEqual(Array(8).fill('idle'))
  })

  it('warns on pending patches and a reboot, alarms on failed ones', () => {
    expect(toneOf({ patchesPending: 3 }, 'patchesPending')).toBe('warn')
    expect(toneOf({ patchesFailed: 1 }, 'patchesFailed')).toBe('bad')
    expect(toneOf({ rebootRequired: true }, 'reboot')).toBe('warn')
  })

  it('judges the last patch by its age', () => {
    expect(toneOf({ lastPatchedAt: now - 30 * DAY }, 'lastPatched')).toBe('ok')
    expect(toneOf({ lastPatchedAt: now - 60 * DAY }, 'lastPatched')).toBe('warn')
    expect(toneOf({ lastPatchedAt: now - 120 * DAY }, 'lastPatched')).toBe('bad')
  })

  it('reads the antivirus status', () => {
    expect(toneOf({ avStatus: 'outdated' }, 'antivirus')).toBe('warn')
    expect(toneOf({ avStatus: 'disabled' }, 'antivirus')).toBe('bad')
    expect(toneOf({ avStatus: 'missing', avProduct: null }, 'antivirus')).toBe('bad')
  })

  it('fails a backup after 48 hours, as the device filter does', () => {
    expect(toneOf({ backupLastSuccessAt: now - 47 * 3_600_000 }, 'backup')).toBe('ok')
    expect(toneOf({ backupLastSuccessAt: now - 49 * 3_600_000 }, 'backup')).toBe('bad')
    expect(toneOf({ backupLastSuccessAt: null }, 'backup')).toBe('bad')
    expect(toneOf({ backupProduct: null, backupLastSuccessAt: null }, 'backup')).toBe('idle')
  })

  it('warns within 90 days of the warranty end and alarms after it', () => {
    expect(toneOf({ warrantyEndAt: now + 100 * DAY }, 'warranty')).toBe('ok')
    expect(toneOf({ warrantyEndAt: now + 80 * DAY }, 'warranty')).toBe('warn')
    expect(toneOf({ warrantyEndAt: now - DAY }, 'warranty')).toBe('bad')
  })
})

describe('diskTone and worstTone', () => {
  it('grades fill levels', () => {
    expect([50, 75, 89, 90].map(diskTone)).toEqual(['ok', 'warn', 'warn', 'bad'])
  })
  it('takes the worst known tone', () => {
    expect(worstTone([{ tone: 'ok' }, { tone: 'warn' }, { tone: 'idle' }])).toBe('warn')
    expect(worstTone([{ tone: 'idle' }])).toBe('idle')
    expect(worstTone([])).toBe('idle')
  })
})
