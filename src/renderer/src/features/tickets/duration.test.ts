import { describe, expect, it } from 'vitest'
import { formatMinutes, MAX_ENTRY_MINUTES, minutesBetween, parseDuration } from './duration'

describe('parseDuration', () => {
  it.each([
    ['25m', 25],
    ['25 min', 25],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['1 hour 5 minutes', 65],
    ['2 hours', 120],
    ['1.5h', 90],
    ['1,5h', 90],
    ['0.25h', 15],
    ['90', 90],
    ['1:30', 90],
    ['0:45', 45],
    ['  45M ', 45],
    ['1H 1M', 61],
  ])('%s → %d minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, minutes })
  })

  it.each([
    ['', /Enter a duration/],
    ['abc', /not a duration/],
    ['1x', /not hours or minutes/],
    ['1h 2h', /hours twice/],
    ['0m', /at least one minute/],
    ['0.2m', /at least one minute/],
    ['1:75', /not a duration/],
    ['-5m', /not a duration/],
    [`${MAX_ENTRY_MINUTES + 1}`, /at most a week/],
  ])('%j is refused', (text, error) => {
    const parsed = parseDuration(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(error)
  })

  it('takes a whole week, the contract limit', () => {
    expect(parseDuration('168h')).toEqual({ ok: true, minutes: MAX_ENTRY_MINUTES })
  })
})

describe('formatMinutes', () => {
  it.each([
    [0, '0m'],
    [25, '25m'],
    [60, '1h'],
    [90, '1h 30m'],
    [1565, '26h 5m'],
  ])('%d → %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text)
  })

  it('reads back what parseDuration takes', () => {
    for (const minutes of [1, 25, 60, 90, 601]) {
      expect(parseDuration(formatMinutes(minutes))).toEqual({ ok: true, minutes })
    }
  })
})

describe('minutesBetween', () => {
  it('rounds to the nearest minute and never gives less than one', () => {
    expect(minutesBetween(0, 25 * 60_000 + 29_000)).toBe(25)
    expect(minutesBetween(0, 25 * 60_000 + 31_000)).toBe(26)
    expect(minutesBetween(0, 5_000)).toBe(1)
  })
})
