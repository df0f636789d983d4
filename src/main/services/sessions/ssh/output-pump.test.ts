import { afterEach, describe, expect, it, vi } from 'vitest'
import { OutputPump } from './output-pump'

const tick = () => new Promise((resolve) => setImmediate(resolve))

function pump(options: { high?: number; low?: number; batch?: number } = {}) {
  const delivered: string[] = []
  const pause = vi.fn()
  const resume = vi.fn()
  const p = new OutputPump({
    deliver: (d) => delivered.push(d),
    pause,
    resume,
    highWatermark: options.high ?? 10,
    lowWatermark: options.low ?? 4,
    batchChars: options.batch ?? 1000,
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
    expect(delivered.join('')).toBe('login banner\r\n$ ')
  })

  it('decodes UTF-8 split across chunks', async () => {
    const { p, delivered } = pump({ high: 1000 })
    p.attach()
    const euro = Buffer.from('€', 'utf8')
    p.push(euro.subarray(0, 1))
    p.push(euro.subarray(1))
    await tick()
    expect(delivered.join('')).toBe('€')
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
    expect(delivered).toEqual(['abc'])
  })

  describe('while the renderer is busy drawing', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    function busyPump() {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const delivered: string[] = []
      const p = new OutputPump({
        deliver: (d) => delivered.push(d),
        pause: () => {},
        resume: () => {},
        highWatermark: 1000,
        lowWatermark: 500,
        batchChars: 8,
        busyChars: 10,
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
    expect(delivered).toEqual(['abcd', 'efgh', 'ij'])
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
      p.ack(50) // 50 chars in 10 ms: 5 per ms, 100 ms of which is 500
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
      p.ack(100) // 100 chars in 100 ms: 1 per ms, i.e. 100
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
      p.ack(100) // 10 per ms over the last 10 ms, not 200 chars over 5 s
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
