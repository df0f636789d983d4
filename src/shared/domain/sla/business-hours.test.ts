import { describe, expect, it } from 'vitest'
import {
  addBusinessTime,
  BusinessHours,
  businessHoursProblems,
  businessOpenState,
  businessTimeBetween,
  type OpenInterval,
} from './business-hours'

const HOUR = 3_600_000
const MINUTE = 60_000
const at = (iso: string) => Date.parse(iso)

const nineToFive: OpenInterval[] = [{ open: '08:00', close: '17:00' }]

function weekdays(timeZone: string, day: OpenInterval[] = nineToFive, holidays?: string[]) {
  const hours: BusinessHours = {
    timeZone,
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day },
  }
  if (holidays) hours.holidays = holidays
  return hours
}

function everyDay(timeZone: string, day: OpenInterval[] = nineToFive): BusinessHours {
  return {
    timeZone,
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
  }
}

describe('addBusinessTime and businessTimeBetween on ordinary weeks', () => {
  // June 2026: Berlin is on CEST (UTC+2) all month.
  const berlin = weekdays('Europe/Berlin')

  it('carries time left at Friday close over the weekend to Monday', () => {
    // Fri 2026-06-12 16:00 local + 2h: 1h on Friday, 1h from Monday's 08:00 opening.
    expect(addBusinessTime(at('2026-06-12T14:00:00Z'), 2 * HOUR, berlin)).toBe(
      at('2026-06-15T07:00:00Z'),
    )
    expect(
      businessTimeBetween(at('2026-06-12T14:00:00Z'), at('2026-06-15T07:00:00Z'), berlin),
    ).toBe(2 * HOUR)
  })

  it('ends at the closing time rather than the next opening when the time runs out exactly', () => {
    // Fri 15:00 + 2h = Fri 17:00, not Mon 08:00.
    expect(addBusinessTime(at('2026-06-12T13:00:00Z'), 2 * HOUR, berlin)).toBe(
      at('2026-06-12T15:00:00Z'),
    )
  })

  it('starts counting at the next opening when it starts outside hours', () => {
    // Saturday 11:00 -> Monday 08:00 + 30 min.
    expect(addBusinessTime(at('2026-06-13T09:00:00Z'), 30 * MINUTE, berlin)).toBe(
      at('2026-06-15T06:30:00Z'),
    )
    // Tuesday 06:00 (before opening) -> Tuesday 09:00.
    expect(addBusinessTime(at('2026-06-16T04:00:00Z'), HOUR, berlin)).toBe(
      at('2026-06-16T07:00:00Z'),
    )
    // Tuesday 20:00 (after closing) -> Wednesday 09:00.
    expect(addBusinessTime(at('2026-06-16T18:00:00Z'), HOUR, berlin)).toBe(
      at('2026-06-17T07:00:00Z'),
    )
    expect(
      businessTimeBetween(at('2026-06-13T09:00:00Z'), at('2026-06-14T20:00:00Z'), berlin),
    ).toBe(0)
  })

  it('counts four full weeks as 20 days of 9 hours', () => {
    // Monday 2026-06-01 00:00 local to Monday 2026-06-29 00:00 local.
    expect(
      businessTimeBetween(at('2026-05-31T22:00:00Z'), at('2026-06-28T22:00:00Z'), berlin),
    ).toBe(180 * HOUR)
  })

  it('returns a negative span when the end is before the start', () => {
    expect(
      businessTimeBetween(at('2026-06-15T07:00:00Z'), at('2026-06-12T14:00:00Z'), berlin),
    ).toBe(-2 * HOUR)
  })

  it('returns the start for a zero duration and rejects a negative one', () => {
    expect(addBusinessTime(at('2026-06-13T09:00:00Z'), 0, berlin)).toBe(at('2026-06-13T09:00:00Z'))
    expect(() => addBusinessTime(at('2026-06-13T09:00:00Z'), -1, berlin)).toThrow(
      /durationMs must be a finite number >= 0/,
    )
    expect(() => businessTimeBetween(Number.NaN, 0, berlin)).toThrow(/start must be a finite/)
  })

  it('skips the lunch break of a split day', () => {
    const split = weekdays('Europe/Berlin', [
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '17:00' },
    ])
    // Monday 11:30 + 1h -> 30 min before lunch, 30 min after: 13:30.
    expect(addBusinessTime(at('2026-06-15T09:30:00Z'), HOUR, split)).toBe(
      at('2026-06-15T11:30:00Z'),
    )
    // Starting during lunch (12:30) counts from 13:00.
    expect(addBusinessTime(at('2026-06-15T10:30:00Z'), 15 * MINUTE, split)).toBe(
      at('2026-06-15T11:15:00Z'),
    )
    // 11:00-14:00 holds 2 business hours; a whole split day holds 8.
    expect(businessTimeBetween(at('2026-06-15T09:00:00Z'), at('2026-06-15T12:00:00Z'), split)).toBe(
      2 * HOUR,
    )
    expect(businessTimeBetween(at('2026-06-14T22:00:00Z'), at('2026-06-15T22:00:00Z'), split)).toBe(
      8 * HOUR,
    )
  })

  it('keeps holidays closed all day', () => {
    // Thu 2026-12-24 and Fri 2026-12-25 are holidays; December is CET (UTC+1).
    const christmas = weekdays('Europe/Berlin', nineToFive, ['2026-12-24', '2026-12-25'])
    // Wed 16:00 + 2h -> Wed 17:00, then Monday 2026-12-28 09:00.
    expect(addBusinessTime(at('2026-12-23T15:00:00Z'), 2 * HOUR, christmas)).toBe(
      at('2026-12-28T08:00:00Z'),
    )
    // Wed 08:00 to Mon 17:00 holds only Wednesday and Monday.
    expect(
      businessTimeBetween(at('2026-12-23T07:00:00Z'), at('2026-12-28T16:00:00Z'), christmas),
    ).toBe(18 * HOUR)
    // Without the holidays the same span holds four working days.
    expect(
      businessTimeBetween(
        at('2026-12-23T07:00:00Z'),
        at('2026-12-28T16:00:00Z'),
        weekdays('Europe/Berlin'),
      ),
    ).toBe(36 * HOUR)
  })

  it('gives the same answers whichever instants it is asked about first', () => {
    // Distinct holidays give each test its own calendar, so one is built late-first and the
    // other early-first.
    const lateFirst = weekdays('Europe/Berlin', nineToFive, ['1999-01-01'])
    const earlyFirst = weekdays('Europe/Berlin', nineToFive, ['1999-01-02'])
    const early = at('2025-01-06T07:00:00Z')
    const late = at('2026-06-15T07:00:00Z')
    const lateAnswer = addBusinessTime(late, 30 * HOUR, lateFirst)
    const earlyAnswer = addBusinessTime(early, 30 * HOUR, lateFirst)
    expect(addBusinessTime(early, 30 * HOUR, earlyFirst)).toBe(earlyAnswer)
    expect(addBusinessTime(late, 30 * HOUR, earlyFirst)).toBe(lateAnswer)
    // Mon 2025-01-06 08:00 CET + 30h = Mon..Wed (27h) + Thu 08:00-11:00.
    expect(earlyAnswer).toBe(at('2025-01-09T10:00:00Z'))
    expect(businessTimeBetween(early, late, earlyFirst)).toBe(
      businessTimeBetween(early, late, lateFirst),
    )
  })
})

describe('businessOpenState', () => {
  // June 2026: Berlin is on CEST (UTC+2) all month; 2026-06-12 is a Friday.
  const berlin = weekdays('Europe/Berlin')

  it('is open during hours, until the closing time', () => {
    expect(businessOpenState(at('2026-06-12T09:30:00Z'), berlin)).toEqual({
      open: true,
      changesAt: at('2026-06-12T15:00:00Z'),
    })
  })

  it('is closed at the closing time and on the weekend, until the next opening', () => {
    const monday = { open: false, changesAt: at('2026-06-15T06:00:00Z') }
    expect(businessOpenState(at('2026-06-12T15:00:00Z'), berlin)).toEqual(monday)
    expect(businessOpenState(at('2026-06-13T12:00:00Z'), berlin)).toEqual(monday)
  })

  it('is closed before the day opens and over a lunch break', () => {
    const split = weekdays('Europe/Berlin', [
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '17:00' },
    ])
    expect(businessOpenState(at('2026-06-12T05:00:00Z'), split)).toEqual({
      open: false,
      changesAt: at('2026-06-12T06:00:00Z'),
    })
    expect(businessOpenState(at('2026-06-12T10:30:00Z'), split)).toEqual({
      open: false,
      changesAt: at('2026-06-12T11:00:00Z'),
    })
    expect(businessOpenState(at('2026-06-12T09:00:00Z'), split)).toEqual({
      open: true,
      changesAt: at('2026-06-12T10:00:00Z'),
    })
  })

  it('skips holidays when looking for the next opening', () => {
    const withHoliday = weekdays('Europe/Berlin', nineToFive, ['2026-06-15'])
    expect(businessOpenState(at('2026-06-13T12:00:00Z'), withHoliday)).toEqual({
      open: false,
      changesAt: at('2026-06-16T06:00:00Z'),
    })
  })

  it('runs an interval ending at 24:00 on into the next day, and has no end around the clock', () => {
    const nights = weekdays('Europe/Berlin', [{ open: '18:00', close: '24:00' }])
    nights.weekly.sat = [{ open: '00:00', close: '02:00' }]
    expect(businessOpenState(at('2026-06-12T20:00:00Z'), nights)).toEqual({
      open: true,
      changesAt: at('2026-06-13T00:00:00Z'),
    })
    const always = everyDay('Europe/Berlin', [{ open: '00:00', close: '24:00' }])
    expect(businessOpenState(at('2026-06-12T20:00:00Z'), always)).toEqual({
      open: true,
      changesAt: null,
    })
  })
})

describe('daylight saving changes in the site time zone', () => {
  it('Berlin spring-forward (2026-03-29): Monday opens at 08:00 CEST after a CET Friday', () => {
    const berlin = weekdays('Europe/Berlin')
    // Fri 2026-03-27 16:00 CET (15:00Z) + 2h -> Mon 2026-03-30 09:00 CEST (07:00Z).
    expect(addBusinessTime(at('2026-03-27T15:00:00Z'), 2 * HOUR, berlin)).toBe(
      at('2026-03-30T07:00:00Z'),
    )
    // Fri 08:00 CET to Mon 17:00 CEST: two 9-hour days.
    expect(
      businessTimeBetween(at('2026-03-27T07:00:00Z'), at('2026-03-30T15:00:00Z'), berlin),
    ).toBe(18 * HOUR)
  })

  it('Berlin spring-forward: the change day itself is still a 9-hour 08:00-17:00 day', () => {
    const daily = everyDay('Europe/Berlin')
    // Sunday 2026-03-29 runs 08:00-17:00 CEST = 06:00Z-15:00Z.
    expect(businessTimeBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), daily)).toBe(
      9 * HOUR,
    )
    // Saturday 17:00 CET close + 1h -> Sunday 09:00 CEST.
    expect(addBusinessTime(at('2026-03-28T16:00:00Z'), HOUR, daily)).toBe(
      at('2026-03-29T07:00:00Z'),
    )
  })

  it('Berlin: a wall-clock interval spanning the change holds the real hours that pass', () => {
    const nightShift = everyDay('Europe/Berlin', [{ open: '01:00', close: '04:00' }])
    // Spring: 01:00 CET (00:00Z) to 04:00 CEST (02:00Z) is 2 real hours.
    expect(
      businessTimeBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), nightShift),
    ).toBe(2 * HOUR)
    // Fall: 01:00 CEST (23:00Z the day before) to 04:00 CET (03:00Z) is 4 real hours.
    expect(
      businessTimeBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), nightShift),
    ).toBe(4 * HOUR)
    // A whole wall-clock day is 23 real hours in spring.
    const allDay = everyDay('Europe/Berlin', [{ open: '00:00', close: '24:00' }])
    expect(
      businessTimeBetween(at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'), allDay),
    ).toBe(48 * HOUR)
    expect(
      businessTimeBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), allDay),
    ).toBe(23 * HOUR)
  })

  it('Berlin fall-back (2026-10-25): Monday opens at 08:00 CET after a CEST Friday', () => {
    const berlin = weekdays('Europe/Berlin')
    // Fri 2026-10-23 16:00 CEST (14:00Z) + 2h -> Mon 2026-10-26 09:00 CET (08:00Z).
    expect(addBusinessTime(at('2026-10-23T14:00:00Z'), 2 * HOUR, berlin)).toBe(
      at('2026-10-26T08:00:00Z'),
    )
    // Sunday 2026-10-25 08:00-17:00 CET = 07:00Z-16:00Z on a daily schedule.
    const daily = everyDay('Europe/Berlin')
    expect(businessTimeBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), daily)).toBe(
      9 * HOUR,
    )
    expect(addBusinessTime(at('2026-10-24T15:00:00Z'), HOUR, daily)).toBe(
      at('2026-10-25T08:00:00Z'),
    )
  })

  it('New York spring-forward (2026-03-08) keeps 08:00-17:00 at 9 hours', () => {
    const newYork = weekdays('America/New_York')
    // Fri 2026-03-06 16:00 EST (21:00Z) + 2h -> Mon 2026-03-09 09:00 EDT (13:00Z).
    expect(addBusinessTime(at('2026-03-06T21:00:00Z'), 2 * HOUR, newYork)).toBe(
      at('2026-03-09T13:00:00Z'),
    )
    // Sunday 2026-03-08 08:00-17:00 EDT = 12:00Z-21:00Z.
    const daily = everyDay('America/New_York')
    expect(businessTimeBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), daily)).toBe(
      9 * HOUR,
    )
    expect(addBusinessTime(at('2026-03-08T05:00:00Z'), 9 * HOUR, daily)).toBe(
      at('2026-03-08T21:00:00Z'),
    )
  })

  it('New York: an opening time that the spring-forward skips opens when the clocks jump', () => {
    // 02:30 does not exist on 2026-03-08; the site opens at 03:00 EDT (07:00Z) instead.
    const early = everyDay('America/New_York', [{ open: '02:30', close: '04:00' }])
    expect(businessTimeBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), early)).toBe(
      HOUR,
    )
    expect(addBusinessTime(at('2026-03-08T05:00:00Z'), 1, early)).toBe(
      at('2026-03-08T07:00:00Z') + 1,
    )
  })

  it('New York fall-back (2026-11-01) keeps 08:00-17:00 at 9 hours', () => {
    const newYork = weekdays('America/New_York')
    // Fri 2026-10-30 16:00 EDT (20:00Z) + 2h -> Mon 2026-11-02 09:00 EST (14:00Z).
    expect(addBusinessTime(at('2026-10-30T20:00:00Z'), 2 * HOUR, newYork)).toBe(
      at('2026-11-02T14:00:00Z'),
    )
    // Sunday 2026-11-01 08:00-17:00 EST = 13:00Z-22:00Z.
    const daily = everyDay('America/New_York')
    expect(businessTimeBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), daily)).toBe(
      9 * HOUR,
    )
    // 01:30 happens twice; an interval opening then starts at the first (EDT, 05:30Z) and runs
    // to 02:00 EST (07:00Z).
    const repeated = everyDay('America/New_York', [{ open: '01:30', close: '02:00' }])
    expect(
      businessTimeBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), repeated),
    ).toBe(1.5 * HOUR)
  })
})

describe('invalid business hours', () => {
  const valid = weekdays('Europe/Berlin')
  const start = at('2026-06-15T07:00:00Z')

  it('rejects an unknown time zone', () => {
    expect(() => addBusinessTime(start, HOUR, { ...valid, timeZone: 'Europe/Atlantis' })).toThrow(
      /timeZone: Unknown time zone "Europe\/Atlantis"/,
    )
  })

  it('rejects malformed HH:MM times', () => {
    for (const open of ['8:00', '25:00', '12:60', '24:00', 'noon']) {
      const hours = weekdays('Europe/Berlin', [{ open, close: '17:00' }])
      expect(() => businessTimeBetween(start, start + HOUR, hours)).toThrow(
        `weekly.mon.0.open: "${open}" is not a time of day in HH:MM form`,
      )
    }
    // 24:00 is a valid closing time: the end of the day.
    const untilMidnight = weekdays('Europe/Berlin', [{ open: '20:00', close: '24:00' }])
    expect(
      businessTimeBetween(at('2026-06-15T00:00:00Z'), at('2026-06-16T00:00:00Z'), untilMidnight),
    ).toBe(4 * HOUR)
  })

  it('rejects a close that is not after the open', () => {
    for (const close of ['08:00', '07:00']) {
      const hours = weekdays('Europe/Berlin', [{ open: '08:00', close }])
      expect(() => addBusinessTime(start, HOUR, hours)).toThrow(
        `weekly.mon.0: closes at ${close}, which is not after it opens at 08:00`,
      )
    }
  })

  it('rejects overlapping intervals and impossible holidays', () => {
    const overlapping = weekdays('Europe/Berlin', [
      { open: '13:00', close: '17:00' },
      { open: '08:00', close: '13:30' },
    ])
    expect(() => addBusinessTime(start, HOUR, overlapping)).toThrow(
      'weekly.mon: 13:00-17:00 overlaps 08:00-13:30',
    )
    const badHoliday = weekdays('Europe/Berlin', nineToFive, ['2026-02-30'])
    expect(() => addBusinessTime(start, HOUR, badHoliday)).toThrow(
      'holidays.0: "2026-02-30" is not a real date in YYYY-MM-DD form',
    )
  })

  it('rejects a week without any open hours', () => {
    const closed: BusinessHours = { timeZone: 'Europe/Berlin', weekly: { mon: [], sat: [] } }
    expect(() => addBusinessTime(start, HOUR, closed)).toThrow(
      /no open interval on any weekday.*mark the priority 24x7/,
    )
  })

  it('reports every problem through the schema with its path', () => {
    const result = BusinessHours.safeParse({
      timeZone: 'Nowhere/Special',
      weekly: { mon: [{ open: '9:00', close: '17:00' }], tue: [{ open: '10:00', close: '09:00' }] },
      holidays: ['2026-13-01'],
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'timeZone',
      'weekly.mon.0.open',
      'weekly.tue.0',
      'holidays.0',
    ])
    expect(BusinessHours.safeParse({ ...valid, weekly: { funday: nineToFive } }).success).toBe(
      false,
    )
    expect(BusinessHours.parse(valid)).toEqual(valid)
    expect(businessHoursProblems(valid)).toEqual([])
  })
})
