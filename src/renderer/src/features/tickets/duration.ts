/**
 * Durations as technicians type them into a time entry: "25m", "1h 30m", "1.5h", "90",
 * "1:30", "2 hours 5 min". A bare number is minutes, as PSAs read it.
 */

/** The contract's limit for one time entry: a week. */
export const MAX_ENTRY_MINUTES = 7 * 24 * 60

export type DurationParse = { ok: true; minutes: number } | { ok: false; error: string }

const UNIT_MINUTES: Record<'h' | 'm', number> = { h: 60, m: 1 }

function unitOf(word: string): 'h' | 'm' | null {
  if (/^(h|hr|hrs|hour|hours)$/.test(word)) return 'h'
  if (/^(m|min|mins|minute|minutes)$/.test(word)) return 'm'
  return null
}

/** Reads a typed duration into whole minutes (rounded), or says what is wrong with it. */
export function parseDuration(text: string): DurationParse {
  const raw = text.trim().toLowerCase()
  if (raw === '') return { ok: false, error: 'Enter a duration, like 25m or 1h 30m' }

  let minutes: number
  const clock = /^(\d+):([0-5]\d)$/.exec(raw)
  if (clock) {
    minutes = Number(clock[1]) * 60 + Number(clock[2])
  } else if (/^\d+(?:[.,]\d+)?$/.test(raw)) {
    minutes = Number(raw.replace(',', '.'))
  } else {
    const parts = /^(?:\s*\d+(?:[.,]\d+)?\s*[a-z]+)+\s*$/.test(raw)
      ? [...raw.matchAll(/(\d+(?:[.,]\d+)?)\s*([a-z]+)/g)]
      : null
    if (!parts)
      return { ok: false, error: `“${text.trim()}” is not a duration (try 25m or 1h 30m)` }
    minutes = 0
    const seen = new Set<string>()
    for (const [, amount, word] of parts) {
      const unit = unitOf(word ?? '')
      if (!unit) return { ok: false, error: `“${word ?? ''}” is not hours or minutes` }
      if (seen.has(unit))
        return {
          ok: false,
          error: `“${text.trim()}” gives the ${unit === 'h' ? 'hours' : 'minutes'} twice`,
        }
      seen.add(unit)
      minutes += Number((amount ?? '0').replace(',', '.')) * UNIT_MINUTES[unit]
    }
  }
  minutes = Math.round(minutes)
  if (minutes < 1) return { ok: false, error: 'A time entry is at least one minute' }
  if (minutes > MAX_ENTRY_MINUTES) return { ok: false, error: 'A time entry is at most a week' }
  return { ok: true, minutes }
}

/** Minutes as people say them: "25m", "1h", "1h 30m", "26h 5m". */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes))
  const hours = Math.floor(whole / 60)
  const rest = whole % 60
  if (hours === 0) return `${rest}m`
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`
}

/** Minutes between two instants, rounded to the nearest minute (at least one). */
export function minutesBetween(startedAt: number, endedAt: number): number {
  return Math.max(1, Math.round((endedAt - startedAt) / 60_000))
}
