import { describe, expect, it } from 'vitest'
import { contractState, telUrl, vendorMailto, weeklyHoursText } from './vendor-format'

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

describe('a mail to a vendor', () => {
  it('carries the account, the serial and our ticket number, encoded', () => {
    const url = vendorMailto({
      email: 'support@dell.example',
      account: 'ACA-123&x=1',
      serial: '7XK2P13',
      hostname: 'ACA-FS01',
      ticketNumber: 'T-1042',
    })
    expect(url.startsWith('mailto:support@dell.example?subject=')).toBe(true)
    const params = new URL(url).searchParams
    expect(params.get('subject')).toBe('Account ACA-123&x=1 · Serial 7XK2P13 · Our ref T-1042')
    expect(params.get('body')).toContain('Serial number: 7XK2P13 (ACA-FS01)')
    expect([...params.keys()]).toEqual(['subject', 'body'])
  })
})
