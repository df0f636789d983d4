import { describe, expect, it } from 'vitest'
import type { BusinessHours } from '@shared/domain/sla'
import { siteClock } from './site-hours'

const at = (iso: string) => Date.parse(iso)
const nineToFive = [{ open: '08:00', close: '17:00' }]
const berlin: { timeZone: string; businessHours: BusinessHours } = {
  timeZone: 'Europe/Berlin',
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  },
}

describe('siteClock', () => {
  // 2026-06-12 is a Friday; Berlin is UTC+2 in June.
  it('gives the local time and when an open site closes today', () => {
    expect(siteClock(berlin, at('2026-06-12T12:05:00Z'), 'en-US')).toEqual({
      localTime: 'Fri 2:05 PM',
      open: true,
      status: 'Open · closes 5:00 PM',
    })
  })

  it('names the weekday of an opening after today', () => {
    expect(siteClock(berlin, at('2026-06-12T18:30:00Z'), 'en-US')).toEqual({
      localTime: 'Fri 8:30 PM',
      open: false,
      status: 'Closed · opens Mon 8:00 AM',
    })
    expect(siteClock(berlin, at('2026-06-12T04:00:00Z'), 'en-US').status).toBe(
      'Closed · opens 8:00 AM',
    )
  })

  it('gives the date of an opening more than a week away', () => {
    const holidays = ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19']
    const away = { ...berlin, businessHours: { ...berlin.businessHours, holidays } }
    expect(siteClock(away, at('2026-06-12T18:30:00Z'), 'en-US').status).toBe(
      'Closed · opens Jun 22, 8:00 AM',
    )
  })

  it('says when a site never closes, and when its hours cannot say', () => {
    const always = [{ open: '00:00', close: '24:00' }]
    const allWeek: BusinessHours = {
      timeZone: 'Europe/Berlin',
      weekly: {
        mon: always,
        tue: always,
        wed: always,
        thu: always,
        fri: always,
        sat: always,
        sun: always,
      },
    }
    expect(
      siteClock({ ...berlin, businessHours: allWeek }, at('2026-06-13T10:00:00Z')).status,
    ).toBe('Open around the clock')
    const none: BusinessHours = { timeZone: 'Europe/Berlin', weekly: {} }
    expect(siteClock({ ...berlin, businessHours: none }, at('2026-06-13T10:00:00Z'))).toMatchObject(
      {
        open: null,
        status: 'No opening hours set',
      },
    )
  })
})
