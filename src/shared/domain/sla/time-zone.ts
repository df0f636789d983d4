/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000
/** Milliseconds in a civil (24-hour wall-clock) day; real local days can be 23 or 25 hours. */
export const DAY_MS = 86_400_000

// Building a DateTimeFormat costs far more than using one, and a queue render converts many
// instants in the same few site time zones.
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      throw new Error(
        `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Berlin" or "America/New_York"`,
      )
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Throws a clear Error when the runtime does not know `timeZone` (an IANA name). */
export function assertKnownTimeZone(timeZone: string): void {
  formatterFor(timeZone)
}

/** The UTC offset in ms (east of Greenwich positive) that `timeZone` has at `instant`. */
export function utcOffsetAt(instant: number, timeZone: string): number {
  // Intl only reports whole seconds, so compare against the instant truncated the same way.
  const wholeSecond = Math.floor(instant / 1000) * 1000
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) {
    const value = Number(part.value)
    switch (part.type) {
      case 'year':
        year = value
        break
      case 'month':
        month = value
        break
      case 'day':
        day = value
        break
      case 'hour':
        // Some older ICU builds still say 24 for midnight despite hourCycle h23.
        hour = value % 24
        break
      case 'minute':
        minute = value
        break
      case 'second':
        second = value
        break
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond
}

/**
 * Returns a converter from minutes after local midnight of civil day `day` (0..1440, where 1440
 * is the next midnight) to the instant that wall-clock time happens in `timeZone`. A wall time
 * skipped by a spring-forward change maps to the instant the clocks jump (so 02:30 on that night
 * behaves as 03:00), and a wall time that happens twice in a fall-back change maps to its first
 * occurrence. Both rules keep the conversion monotonic, so business intervals never invert.
 */
export function wallClockOfDay(timeZone: string, day: number): (minuteOfDay: number) => number {
  const wallMidnight = day * DAY_MS
  // Any wall time of this day is within ±14 h of its instant, so offsets sampled a day before and
  // two days after bracket every instant the day can map to. Equal offsets mean no change nearby
  // (two changes within three days exist in no zone we serve), which keeps ordinary days at two
  // Intl calls.
  const before = utcOffsetAt(wallMidnight - DAY_MS, timeZone)
  const after = utcOffsetAt(wallMidnight + 2 * DAY_MS, timeZone)
  if (before === after) return (minuteOfDay) => wallMidnight + minuteOfDay * MINUTE_MS - before
  return (minuteOfDay) =>
    resolveNearTransition(wallMidnight + minuteOfDay * MINUTE_MS, before, after, timeZone)
}

function resolveNearTransition(
  wallAsUtc: number,
  before: number,
  after: number,
  timeZone: string,
): number {
  const withBefore = wallAsUtc - before
  const withAfter = wallAsUtc - after
  const beforeFits = utcOffsetAt(withBefore, timeZone) === before
  const afterFits = utcOffsetAt(withAfter, timeZone) === after
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter)
  if (beforeFits) return withBefore
  if (afterFits) return withAfter
  // Neither reading exists: the wall time is in the gap. Find the jump between the last instant
  // still on the old offset (withAfter) and the first reading on the new one (withBefore).
  let lo = withAfter
  let hi = withBefore
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (utcOffsetAt(mid, timeZone) === after) hi = mid
    else lo = mid
  }
  return hi
}
