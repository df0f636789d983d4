import { describe, expect, it } from 'vitest'
import { DeviceCreate } from '@shared/contract'
import { blankDraft, draftToCreate, parseIps, type NewDeviceDraft } from './new-device-form'

const check = (input: unknown) => DeviceCreate.safeParse(input)
const CLIENT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const SITE = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c'
const make = (patch: Partial<NewDeviceDraft>) =>
  draftToCreate({ ...blankDraft(CLIENT), hostname: 'fs01', ...patch }, check)

describe('new device form', () => {
  it('sends the client, the trimmed hostname and the role, leaving blanks out', () => {
    expect(make({ hostname: '  fs01 ' })).toEqual({
      ok: true,
      input: { clientId: CLIENT, hostname: 'fs01', role: 'workstation' },
    })
  })

  it('sends what was filled in: site, OS family, addresses, serial and tags', () => {
    const result = make({
      siteId: SITE,
      role: 'server',
      osFamily: 'linux',
      ips: '10.0.0.5, 2001:db8::1  10.0.0.5',
      serial: ' 7XK2L93 ',
      tags: 'prod, lab, Prod',
      notes: 'Rack C4',
    })
    expect(result).toEqual({
      ok: true,
      input: {
        clientId: CLIENT,
        hostname: 'fs01',
        siteId: SITE,
        role: 'server',
        osFamily: 'linux',
        localIps: ['10.0.0.5', '2001:db8::1'],
        serial: '7XK2L93',
        tags: ['prod', 'lab'],
        notes: 'Rack C4',
      },
    })
  })

  it('refuses an empty hostname beside the field', () => {
    expect(make({ hostname: '   ' })).toEqual({
      ok: false,
      errors: { hostname: 'Hostname is required' },
    })
  })

  it('refuses a 10,000-character hostname with the limit and its length', () => {
    expect(make({ hostname: 'a'.repeat(10_000) })).toEqual({
      ok: false,
      errors: { hostname: 'Use at most 253 characters (this has 10,000)' },
    })
  })

  it('names the address that is not one, and asks for a client when there is none', () => {
    const result = make({ clientId: '', ips: '10.0.0.5, 10.0.0.300' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.ips).toBe('“10.0.0.300” is not an IPv4 or IPv6 address')
      expect(result.errors.clientId).toBe('Choose a client')
    }
  })

  it('splits addresses on commas and whitespace without repeats', () => {
    expect(parseIps(' 10.0.0.1,10.0.0.2\n10.0.0.1 ,, ')).toEqual(['10.0.0.1', '10.0.0.2'])
  })
})
