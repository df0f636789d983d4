import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../../testing/temp-dir'
import { AuditLog } from '../../audit/audit-log'
import { Store } from '../../store/store'
import { DEFAULT_RECORDING_LIMITS, RecordingStore, type RecordingLimits } from './recording-store'

const tempDir = useTempDirs()
const stores: Store[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

const DAY = 24 * 60 * 60 * 1000

function open(limits: Partial<RecordingLimits> = {}) {
  const dir = tempDir()
  const store = new Store({ file: join(dir, 'db') })
  stores.push(store)
  const time = { now: 1_700_000_000_000, step: 5 }
  const clock = { now: () => (time.now += time.step) }
  const audit = new AuditLog(store)
  const current = { ...DEFAULT_RECORDING_LIMITS, ...limits }
  const recordings = new RecordingStore({
    store,
    dir: join(dir, 'recordings'),
    clock,
    limits: () => current,
    audit,
    technician: 'test-tech',
  })
  return { recordings, store, time, audit, limits: current, dir }
}

const options = {
  sessionId: 'session-1',
  title: 'web-01',
  host: 'ops@web-01:22',
  cols: 80,
  rows: 24,
  recordInput: false,
}

/** Every chunk from the start, as the player and the export read them. */
async function readAll(recordings: RecordingStore, id: string, maxBytes: number) {
  const chunks: string[] = []
  let offset = 0
  for (;;) {
    const chunk = await recordings.read(id, offset, maxBytes)
    chunks.push(chunk.text)
    expect(chunk.nextOffset).toBeGreaterThanOrEqual(offset)
    offset = chunk.nextOffset
    if (chunk.eof) return chunks
    expect(chunk.text.length).toBeGreaterThan(0)
  }
}

function events(text: string): [number, string, string][] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as [number, string, string])
}

describe('RecordingStore', () => {
  it('writes every event of a busy session, in order, by the time it is read back', async () => {
    const { recordings } = open()
    const active = recordings.start(options)
    const chunks = Array.from(
      { length: 2000 },
      (_, i) => `${String(i).padStart(5, '0')} ${'x'.repeat(90)}\r\n`,
    )
    for (const chunk of chunks) active.output(chunk)
    active.resize(100, 30)
    active.end()
    const { asciicast, recording } = await recordings.get(active.id)
    const [header, ...rest] = asciicast
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)
    expect(header).toMatchObject({ version: 2, width: 80, height: 24, title: 'web-01' })
    expect(rest).toHaveLength(2001)
    expect(rest.slice(0, -1).map((e) => (e as [number, string, string])[2])).toEqual(chunks)
    expect(rest.at(-1)).toEqual([expect.any(Number), 'r', '100x30'])
    expect(recording.bytes).toBe(Buffer.byteLength(asciicast))
    expect(recording.endedAt).not.toBeNull()
  })

  it('records input only when asked to', async () => {
    const { recordings } = open()
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

describe('reading a recording in chunks', () => {
  it('hands out whole lines at most maxBytes at a time, which add up to the file', async () => {
    const { recordings } = open()
    const active = recordings.start(options)
    for (let i = 0; i < 3000; i += 1) active.output(`line ${i} ✓ ${'é'.repeat(i % 50)}\r\n`)
    active.end()
    const whole = (await recordings.get(active.id)).asciicast
    const chunks = await readAll(recordings, active.id, 4096)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) {
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(4096)
      expect(chunk.endsWith('\n')).toBe(true)
    }
    expect(chunks.join('')).toBe(whole)
  })

  it('hands a line longer than maxBytes over whole', async () => {
    const { recordings } = open()
    const active = recordings.start(options)
    const long = 'y'.repeat(10_000)
    active.output('short\r\n')
    active.output(long)
    active.output('after\r\n')
    active.end()
    const chunks = await readAll(recordings, active.id, 1024)
    expect(chunks.join('')).toBe((await recordings.get(active.id)).asciicast)
    expect(chunks.some((chunk) => chunk.includes(long) && chunk.endsWith('\n'))).toBe(true)
  })

  it('leaves a torn last line out while a recording runs, and hands it over once it ended', async () => {
    const { recordings, store } = open()
    const active = recordings.start(options)
    active.output('kept\r\n')
    active.end()
    const { file } = store.db.prepare('SELECT file FROM recordings').get() as { file: string }
    await recordings.read(active.id, 0, 4096)
    writeFileSync(file, '[9.0, "o", "cut sh', { flag: 'a' })
    const ended = await recordings.read(active.id, 0, 4096)
    expect(ended).toMatchObject({ eof: true, totalBytes: statSync(file).size })
    expect(ended.text.endsWith('"cut sh')).toBe(true)

    store.db.prepare('UPDATE recordings SET ended_at = NULL').run()
    const running = await recordings.read(active.id, 0, 4096)
    expect(running.text.endsWith('"kept\\r\\n"]\n')).toBe(true)
    expect(running.eof).toBe(false)
    const again = await recordings.read(active.id, running.nextOffset, 4096)
    expect(again).toMatchObject({ text: '', nextOffset: running.nextOffset, eof: false })
  })

  it('refuses an offset past the end and answers NOT_FOUND for an unknown recording', async () => {
    const { recordings } = open()
    const active = recordings.start(options)
    active.end()
    await expect(recordings.read(active.id, 10_000_000, 4096)).rejects.toMatchObject({
      code: 'invalid',
    })
    await expect(recordings.read('nope', 0, 4096)).rejects.toMatchObject({ code: 'not-found' })
    await expect(recordings.index('nope')).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('the seek index', () => {
  it('gives duration, size and seek points where the normal screen was cleared', async () => {
    const { recordings, time } = open()
    time.step = 1000 // one second between events
    const active = recordings.start(options)
    active.output('$ ls\r\n') // 1 s
    active.output('\x1b[H\x1b[2Jfresh screen\r\n') // 2 s: a seek point
    active.output('\x1b[?1049h\x1b[H\x1b[2Jvim') // 3 s: a clear in the alternate screen
    active.output('\x1b[?1049l$ ') // 4 s
    active.resize(120, 40) // 5 s
    active.output('\x1bcreset\r\n') // 6 s: a seek point, at the new size
    active.end()
    const { asciicast } = await recordings.get(active.id)
    const index = await recordings.index(active.id)
    expect(index).toMatchObject({ cols: 80, rows: 24, idleLimit: 2, duration: 6 })
    expect(index.totalBytes).toBe(Buffer.byteLength(asciicast))
    const offsetOf = (needle: string) =>
      Buffer.byteLength(asciicast.slice(0, asciicast.indexOf(needle)))
    const firstEvent = Buffer.byteLength(asciicast.split('\n')[0] ?? '') + 1
    expect(index.keyframes).toEqual([
      { offset: firstEvent, time: 0, rawTime: 0, cols: 80, rows: 24 },
      { offset: offsetOf('[2,"o"'), time: 1, rawTime: 1, cols: 80, rows: 24 },
      { offset: offsetOf('[6,"o"'), time: 5, rawTime: 5, cols: 120, rows: 40 },
    ])
    // Each seek point starts a line the reader accepts.
    for (const keyframe of index.keyframes) {
      const chunk = await recordings.read(active.id, keyframe.offset, 1024)
      expect(chunk.text.startsWith('[')).toBe(true)
    }
  })

  it('shortens idle pauses as the player does', async () => {
    const { recordings, time } = open()
    const active = recordings.start(options)
    active.output('a')
    time.now += 60_000
    active.output('b')
    active.end()
    const index = await recordings.index(active.id)
    expect(index.duration).toBeCloseTo(2.01, 2)
  })

  it('says a file that is not asciicast cannot be played', async () => {
    const { recordings, store } = open()
    const active = recordings.start(options)
    active.end()
    await recordings.read(active.id, 0, 1024)
    const { file } = store.db.prepare('SELECT file FROM recordings').get() as { file: string }
    writeFileSync(file, 'not a cast\n')
    await expect(recordings.index(active.id)).rejects.toMatchObject({ code: 'unavailable' })
  })
})

describe('the size limit', () => {
  it('stops the recording at the limit with a visible notice and a marker; the session goes on', async () => {
    const { recordings } = open({ maxBytes: 8 * 1024 })
    const active = recordings.start(options)
    for (let i = 0; i < 500; i += 1) active.output(`output line ${i}\r\n`)
    active.resize(100, 30)
    active.end()
    const { asciicast, recording } = await recordings.get(active.id)
    expect(Buffer.byteLength(asciicast)).toBeLessThanOrEqual(8 * 1024)
    expect(recording.bytes).toBe(Buffer.byteLength(asciicast))
    const all = events(asciicast)
    expect(all.at(-2)?.[1]).toBe('o')
    expect(all.at(-2)?.[2]).toContain(
      '[Switchboard: recording stopped at 8 KB; the session continues unrecorded]',
    )
    expect(all.at(-1)?.slice(1)).toEqual(['m', 'recording stopped at 8 KB'])
    // Everything before the notice is the session's output, in order, with nothing skipped.
    const kept = all.slice(0, -2).map((e) => e[2])
    expect(kept.length).toBeGreaterThan(100)
    expect(kept).toEqual(kept.map((_, i) => `output line ${i}\r\n`))
  })

  it('names the limit in megabytes as the setting does', async () => {
    const { recordings } = open({ maxBytes: 1024 * 1024 })
    const active = recordings.start(options)
    const block = 'z'.repeat(64 * 1024)
    for (let i = 0; i < 20; i += 1) active.output(block)
    active.end()
    const { asciicast } = await recordings.get(active.id)
    expect(asciicast).toContain('recording stopped at 1 MB; the session continues unrecorded')
  })
})

describe('retention', () => {
  function finish(recordings: RecordingStore, text: string) {
    const active = recordings.start({ ...options, title: text })
    active.output(text)
    active.end()
    return active.id
  }

  it('deletes recordings older than the days kept, files and rows, with an audit row each', async () => {
    const { recordings, time, limits, store } = open()
    const old = finish(recordings, 'old')
    time.now += 10 * DAY
    const recent = finish(recordings, 'recent')
    await recordings.read(recent, 0, 1024)
    await recordings.read(old, 0, 1024)
    const oldFile = join(
      store.db.prepare('SELECT file FROM recordings WHERE id = ?').pluck().get(old) as string,
    )
    expect(recordings.applyRetention()).toEqual({ deleted: 0 })

    limits.retentionDays = 5
    expect(recordings.applyRetention()).toEqual({ deleted: 1 })
    expect(existsSync(oldFile)).toBe(false)
    expect(recordings.list(10).map((r) => r.id)).toEqual([recent])
    const audit = store.db
      .prepare("SELECT * FROM audit_log WHERE action = 'recordings.delete'")
      .all()
    expect(audit).toMatchObject([{ actor: 'test-tech', subject: old }])
    expect(JSON.parse((audit[0] as { detail: string }).detail)).toMatchObject({
      reason: 'age',
      title: 'old',
    })
  })

  it('deletes the oldest while all take more than the space kept, never one being written', async () => {
    const { recordings, limits } = open()
    const ids = ['a', 'b', 'c'].map((t) => finish(recordings, t.repeat(2000)))
    for (const id of ids) await recordings.read(id, 0, 1024)
    const running = recordings.start(options)
    running.output('r'.repeat(3000))
    const sizes = new Map(recordings.list(10).map((r) => [r.id, r.bytes]))
    const each = sizes.get(ids[0] ?? '') ?? 0
    expect(each).toBeGreaterThan(2000)
    expect(recordings.usage()).toEqual({ count: 4, bytes: 3 * each + (sizes.get(running.id) ?? 0) })

    // Room for the running one and one more: the two oldest go.
    limits.retentionBytes = recordings.usage().bytes - 2 * each + 1
    expect(recordings.applyRetention()).toEqual({ deleted: 2 })
    expect(recordings.list(10).map((r) => r.id)).toEqual([running.id, ids[2]])

    // Even a cap below the running one alone leaves it be.
    limits.retentionBytes = 1
    recordings.applyRetention()
    expect(recordings.list(10).map((r) => r.id)).toEqual([running.id])
    running.end()
  })

  it('applies when a recording ends', async () => {
    const { recordings, limits, time } = open()
    const old = finish(recordings, 'old')
    await recordings.read(old, 0, 1024)
    limits.retentionDays = 1
    time.now += 2 * DAY
    const fresh = finish(recordings, 'fresh')
    await recordings.read(fresh, 0, 1024)
    expect(recordings.list(10).map((r) => r.id)).toEqual([fresh])
  })
})

describe('recordings a crash left running', () => {
  it('are finished as their files stand when the store opens again', async () => {
    const { recordings, store, dir, time } = open()
    const active = recordings.start(options)
    active.output('before the crash\r\n')
    active.end()
    await recordings.read(active.id, 0, 1024)
    // What a killed host leaves: the file written, the row never finished.
    store.db.prepare('UPDATE recordings SET ended_at = NULL, bytes = 0').run()
    const { file } = store.db.prepare('SELECT file FROM recordings').get() as { file: string }

    const reopened = new RecordingStore({
      store,
      dir: join(dir, 'recordings'),
      clock: { now: () => time.now },
    })
    const [summary] = reopened.list(10)
    expect(summary?.endedAt).not.toBeNull()
    expect(summary?.bytes).toBe(readFileSync(file).length)
  })
})
