import { describe, expect, it } from 'vitest'
import { Backoff } from './backoff'

describe('Backoff', () => {
  it('doubles its ceiling from 1 s up to 60 s, jitters below it, and starts over on reset', () => {
    const top = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 1 })
    expect(Array.from({ length: 9 }, () => top.next())).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ])
    top.reset()
    expect(top.next()).toBe(1_000)
    // Full jitter, but never a busy loop: at least half the minimum.
    const low = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 0 })
    expect(low.next()).toBe(500)
    const mid = new Backoff({ minMs: 1_000, maxMs: 60_000, random: () => 0.5 })
    mid.next()
    expect(mid.next()).toBe(1_000)
  })
})
