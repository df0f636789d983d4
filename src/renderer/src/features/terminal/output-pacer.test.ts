import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OutputPacer } from './output-pacer'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/**
 * A pacer over a fake terminal that parses only when told to. Output is pushed as the bytes of
 * the given text, and each write is read back as text, as xterm.js decodes it (a stream).
 */
function pacer() {
  const written: string[] = []
  const unparsed: Array<() => void> = []
  const parsed: number[] = []
  const decoder = new TextDecoder()
  const pacer = new OutputPacer(
    (data, done) => {
      written.push(decoder.decode(data, { stream: true }))
      unparsed.push(done)
    },
    (bytes) => parsed.push(bytes),
    { intervalMs: 30, smallBytes: 4, batchBytes: 25, now: () => Date.now() },
  )
  const p = {
    push: (data: string | Uint8Array) =>
      pacer.push(typeof data === 'string' ? new TextEncoder().encode(data) : data),
    flush: () => pacer.flush(),
  }
  const parseAll = () => {
    for (const done of unparsed.splice(0)) done()
  }
  return { p, written, parsed, parseAll }
}

const big = (c: string) => c.repeat(10)

describe('OutputPacer', () => {
  it('writes small output at once, however often it comes', () => {
    const { p, written, parseAll } = pacer()
    for (const c of ['a', 'b', 'c']) {
      p.push(c)
      parseAll()
    }
    expect(written).toEqual(['a', 'b', 'c'])
  })

  it('batches a trickle of large messages while the terminal keeps up', () => {
    const { p, written, parseAll } = pacer()
    p.push(big('1'))
    parseAll()
    p.push(big('2'))
    vi.advanceTimersByTime(10)
    p.push(big('3'))
    expect(written).toEqual([big('1')])
    vi.advanceTimersByTime(20)
    expect(written).toEqual([big('1'), big('2'), big('3')])
  })

  it('writes a batch once enough waits, without waiting for the interval', () => {
    const { p, written, parseAll } = pacer()
    p.push(big('1'))
    parseAll()
    p.push(big('2'))
    p.push(big('3'))
    expect(written).toEqual([big('1')])
    p.push(big('4')) // 30 chars waiting: over the batch size
    expect(written).toEqual([big('1'), big('2'), big('3'), big('4')])
    vi.advanceTimersByTime(100)
    expect(written).toHaveLength(4)
  })

  it('passes output straight on while the terminal is still parsing', () => {
    const { p, written } = pacer()
    p.push(big('1'))
    p.push(big('2'))
    p.push(big('3'))
    expect(written).toEqual([big('1'), big('2'), big('3')])
  })

  it('keeps small output behind large output that is still waiting', () => {
    const { p, written, parseAll } = pacer()
    p.push(big('1'))
    parseAll()
    p.push(big('2'))
    p.push('x')
    expect(written).toEqual([big('1')])
    vi.advanceTimersByTime(30)
    expect(written).toEqual([big('1'), big('2'), 'x'])
  })

  it('reports what the terminal parsed, message by message', () => {
    const { p, parsed, parseAll } = pacer()
    p.push(big('1'))
    p.push('xy')
    expect(parsed).toEqual([])
    parseAll()
    expect(parsed).toEqual([10, 2])
  })

  it('passes bytes on as they came and reports them in bytes, a split character included', () => {
    const { p, written, parsed, parseAll } = pacer()
    const euro = new TextEncoder().encode('€') // e2 82 ac
    p.push(euro.subarray(0, 1))
    p.push(euro.subarray(1))
    parseAll()
    // The first write holds half a character; the decoder (xterm.js) completes it with the next.
    expect(written.join('')).toBe('€')
    expect(parsed).toEqual([1, 2])
  })

  it('flush() writes what waits without waiting for the batch', () => {
    const { p, written, parseAll } = pacer()
    p.push(big('1'))
    parseAll()
    p.push(big('2'))
    p.flush()
    expect(written).toEqual([big('1'), big('2')])
    vi.advanceTimersByTime(100)
    expect(written).toEqual([big('1'), big('2')])
  })
})
