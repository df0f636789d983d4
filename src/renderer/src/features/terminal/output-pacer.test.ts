import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OutputPacer } from './output-pacer'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A pacer over a fake terminal that parses only when told to. */
function pacer() {
  const written: string[] = []
  const unparsed: Array<() => void> = []
  const parsed: number[] = []
  const p = new OutputPacer(
    (data, done) => {
      written.push(data)
      unparsed.push(done)
    },
    (chars) => parsed.push(chars),
    { intervalMs: 30, smallChars: 4, batchChars: 25, now: () => Date.now() },
  )
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
