import { businessOpenState, type BusinessHours } from '@shared/domain/sla'

/** What the panel says about a site's clock: its local time and whether it is open. */
export interface SiteClock {
  /** Weekday and time at the site, e.g. "Fri 14:05". */
  localTime: string
  /** null when the hours cannot say (none set, or unreadable). */
  open: boolean | null
  /** "Open · closes 17:00", "Closed · opens Mon 08:00", "Open around the clock". */
  status: string
}

const DAY_MS = 86_400_000

/**
 * The site's local time and opening state at `now`, worded for a technician deciding whether to
 * call or reboot: the next change is given as a time today, or with its weekday when later.
 */
export function siteClock(
  site: { timeZone: string; businessHours: BusinessHours },
  now: number,
  locale?: string,
): SiteClock {
  const time = new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: site.timeZone,
  })
  const weekdayAndTime = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: site.timeZone,
  })
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: site.timeZone })
  const localTime = weekdayAndTime.format(now)
  let state: ReturnType<typeof businessOpenState>
  try {
    state = businessOpenState(now, site.businessHours)
  } catch {
    return { localTime, open: null, status: 'No opening hours set' }
  }
  if (state.changesAt === null) return { localTime, open: true, status: 'Open around the clock' }
  const at = state.changesAt
  // Same local date: the time alone; within the week: with the weekday; later: the date too.
  const when =
    day.format(at) === day.format(now)
      ? time.format(at)
      : at - now < 6 * DAY_MS
        ? weekdayAndTime.format(at)
        : new Intl.DateTimeFormat(locale, {
            day: 'numeric',
            month: 'short',
            hour: 'numeric',
            minute: '2-digit',
            timeZone: site.timeZone,
          }).format(at)
  return state.open
    ? { localTime, open: true, status: `Open · closes ${when}` }
    : { localTime, open: false, status: `Closed · opens ${when}` }
}
