import { describe, expect, it } from 'vitest'
import { castFileName, formatClock } from './asciicast'

describe('formatting', () => {
  it('prints clocks and file names', () => {
    expect(formatClock(83)).toBe('1:23')
    expect(formatClock(3723)).toBe('1:02:03')
    const day = new Date(2024, 4, 7, 12).getTime()
    expect(castFileName('sbtest@10.0.0.5:2222', day)).toBe('sbtest@10.0.0.5-2222-2024-05-07.cast')
    expect(castFileName('../../etc', day)).toBe('etc-2024-05-07.cast')
  })
})
