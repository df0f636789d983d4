import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../../testing/temp-dir'
import { Store } from '../../store/store'
import { RecordingStore } from './recording-store'

const tempDir = useTempDirs()
const stores: Store[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

function open() {
  const dir = tempDir()
  const store = new Store({ file: join(dir, 'db') })
  stores.push(store)
  let now = 1_700_000_000_000
  const clock = { now: () => (now += 5) }
  return new RecordingStore(store, join(dir, 'recordings'), clock)
}

const options = {
  sessionId: 'session-1',
  title: 'web-01',
  host: 'ops@web-01:22',
  cols: 80,
  rows: 24,
  recordInput: false,
}

describe('RecordingStore', () => {
  it('writes every event of a busy session, in order, by the time it is read back', async () => {
    const recordings = open()
    const active = recordings.start(options)
    const chunks = Array.from(
      { length: 2000 },
      (_, i) => `${String(i).padStart(5, '0')} ${'x'.repeat(90)}\r\n`,
    )
    for (const chunk of chunks) active.output(chunk)
    active.resize(100, 30)
    active.end()
    const { asciicast, recording } = await recordings.get(active.id)
    const [header, ...events] = asciicast
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: 'web-01' })
    expect(events).toHaveLength(2001)
    expect(events.slice(0, -1).map((e) => (e as [number, string, string])[2])).toEqual(chunks)
    expect(events.at(-1)).toEqual([expect.any(Number), 'r', '100x30'])
    expect(recording.bytes).toBe(Buffer.byteLength(asciicast))
    expect(recording.endedAt).not.toBeNull()
  })

  it('records input only when asked to', async () => {
    const recordings = open()
    const quiet = recordings.start(options)
    quiet.input('secret')
    quiet.end()
    const loud = recordings.start({ ...options, recordInput: true })
    loud.input('ls\r')
    loud.end()
    expect((await recordings.get(quiet.id)).asciicast).not.toContain('secret')
    expect((await recordings.get(loud.id)).asciicast).toContain('"i","ls\\r"')
  })
})
