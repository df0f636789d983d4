import { describe, expect, it } from 'vitest'
import { inventory, type Site } from '@shared/contract'
import {
  draftToCreateSite,
  draftToUpdateSite,
  parseDay,
  siteDraft,
  siteRemovalText,
  type SiteDraft,
} from './site-form'

const checkCreate = (input: unknown) => inventory.createSite.input.safeParse(input)
const checkUpdate = (input: unknown) => inventory.updateSite.input.safeParse(input)
const CLIENT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const site: Site = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  clientId: CLIENT,
  name: 'Main office',
  address: '1 High Street',
  timeZone: 'Europe/Berlin',
  businessHours: {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: [
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '17:00' },
      ],
      sat: [{ open: '09:00', close: '13:00' }],
    },
    holidays: ['2026-12-25'],
  },
  devices: 3,
  createdAt: 0,
  updatedAt: 0,
}
const edit = (patch: Partial<SiteDraft>) =>
  draftToUpdateSite(site, { ...siteDraft(site, 'UTC'), ...patch }, checkUpdate)

describe('site form', () => {
  it('opens a new site in the technician’s zone, an existing one with its values', () => {
    const weekday = '08:00-17:00'
    expect(siteDraft(null, 'Europe/Paris')).toEqual({
      name: '',
      address: '',
      timeZone: 'Europe/Paris',
      hours: {
        mon: weekday,
        tue: weekday,
        wed: weekday,
        thu: weekday,
        fri: weekday,
        sat: '',
        sun: '',
      },
    })
    expect(siteDraft(site, 'UTC')).toEqual({
      name: 'Main office',
      address: '1 High Street',
      timeZone: 'Europe/Berlin',
      hours: {
        mon: '08:00-12:00, 13:00-17:00',
        tue: '',
        wed: '',
        thu: '',
        fri: '',
        sat: '09:00-13:00',
        sun: '',
      },
    })
  })

  it('sends only what changed, trimmed', () => {
    expect(edit({})).toEqual({ ok: true, input: { id: site.id }, changed: 0 })
    expect(edit({ name: ' Head office ', timeZone: 'Europe/Berlin ' })).toEqual({
      ok: true,
      input: { id: site.id, name: 'Head office' },
      changed: 1,
    })
  })

  it('refuses an empty name, a 10,000-character name and an unknown zone beside their fields', () => {
    expect(edit({ name: '  ' })).toEqual({ ok: false, errors: { name: 'Name is required' } })
    expect(edit({ name: 'x'.repeat(10_000), timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      errors: {
        name: 'Use at most 200 characters (this has 10,000)',
        timeZone: 'Unknown time zone: use an IANA name such as "Europe/Berlin"',
      },
    })
  })

  it('creates a site for the client with the hours in its zone', () => {
    const draft = { ...siteDraft(null, 'UTC'), name: 'Branch', timeZone: 'Europe/Paris' }
    const result = draftToCreateSite(
      CLIENT,
      { ...draft, hours: { ...draft.hours, fri: '' } },
      checkCreate,
    )
    expect(result).toMatchObject({
      ok: true,
      input: { clientId: CLIENT, name: 'Branch', address: '', timeZone: 'Europe/Paris' },
    })
    if (result.ok) {
      expect(result.input.businessHours?.timeZone).toBe('Europe/Paris')
      expect(Object.keys(result.input.businessHours?.weekly ?? {})).toEqual([
        'mon',
        'tue',
        'wed',
        'thu',
      ])
    }
  })

  it('sends changed hours whole, in the site’s zone, keeping its holidays', () => {
    const hours = { ...siteDraft(site, 'UTC').hours, sat: '', sun: '10:00 - 14:00' }
    expect(edit({ hours })).toEqual({
      ok: true,
      changed: 1,
      input: {
        id: site.id,
        businessHours: {
          timeZone: 'Europe/Berlin',
          weekly: {
            mon: [
              { open: '08:00', close: '12:00' },
              { open: '13:00', close: '17:00' },
            ],
            sun: [{ open: '10:00', close: '14:00' }],
          },
          holidays: ['2026-12-25'],
        },
      },
    })
    // A new zone alone leaves the hours to the service, which moves them along.
    expect(edit({ timeZone: 'America/New_York' })).toEqual({
      ok: true,
      changed: 1,
      input: { id: site.id, timeZone: 'America/New_York' },
    })
  })

  it('refuses hours it cannot read, or that close before they open, beside the day', () => {
    const hours = siteDraft(site, 'UTC').hours
    expect(edit({ hours: { ...hours, tue: 'mornings' } })).toEqual({
      ok: false,
      errors: { tue: '“mornings” is not hours like 08:00-17:00' },
    })
    expect(edit({ hours: { ...hours, wed: '17:00-08:00', thu: '08:00-25:00' } })).toEqual({
      ok: false,
      errors: {
        wed: 'Closes at 08:00, which is not after it opens at 17:00',
        thu: '"25:00" is not a time of day in HH:MM form (00:00-24:00)',
      },
    })
  })

  it('reads a day as intervals split on commas', () => {
    expect(parseDay(' 8:00-12:00 ,13:00 to 17:30, ')).toEqual({
      intervals: [
        { open: '08:00', close: '12:00' },
        { open: '13:00', close: '17:30' },
      ],
    })
    expect(parseDay('')).toEqual({ intervals: [] })
  })

  it('says what removing a site does to its devices and tickets', () => {
    expect(siteRemovalText(site, 'Acme Dental')).toBe(
      'Its 3 devices stay with Acme Dental, without a site. Tickets filed at Main office keep ' +
        'their history but show no site; their SLA clocks use the client’s other business hours.',
    )
    expect(siteRemovalText({ ...site, devices: 1 }, 'Acme')).toMatch(
      /^Its 1 device stays with Acme,/,
    )
    expect(siteRemovalText({ ...site, devices: 0 }, 'Acme')).toMatch(
      /^No devices are at this site\./,
    )
  })
})
