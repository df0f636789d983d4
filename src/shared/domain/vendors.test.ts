import { describe, expect, it } from 'vitest'
import type { BusinessHours } from './sla/business-hours'
import { ClientAccountFields, supportStatus, VendorFields } from './vendors'

const weekdays = [{ open: '08:00', close: '18:00' }]
const newYork: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
}
// Wednesday 2026-12-09 in New York (UTC-5).
const at = (hhmm: string, date = '2026-12-09'): number => Date.parse(`${date}T${hhmm}:00-05:00`)

describe('supportStatus, in the vendor’s time zone', () => {
  it('says when an open line closes', () => {
    expect(supportStatus(newYork, at('15:00'))).toEqual({
      open: true,
      label: 'Open now · closes in 3 h',
    })
    expect(supportStatus(newYork, at('17:40')).label).toBe('Open now · closes in 20 min')
  })

  it('says when a closed line opens: within a day as a wait, later as a weekday and time', () => {
    expect(supportStatus(newYork, at('06:00'))).toEqual({ open: false, label: 'Opens in 2 h' })
    // Friday evening: Monday 08:00 New York time, whatever zone the technician is in.
    expect(supportStatus(newYork, at('19:00', '2026-12-11'))).toEqual({
      open: false,
      label: 'Opens Mon 08:00',
    })
  })

  it('knows around the clock and never', () => {
    const allDay = [{ open: '00:00', close: '24:00' }]
    const always: BusinessHours = {
      timeZone: 'UTC',
      weekly: {
        mon: allDay,
        tue: allDay,
        wed: allDay,
        thu: allDay,
        fri: allDay,
        sat: allDay,
        sun: allDay,
      },
    }
    expect(supportStatus(always, at('03:00')).label).toBe('Open around the clock')
    expect(supportStatus({ timeZone: 'UTC', weekly: {} }, at('03:00'))).toEqual({
      open: false,
      label: 'No support hours',
    })
  })
})

describe('vendor fields refuse what must not become a link or a call', () => {
  const base = {
    name: 'Lumen',
    category: 'isp',
    website: null,
    portalUrl: null,
    supportEmail: null,
    hours: null,
    phones: [],
    escalation: [],
    manufacturers: [],
    notes: '',
  }
  it('takes only http(s) addresses for the website and portal', () => {
    expect(VendorFields.safeParse({ ...base, portalUrl: 'https://portal.example' }).success).toBe(
      true,
    )
    expect(VendorFields.safeParse({ ...base, portalUrl: 'javascript:alert(1)' }).success).toBe(
      false,
    )
    expect(VendorFields.safeParse({ ...base, website: 'file:///etc/passwd' }).success).toBe(false)
  })
  it('takes phone numbers, not anything', () => {
    const line = (number: string) => ({ label: 'Support', number, hours: null })
    expect(
      VendorFields.safeParse({ ...base, phones: [line('+1 (800) 555-0100 ext 42')] }).success,
    ).toBe(true)
    expect(VendorFields.safeParse({ ...base, phones: [line('call me maybe')] }).success).toBe(false)
    expect(VendorFields.safeParse({ ...base, name: '   ' }).success).toBe(false)
  })
  it('takes contract dates as YYYY-MM-DD', () => {
    const account = {
      accountNumber: 'ACC-1',
      contractNumber: '',
      contractStart: '2026-01-01',
      contractEnd: '31/12/2026',
      renewalDate: null,
      sla: '',
      circuitIds: [],
      licenceCount: null,
      notes: '',
    }
    expect(ClientAccountFields.safeParse(account).success).toBe(false)
    for (const impossible of ['2026-99-99', '2026-02-30', '2026-13-01']) {
      expect(
        ClientAccountFields.safeParse({ ...account, contractEnd: impossible }).success,
        impossible,
      ).toBe(false)
    }
    expect(ClientAccountFields.safeParse({ ...account, contractEnd: '2028-02-29' }).success).toBe(
      true,
    )
    expect(ClientAccountFields.safeParse({ ...account, contractEnd: '2026-12-31' }).success).toBe(
      true,
    )
  })
})
