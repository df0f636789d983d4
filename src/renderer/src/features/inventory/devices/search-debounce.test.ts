import { describe, expect, it } from 'vitest'
import { createDebouncer, type Timers } from './search-debounce'

/** A clock the test moves by hand: timers fire only on `advance`. */
function manualTimers() {
  let now = 0
  let next = 1
  const pending = new Map<number, { at: number; run: () => void }>()
  const timers: Timers = {
    set: (run, ms) => {
      const id = next++
      pending.set(id, { at: now + ms, run })
      return id
    },
    clear: (handle) => void pending.delete(handle as number),
  }
  const advance = (ms: number) => {
    const until = now + ms
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      pending.delete(due[0])
      now = due[1].at
      due[1].run()
    }
    now = until
  }
  return { timers, advance }
}

describe('createDebouncer', () => {
  it('commits the first change at once and merges the burst after it into one', () => {
    const clock = manualTimers()
    const seen: string[] = []
    const d = createDebouncer<string>((v) => seen.push(v), 40, clock.timers)
    d.push('s')
    expect(seen).toEqual(['s'])
    clock.advance(10)
    d.push('sr')
    clock.advance(10)
    d.push('srv')
    expect(seen).toEqual(['s'])
    // The window runs from the first commit; later keys do not push it back.
    clock.advance(19)
    expect(seen).toEqual(['s'])
    clock.advance(1)
    expect(seen).toEqual(['s', 'srv'])
  })

  it('commits at once again after a quiet spell', () => {
    const clock = manualTimers()
    const seen: string[] = []
    const d = createDebouncer<string>((v) => seen.push(v), 40, clock.timers)
    d.push('a')
    clock.advance(100)
    d.push('ab')
    expect(seen).toEqual(['a', 'ab'])
  })

  it('commits at most once per window while changes keep coming, never later than one window', () => {
    const clock = manualTimers()
    const seen: string[] = []
    const d = createDebouncer<string>((v) => seen.push(v), 40, clock.timers)
    d.push('1')
    clock.advance(30)
    d.push('12')
    clock.advance(10)
    expect(seen).toEqual(['1', '12'])
    clock.advance(20)
    d.push('123')
    expect(seen).toEqual(['1', '12'])
    clock.advance(20)
    expect(seen).toEqual(['1', '12', '123'])
    clock.advance(40)
    d.push('1234')
    expect(seen).toEqual(['1', '12', '123', '1234'])
  })

  it('drops a pending change on cancel', () => {
    const clock = manualTimers()
    const seen: string[] = []
    const d = createDebouncer<string>((v) => seen.push(v), 40, clock.timers)
    d.push('a')
    d.push('ab')
    d.cancel()
    clock.advance(100)
    expect(seen).toEqual(['a'])
  })
})
