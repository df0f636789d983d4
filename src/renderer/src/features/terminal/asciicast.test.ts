import { describe, expect, it } from 'vitest'
import { castFileName, formatClock, parseAsciicast } from './asciicast'

const cast = [
  JSON.stringify({ version: 2, width: 100, height: 30, timestamp: 1700000000 }),
  JSON.stringify([0.5, 'o', '$ ']),
  JSON.stringify([0.7, 'i', 'ls\r']),
  JSON.stringify([1.0, 'o', 'file\r\n']),
  JSON.stringify([61.0, 'o', 'later\r\n']),
  JSON.stringify([61.5, 'r', '120x40']),
  JSON.stringify([62.0, 'm', 'marker']),
  '[63.0, "o", "cut sh',
].join('\n')

describe('parseAsciicast', () => {
  it('keeps output and resizes, shortens long pauses and survives a torn last line', () => {
    const parsed = parseAsciicast(cast)
    expect(parsed.cols).toBe(100)
    expect(parsed.rows).toBe(30)
    expect(parsed.events).toEqual([
      { time: 0.5, kind: 'output', data: '$ ' },
      { time: 1.0, kind: 'output', data: 'file\r\n' },
      { time: 3.0, kind: 'output', data: 'later\r\n' },
      { time: 3.5, kind: 'resize', cols: 120, rows: 40 },
    ])
    expect(parsed.duration).toBe(3.5)
  })

  it('honours the recording’s own idle limit', () => {
    const withLimit = cast.replace('"timestamp"', '"idle_time_limit":10,"timestamp"')
    expect(parseAsciicast(withLimit).events[2]?.time).toBe(11)
  })

  it('refuses what is not asciicast v2', () => {
    expect(() => parseAsciicast('{"version":1}')).toThrow(/asciicast v2/)
  })
})

describe('formatting', () => {
  it('prints clocks and file names', () => {
    expect(formatClock(83)).toBe('1:23')
    expect(formatClock(3723)).toBe('1:02:03')
    const day = new Date(2024, 4, 7, 12).getTime()
    expect(castFileName('sbtest@10.0.0.5:2222', day)).toBe('sbtest@10.0.0.5-2222-2024-05-07.cast')
    expect(castFileName('../../etc', day)).toBe('etc-2024-05-07.cast')
  })
})
