import { describe, expect, it, vi } from 'vitest'
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

  it('splits large output into batches', async () => {
    const { p, delivered } = pump({ high: 10_000, batch: 4 })
    p.attach()
    p.push(Buffer.from('abcdefghij'))
    await tick()
    expect(delivered).toEqual(['abcd', 'efgh', 'ij'])
  })
})
