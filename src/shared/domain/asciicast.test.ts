import { describe, expect, it } from 'vitest'
import { parseCastHeader, readCastLine, screenAfter, type CastEvent } from './asciicast'

const lines = [
  JSON.stringify([0.5, 'o', '$ ']),
  JSON.stringify([0.7, 'i', 'ls\r']),
  JSON.stringify([1.0, 'o', 'file\r\n']),
  JSON.stringify([61.0, 'o', 'later\r\n']),
  JSON.stringify([61.5, 'r', '120x40']),
  JSON.stringify([62.0, 'm', 'marker']),
  '[63.0, "o", "cut sh',
]

function replay(idleLimit: number): CastEvent[] {
  const clock = { time: 0, rawTime: 0 }
  return lines.flatMap((line) => readCastLine(line, clock, idleLimit) ?? [])
}

describe('reading asciicast v2', () => {
  it('keeps output and resizes, shortens long pauses and survives a torn last line', () => {
    expect(replay(2)).toEqual([
      { time: 0.5, kind: 'output', data: '$ ' },
      { time: 1.0, kind: 'output', data: 'file\r\n' },
      { time: 3.0, kind: 'output', data: 'later\r\n' },
      { time: 3.5, kind: 'resize', cols: 120, rows: 40 },
    ])
  })

  it('honours the recording’s own idle limit', () => {
    const header = parseCastHeader(
      JSON.stringify({ version: 2, width: 100, height: 30, idle_time_limit: 10 }),
    )
    expect(header).toEqual({ cols: 100, rows: 30, idleLimit: 10 })
    expect(replay(header.idleLimit)[2]?.time).toBe(11)
    expect(parseCastHeader('{"version":2}')).toEqual({ cols: 80, rows: 24, idleLimit: 2 })
  })

  it('refuses what is not asciicast v2', () => {
    expect(() => parseCastHeader('{"version":1}')).toThrow(/asciicast v2/)
    expect(() => parseCastHeader('not json')).toThrow(/asciicast v2/)
  })
})

describe('screenAfter', () => {
  it('sees a clear with the cursor home, or a reset, on the normal screen', () => {
    expect(screenAfter('\x1b[H\x1b[2J$ ', false)).toEqual({ cleared: true, inAltScreen: false })
    expect(screenAfter('\x1b[2J\x1b[1;1H', false).cleared).toBe(true)
    expect(screenAfter('\x1bc', true)).toEqual({ cleared: true, inAltScreen: false })
    // A clear that leaves the cursor where it was is not a clean start.
    expect(screenAfter('\x1b[2J', false).cleared).toBe(false)
  })

  it('ignores clears on the alternate screen, and tracks going in and out of it', () => {
    expect(screenAfter('\x1b[?1049h\x1b[H\x1b[2J', false)).toEqual({
      cleared: false,
      inAltScreen: true,
    })
    expect(screenAfter('\x1b[H\x1b[2Jvim', true)).toEqual({ cleared: false, inAltScreen: true })
    expect(screenAfter('\x1b[?1049l', true)).toEqual({ cleared: false, inAltScreen: false })
    expect(screenAfter('\x1b[?1049l\x1b[H\x1b[2J', true).cleared).toBe(true)
  })
})
