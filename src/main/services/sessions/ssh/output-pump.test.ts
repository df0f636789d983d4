import { afterEach, describe, expect, it, vi } from 'vitest'
import { OutputPump } from './output-pump'

const tick = () => new Promise((resolve) => setImmediate(resolve))
const text = (batches: Uint8Array[]): string => Buffer.concat(batches).toString('utf8')
const strings = (batches: Uint8Array[]): string[] =>
  batches.map((b) => Buffer.from(b).toString('latin1'))

function pump(options: { high?: number; low?: number; batch?: number } = {}) {
  const delivered: Uint8Array[] = []
  const pause = vi.fn()
  const resume = vi.fn()
  const p = new OutputPump({
    deliver: (d) => delivered.push(d),
    pause,
    resume,
    highWatermark: options.high ?? 10,
    lowWatermark: options.low ?? 4,
    batchBytes: options.batch ?? 1000,
  })
  return { p, delivered, pause, resume }
}

describe('OutputPump', () => {
  it('holds output until a viewer attaches, then sends it', async () => {
    const { p, delivered } = pump({ high: 1000 })
    p.push(Buffer.from('login banner\r\n$ '))
    await tick()
    expect(delivered).toEqual([])
    p.attach()
    await tick()
    expect(text(delivered)).toBe('login banner\r\n$ ')
  })

  it('sends bytes as they came, in buffers of their own, even a character split across chunks', async () => {
    const { p, delivered } = pump({ high: 1000, batch: 4 })
    p.attach()
    const euro = Buffer.from('a€b€', 'utf8') // 61 e2 82 ac 62 e2 82 ac
    const pool = Buffer.from(euro) // a chunk that is a view into a larger buffer
    p.push(pool.subarray(0, 2))
    await tick()
    p.push(pool.subarray(2))
    await tick()
    // Cut where the chunks and the batch size say, not at characters: xterm.js joins them.
    expect(delivered.map((d) => [...d])).toEqual([
      [0x61, 0xe2],
      [0x82, 0xac, 0x62, 0xe2],
      [0x82, 0xac],
    ])
    expect(text(delivered)).toBe('a€b€')
    for (const batch of delivered) {
      expect(batch).toBeInstanceOf(Uint8Array)
      expect(batch.byteOffset).toBe(0)
      expect(batch.buffer.byteLength).toBe(batch.length)
    }
  })

  it('counts unacknowledged output in bytes, not characters', () => {
    const { p, pause, resume } = pump({ high: 10, low: 4 })
    p.attach()
    p.push(Buffer.from('€€€€', 'utf8')) // 4 characters, 12 bytes
    expect(pause).toHaveBeenCalledOnce()
    p.ack(4) // 8 bytes left: still above the low watermark
    expect(resume).not.toHaveBeenCalled()
    p.ack(5)
    expect(resume).toHaveBeenCalledOnce()
  })

  it('pauses above the high watermark and resumes below the low one', async () => {
    const { p, pause, resume } = pump()
    p.attach()
    p.push(Buffer.from('12345678'))
    expect(pause).not.toHaveBeenCalled()
    p.push(Buffer.from('9012'))
    expect(pause).toHaveBeenCalledOnce()
    expect(p.isPaused).toBe(true)
    p.ack(5) // 7 unacked: still above low
    expect(resume).not.toHaveBeenCalled()
    p.ack(4) // 3 unacked
    expect(resume).toHaveBeenCalledOnce()
    expect(p.isPaused).toBe(false)
  })

  it('sends what one turn pushed as one batch, without waiting for the next loop turn', async () => {
    const { p, delivered } = pump({ high: 1000 })
    p.attach()
    p.push(Buffer.from('a'))
    p.push(Buffer.from('bc'))
    expect(delivered).toEqual([])
    await Promise.resolve()
    expect(strings(delivered)).toEqual(['abc'])
  })

  describe('while the renderer is busy drawing', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    function busyPump() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const delivered: string[] = []
      const p = new OutputPump({
        deliver: (d) => delivered.push(Buffer.from(d).toString('latin1')),
        pause: () => {},
        resume: () => {},
        highWatermark: 1000,
        lowWatermark: 500,
        batchBytes: 8,
        busyBytes: 10,
        coalesceMs: 5,
      })
      p.attach()
      return { p, delivered }
    }

    it('lets small pieces wait briefly to travel as one message', async () => {
      const { p, delivered } = busyPump()
      p.push(Buffer.from('0123456789'))
      await Promise.resolve()
      expect(delivered).toEqual(['01234567', '89']) // idle renderer: at once
      p.push(Buffer.from('ab'))
      p.push(Buffer.from('cd'))
      await Promise.resolve()
      expect(delivered).toHaveLength(2)
      vi.advanceTimersByTime(5)
      expect(delivered.slice(2)).toEqual(['abcd'])
    })

    it('sends a full batch at once', async () => {
      const { p, delivered } = busyPump()
      p.push(Buffer.from('0123456789'))
      await Promise.resolve()
      p.push(Buffer.from('abc'))
      p.push(Buffer.from('defgh'))
      await Promise.resolve()
      expect(delivered.slice(2)).toEqual(['abcdefgh'])
    })

    it('is idle again once acknowledgements catch up', async () => {
      const { p, delivered } = busyPump()
      p.push(Buffer.from('0123456789'))
      await Promise.resolve()
      p.ack(10)
      p.push(Buffer.from('x'))
      await Promise.resolve()
      expect(delivered.slice(2)).toEqual(['x'])
    })
  })

  it('splits large output into batches', async () => {
    const { p, delivered } = pump({ high: 10_000, batch: 4 })
    p.attach()
    p.push(Buffer.from('abcdefghij'))
    await tick()
    expect(strings(delivered)).toEqual(['abcd', 'efgh', 'ij'])
  })

  describe("without fixed watermarks, a window sized by the renderer's speed", () => {
    function adaptive() {
      let now = 0
      const pause = vi.fn()
      const resume = vi.fn()
      const p = new OutputPump({
        deliver: () => {},
        pause,
        resume,
        window: { min: 100, max: 1000, drawMs: 100, sampleMs: 10 },
        now: () => now,
      })
      p.attach()
      return { p, pause, resume, at: (ms: number) => (now = ms) }
    }

    it('starts small and grows while acknowledgements come back quickly', () => {
      const { p, pause, at } = adaptive()
      expect(p.highWatermark).toBe(100)
      p.push(Buffer.alloc(150, 'x'))
      expect(pause).toHaveBeenCalledOnce()
      at(0)
      p.ack(50) // starts the sample
      at(10)
      p.ack(50) // 50 bytes in 10 ms: 5 per ms, 100 ms of which is 500
      expect(p.highWatermark).toBe(500)
      p.push(Buffer.alloc(400, 'x'))
      expect(pause).toHaveBeenCalledOnce()
    })

    it('never grows past its maximum, and shrinks again when drawing slows', () => {
      const { p, at } = adaptive()
      p.push(Buffer.alloc(3000, 'x'))
      at(0)
      p.ack(100)
      at(10)
      p.ack(2000)
      expect(p.highWatermark).toBe(1000)
      at(110)
      p.ack(100) // 100 bytes in 100 ms: 1 per ms, i.e. 100
      expect(p.highWatermark).toBe(100)
    })

    it('does not count idle time as slow drawing', () => {
      const { p, at } = adaptive()
      p.push(Buffer.alloc(100, 'x'))
      at(0)
      p.ack(50)
      p.ack(50) // all drawn: idle from here on
      at(5000)
      p.push(Buffer.alloc(200, 'x'))
      p.ack(100)
      at(5010)
      p.ack(100) // 10 per ms over the last 10 ms, not 200 bytes over 5 s
      expect(p.highWatermark).toBe(1000)
    })

    it('resumes when half the window is left', () => {
      const { p, pause, resume } = adaptive()
      p.push(Buffer.alloc(120, 'x'))
      expect(pause).toHaveBeenCalledOnce()
      p.ack(60) // 60 left: above half of 100
      expect(resume).not.toHaveBeenCalled()
      p.ack(20) // 40 left
      expect(resume).toHaveBeenCalledOnce()
    })
  })
})
