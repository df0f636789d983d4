import { describe, expect, it } from 'vitest'
import { contractState, telUrl, weeklyHoursText } from './vendor-format'

describe('vendor formatting', () => {
  it('makes a tel: link a phone can dial', () => {
    expect(telUrl('+1 (800) 555-0100')).toBe('tel:+18005550100')
    expect(telUrl('0800 555 0100 ext 42')).toBe('tel:08005550100')
  })

  it('writes a week of hours in one line', () => {
    const day = [{ open: '08:00', close: '17:00' }]
    expect(
      weeklyHoursText({
        timeZone: 'UTC',
        weekly: { mon: day, tue: day, wed: day, thu: day, fri: day },
      }),
    ).toBe('Mon–Fri 08:00–17:00')
    const all = [{ open: '00:00', close: '24:00' }]
    expect(
      weeklyHoursText({
        timeZone: 'UTC',
        weekly: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all },
      }),
    ).toBe('Every day, around the clock')
    expect(
      weeklyHoursText({
        timeZone: 'UTC',
        weekly: { mon: day, sat: [{ open: '09:00', close: '12:00' }] },
      }),
    ).toBe('Mon 08:00–17:00; Sat 09:00–12:00')
  })

  it('flags contracts ending within 90 days and those already ended', () => {
    const now = Date.parse('2026-12-08T12:00:00Z')
    expect(contractState({ contractEnd: '2026-12-01', renewalDate: null }, now)).toEqual({
      label: 'Ended 2026-12-01',
      tone: 'bad',
    })
    expect(contractState({ contractEnd: '2027-01-07', renewalDate: null }, now).tone).toBe('warn')
    expect(contractState({ contractEnd: '2028-01-01', renewalDate: null }, now)).toEqual({
      label: 'Ends 2028-01-01',
      tone: null,
    })
    expect(contractState({ contractEnd: null, renewalDate: null }, now).tone).toBeNull()
  })
})
