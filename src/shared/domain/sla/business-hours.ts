import { z } from 'zod'
import { assertKnownTimeZone, DAY_MS, MINUTE_MS, utcOffsetAt, wallClockOfDay } from './time-zone'

/** Weekday keys of a weekly schedule, in the order Date#getUTCDay numbers them (Sunday = 0). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
/** A weekday key of a weekly schedule. */
export type Weekday = (typeof WEEKDAYS)[number]

/** One stretch of open time in local wall-clock time; close may be '24:00' (end of the day). */
export const OpenInterval = z.object({ open: z.string(), close: z.string() }).strict()
/** One stretch of open time in local wall-clock time; close may be '24:00' (end of the day). */
export type OpenInterval = z.infer<typeof OpenInterval>

const dayIntervals = z.array(OpenInterval).max(24).optional()

const businessHoursShape = z
  .object({
    timeZone: z.string().max(64),
    weekly: z
      .object({
        mon: dayIntervals,
        tue: dayIntervals,
        wed: dayIntervals,
        thu: dayIntervals,
        fri: dayIntervals,
        sat: dayIntervals,
        sun: dayIntervals,
      })
      .strict(),
    holidays: z.array(z.string()).max(2000).optional(),
  })
  .strict()

/**
 * A site's opening hours: an IANA time zone, per weekday zero or more open intervals (a missing
 * or empty day is closed; several intervals make a split day) and holiday dates ('YYYY-MM-DD',
 * local) that are closed all day. Treat a value as immutable once used: calendars are cached per
 * object.
 */
export const BusinessHours = businessHoursShape.superRefine((hours, ctx) => {
  for (const problem of businessHoursProblems(hours)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path })
  }
})
/** A site's opening hours; see the BusinessHours schema. */
export type BusinessHours = z.infer<typeof businessHoursShape>

/** Mon–Fri 08:00–17:00 in the site's zone, what most small offices keep. */
export function defaultBusinessHours(timeZone: string): BusinessHours {
  const day = [{ open: '08:00', close: '17:00' }]
  return { timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } }
}

/** One thing wrong with a BusinessHours value, with where it is. */
export interface BusinessHoursProblem {
  path: Array<string | number>
  message: string
}

const HH_MM = /^(\d{2}):(\d{2})$/
const YYYY_MM_DD = /^(\d{4})-(\d{2})-(\d{2})$/

/** Minutes after midnight for 'HH:MM' (00:00-23:59, or 24:00 when allowed), else null. */
function parseWallTime(text: string, allowEndOfDay: boolean): number | null {
  const match = HH_MM.exec(text)
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (allowEndOfDay && hours === 24 && minutes === 0) return 1440
  if (hours > 23 || minutes > 59) return null
  return hours * 60 + minutes
}

/** The civil day number (days since 1970-01-01) of a real 'YYYY-MM-DD' date, else null. */
function parseLocalDate(text: string): number | null {
  const match = YYYY_MM_DD.exec(text)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const ms = Date.UTC(year, month - 1, day)
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  const check = new Date(ms)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  return ms / DAY_MS
}

/**
 * Everything wrong with `hours` that its shape cannot express: unknown time zone, malformed
 * times, close not after open, overlapping intervals, impossible holiday dates.
 */
export function businessHoursProblems(hours: BusinessHours): BusinessHoursProblem[] {
  const problems: BusinessHoursProblem[] = []
  try {
    assertKnownTimeZone(hours.timeZone)
  } catch (error) {
    problems.push({ path: ['timeZone'], message: (error as Error).message })
  }
  for (const weekday of WEEKDAYS) {
    const intervals = hours.weekly[weekday] ?? []
    const parsed: Array<{ open: number; close: number; label: string }> = []
    intervals.forEach((interval, index) => {
      const open = parseWallTime(interval.open, false)
      const close = parseWallTime(interval.close, true)
      const path = ['weekly', weekday, index]
      if (open === null) {
        problems.push({
          path: [...path, 'open'],
          message: `"${interval.open}" is not a time of day in HH:MM form (00:00-23:59)`,
        })
      }
      if (close === null) {
        problems.push({
          path: [...path, 'close'],
          message: `"${interval.close}" is not a time of day in HH:MM form (00:00-24:00)`,
        })
      }
      if (open === null || close === null) return
      if (close <= open) {
        problems.push({
          path,
          message: `closes at ${interval.close}, which is not after it opens at ${interval.open}`,
        })
        return
      }
      parsed.push({ open, close, label: `${interval.open}-${interval.close}` })
    })
    parsed.sort((a, b) => a.open - b.open)
    for (let i = 1; i < parsed.length; i++) {
      const previous = parsed[i - 1]
      const current = parsed[i]
      if (previous && current && current.open < previous.close) {
        problems.push({
          path: ['weekly', weekday],
          message: `${current.label} overlaps ${previous.label}`,
        })
      }
    }
  }
  hours.holidays?.forEach((holiday, index) => {
    if (parseLocalDate(holiday) === null) {
      problems.push({
        path: ['holidays', index],
        message: `"${holiday}" is not a real date in YYYY-MM-DD form`,
      })
    }
  })
  return problems
}

interface CalendarDay {
  /** Instant of this day's local midnight. */
  start: number
  /** Instant of the next day's local midnight. */
  end: number
  /** Open intervals as instants, flattened: [open0, close0, open1, close1, ...]. */
  open: number[]
  openMs: number
  /**
   * Business ms from the calendar's origin to this day's start. Days added before the origin get
   * negative figures, so a figure never changes once computed.
   */
  before: number
}

// Guards against walking forever when asked for absurd durations.
const MAX_DAYS_PER_WALK = 366 * 100

/**
 * Business time for one BusinessHours value. Days are built lazily into one contiguous run, each
 * with the business ms before it, so after the first call any span costs the same however many
 * days it covers.
 */
class BusinessCalendar {
  private readonly timeZone: string
  /** Open [minute, minute] pairs per getUTCDay index. */
  private readonly weekly: Array<Array<readonly [number, number]>>
  private readonly holidays: Set<number>
  private readonly averageDayMs: number
  private firstDay = 0
  private readonly days: CalendarDay[] = []
  private offsetHint: number | null = null

  constructor(hours: BusinessHours) {
    const problems = businessHoursProblems(hours)
    if (problems.length > 0) {
      const list = problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')
      throw new Error(`Invalid business hours: ${list}`)
    }
    this.timeZone = hours.timeZone
    this.weekly = WEEKDAYS.map((weekday) =>
      (hours.weekly[weekday] ?? [])
        .map((i) => [parseWallTime(i.open, false) ?? 0, parseWallTime(i.close, true) ?? 0] as const)
        .sort((a, b) => a[0] - b[0]),
    )
    const weekMinutes = this.weekly.flat().reduce((sum, [open, close]) => sum + close - open, 0)
    if (weekMinutes === 0) {
      throw new Error(
        'Business hours have no open interval on any weekday, so a business-hours SLA clock would ' +
          'never run: add opening hours for the site or mark the priority 24x7',
      )
    }
    this.averageDayMs = (weekMinutes * MINUTE_MS) / 7
    this.holidays = new Set((hours.holidays ?? []).map((h) => parseLocalDate(h) ?? NaN))
  }

  /** Business ms from start to end; negative when end is before start. */
  between(start: number, end: number): number {
    if (start === end) return 0
    return this.businessBefore(end) - this.businessBefore(start)
  }

  /** The first instant at which `durationMs` of business time has elapsed since `start`. */
  add(start: number, durationMs: number): number {
    if (durationMs === 0) return start
    const target = this.businessBefore(start) + durationMs
    let walked = 0
    for (;;) {
      const last = this.days[this.days.length - 1] as CalendarDay
      if (last.before + last.openMs >= target) break
      const more = Math.ceil((target - last.before - last.openMs) / this.averageDayMs) + 1
      walked += more
      if (walked > MAX_DAYS_PER_WALK) {
        throw new RangeError(`${durationMs} ms of business time is more than a century away`)
      }
      const lastDay = this.firstDay + this.days.length - 1
      this.ensureDays(lastDay + 1, lastDay + more)
    }
    // First day whose end reaches the target; before it the target is still ahead. Looked up only
    // now because building earlier days shifts indexes.
    let lo = this.dayIndexOf(start)
    let hi = this.days.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const day = this.days[mid] as CalendarDay
      if (day.before + day.openMs >= target) hi = mid
      else lo = mid + 1
    }
    const day = this.days[lo] as CalendarDay
    let remaining = target - day.before
    for (let k = 0; k < day.open.length; k += 2) {
      const open = day.open[k] as number
      const close = day.open[k + 1] as number
      if (remaining <= close - open) return open + remaining
      remaining -= close - open
    }
    // Unreachable: the day was chosen because its open time covers the remainder.
    throw new Error('Business calendar is inconsistent')
  }

  /**
   * Whether `instant` is in open hours, and the next instant that changes: the closing time (an
   * interval running on into the next one counts as one), or the next opening. `changesAt` is
   * null when the hours are open around the clock for the whole week ahead.
   */
  stateAt(instant: number): { open: boolean; changesAt: number | null } {
    let index = this.dayIndexOf(instant)
    const startDay = index
    let open: boolean | null = null
    let cursor = instant
    for (;;) {
      const day = this.days[index] as CalendarDay
      for (let k = 0; k < day.open.length; k += 2) {
        const from = day.open[k] as number
        const to = day.open[k + 1] as number
        if (to <= cursor) continue
        if (open === null) {
          open = from <= cursor
          if (!open) return { open: false, changesAt: from }
          cursor = to
        } else if (from === cursor) {
          // Opens again the moment it closes (24:00 into 00:00): still open.
          cursor = to
        } else {
          return { open: true, changesAt: cursor }
        }
      }
      if (open === true && cursor < day.end) return { open: true, changesAt: cursor }
      if (index - startDay >= (open ? 7 : MAX_DAYS_PER_WALK)) {
        if (open) return { open: true, changesAt: null }
        throw new RangeError('No opening within a century')
      }
      const lastDay = this.firstDay + this.days.length - 1
      if (this.firstDay + index === lastDay) this.ensureDays(lastDay + 1, lastDay + 1)
      index += 1
    }
  }

  /** Business ms from the calendar's origin to `instant`. The day must already be built. */
  private businessBefore(instant: number): number {
    const day = this.days[this.dayIndexOf(instant)] as CalendarDay
    let total = day.before
    for (let k = 0; k < day.open.length; k += 2) {
      const open = day.open[k] as number
      if (instant <= open) break
      total += Math.min(instant, day.open[k + 1] as number) - open
    }
    return total
  }

  /** Index into this.days of the local day containing `instant`, building days as needed. */
  private dayIndexOf(instant: number): number {
    this.offsetHint ??= utcOffsetAt(instant, this.timeZone)
    // The hint is some recent offset of this zone, so the guess is at most a day off.
    let dayNumber = Math.floor((instant + this.offsetHint) / DAY_MS)
    for (;;) {
      this.ensureDays(dayNumber, dayNumber)
      const day = this.days[dayNumber - this.firstDay] as CalendarDay
      if (instant < day.start) dayNumber--
      else if (instant >= day.end) dayNumber++
      else {
        this.offsetHint = dayNumber * DAY_MS - day.start
        return dayNumber - this.firstDay
      }
    }
  }

  private ensureDays(from: number, to: number): void {
    if (this.days.length === 0) {
      this.firstDay = from
      this.days.push(this.buildDay(from, 0))
    }
    if (from < this.firstDay) {
      const earlier: CalendarDay[] = []
      let next = this.days[0] as CalendarDay
      for (let dayNumber = this.firstDay - 1; dayNumber >= from; dayNumber--) {
        const day = this.buildDay(dayNumber, 0)
        day.before = next.before - day.openMs
        earlier.push(day)
        next = day
      }
      this.days.unshift(...earlier.reverse())
      this.firstDay = from
    }
    for (let dayNumber = this.firstDay + this.days.length; dayNumber <= to; dayNumber++) {
      const previous = this.days[this.days.length - 1] as CalendarDay
      this.days.push(this.buildDay(dayNumber, previous.before + previous.openMs))
    }
  }

  private buildDay(dayNumber: number, before: number): CalendarDay {
    const toInstant = wallClockOfDay(this.timeZone, dayNumber)
    const open: number[] = []
    let openMs = 0
    if (!this.holidays.has(dayNumber)) {
      // Day 0 (1970-01-01) was a Thursday, getUTCDay 4.
      const weekday = (((dayNumber + 4) % 7) + 7) % 7
      for (const [openMinute, closeMinute] of this.weekly[weekday] ?? []) {
        const from = toInstant(openMinute)
        const to = toInstant(closeMinute)
        // An interval inside a spring-forward gap does not exist that day.
        if (to > from) {
          open.push(from, to)
          openMs += to - from
        }
      }
    }
    return { start: toInstant(0), end: toInstant(1440), open, openMs, before }
  }
}

const calendarsByObject = new WeakMap<BusinessHours, BusinessCalendar>()
// Equal hours arriving as fresh objects (say, re-parsed on every sync) still share one calendar.
const calendarsByContent = new Map<string, BusinessCalendar>()
const MAX_CALENDARS_BY_CONTENT = 256

/** The cached calendar for `hours`; throws a clear Error when the hours are invalid. */
function calendarFor(hours: BusinessHours): BusinessCalendar {
  let calendar = calendarsByObject.get(hours)
  if (calendar) return calendar
  const key = JSON.stringify([
    hours.timeZone,
    WEEKDAYS.map((d) => hours.weekly[d] ?? []),
    hours.holidays ?? [],
  ])
  calendar = calendarsByContent.get(key)
  if (!calendar) {
    calendar = new BusinessCalendar(hours)
    if (calendarsByContent.size >= MAX_CALENDARS_BY_CONTENT) {
      const oldest = calendarsByContent.keys().next()
      if (!oldest.done) calendarsByContent.delete(oldest.value)
    }
    calendarsByContent.set(key, calendar)
  }
  calendarsByObject.set(hours, calendar)
  return calendar
}

function assertInstant(name: string, value: number): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite epoch ms, got ${value}`)
}

/**
 * The instant at which `durationMs` of business time has elapsed after `start` (epoch ms). A start
 * outside business hours begins counting at the next opening; a duration that ends exactly at a
 * closing time returns that closing time, not the next opening. A zero duration returns `start`.
 */
export function addBusinessTime(start: number, durationMs: number, hours: BusinessHours): number {
  assertInstant('start', start)
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`durationMs must be a finite number >= 0, got ${durationMs}`)
  }
  return calendarFor(hours).add(start, durationMs)
}

/**
 * Whether the site is open at `instant` (epoch ms) and when that changes next: the closing time
 * while open, the next opening while closed (null: open around the clock).
 */
export function businessOpenState(
  instant: number,
  hours: BusinessHours,
): { open: boolean; changesAt: number | null } {
  assertInstant('instant', instant)
  return calendarFor(hours).stateAt(instant)
}

/** Business ms between two instants (epoch ms); negative when `end` is before `start`. */
export function businessTimeBetween(start: number, end: number, hours: BusinessHours): number {
  assertInstant('start', start)
  assertInstant('end', end)
  return calendarFor(hours).between(start, end)
}
