import { describe, expect, it } from 'vitest'
import { inventory, type Site } from '@shared/contract'
import {
  draftToCreateSite,
  draftToUpdateSite,
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
  businessHours: { timeZone: 'Europe/Berlin', weekly: {} },
  devices: 3,
  createdAt: 0,
  updatedAt: 0,
}
const edit = (patch: Partial<SiteDraft>) =>
  draftToUpdateSite(site, { ...siteDraft(site, 'UTC'), ...patch }, checkUpdate)

describe('site form', () => {
  it('opens a new site in the technician’s zone, an existing one with its values', () => {
    expect(siteDraft(null, 'Europe/Paris')).toEqual({
      name: '',
      address: '',
      timeZone: 'Europe/Paris',
    })
    expect(siteDraft(site, 'UTC')).toEqual({
      name: 'Main office',
      address: '1 High Street',
      timeZone: 'Europe/Berlin',
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

  it('creates a site for the client', () => {
    const result = draftToCreateSite(
      CLIENT,
      { name: 'Branch', address: '', timeZone: 'UTC' },
      checkCreate,
    )
    expect(result).toMatchObject({
      ok: true,
      input: { clientId: CLIENT, name: 'Branch', address: '', timeZone: 'UTC' },
    })
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
