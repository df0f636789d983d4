import { statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { SettingEntry } from '../../../../shared/contract/settings'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { createServices, type Services } from '../..'

const tempDir = useTempDirs()
const opened: Services[] = []
afterEach(() => {
  for (const services of opened.splice(0)) services.dispose()
})

const DAY = 24 * 60 * 60 * 1000
const session = { sessionId: 's', title: 'web-01', host: 'h', cols: 80, rows: 24 }

function services() {
  const time = { now: 1_700_000_000_000 }
  const built = createServices(testHostPorts(tempDir(), { clock: { now: () => time.now } }))
  opened.push(built)
  return { services: built, time }
}

describe('the recording settings, as the services apply them', () => {
  it('stop a recording at the size set', async () => {
    const { services: s } = services()
    s.settings.set({ key: 'recordings.maxMegabytes', value: 1 })
    const active = s.recordings.start({ ...session, recordInput: false })
    for (let i = 0; i < 40; i += 1) active.output('x'.repeat(64 * 1024))
    active.end()
    const { asciicast, recording } = await s.recordings.get(active.id)
    expect(recording.bytes).toBeLessThanOrEqual(1024 * 1024)
    expect(asciicast).toContain('recording stopped at 1 MB')
  })

  it('delete what a new retention setting no longer keeps, at once, and audit it', async () => {
    const { services: s, time } = services()
    const active = s.recordings.start({ ...session, recordInput: false })
    active.output('hello')
    active.end()
    await s.recordings.read(active.id, 0, 1024)
    const { file } = s.store.db.prepare('SELECT file FROM recordings').get() as { file: string }
    expect(statSync(file).size).toBeGreaterThan(0)

    time.now += 3 * DAY
    s.settings.set({ key: 'recordings.retentionDays', value: 5 })
    expect(s.recordings.list(10)).toHaveLength(1)
    s.settings.set({ key: 'recordings.retentionDays', value: 2 })
    expect(s.recordings.list(10)).toEqual([])
    expect(s.recordings.usage()).toEqual({ count: 0, bytes: 0 })
    expect(s.audit.list({ action: 'recordings.delete', limit: 10 })).toMatchObject([
      { actor: 'test-tech', subject: active.id },
    ])
  })

  it('default to 100 MB a recording and no retention, and refuse values outside their ranges', () => {
    const { services: s } = services()
    expect(s.settings.value('recordings.maxMegabytes')).toBe(100)
    expect(s.settings.value('recordings.retentionDays')).toBeNull()
    expect(s.settings.value('recordings.retentionGigabytes')).toBeNull()
    const valid = (key: string, value: unknown) => SettingEntry.safeParse({ key, value }).success
    expect(valid('recordings.maxMegabytes', 0)).toBe(false)
    expect(valid('recordings.maxMegabytes', 1.5)).toBe(false)
    expect(valid('recordings.maxMegabytes', null)).toBe(false)
    expect(valid('recordings.retentionDays', 0)).toBe(false)
    expect(valid('recordings.retentionDays', null)).toBe(true)
    expect(valid('recordings.retentionGigabytes', 0.05)).toBe(false)
    expect(valid('recordings.retentionGigabytes', 2.5)).toBe(true)
  })
})
