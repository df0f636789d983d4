import { describe, expect, it } from 'vitest'
// Vitest has no @shared alias; the value import goes by path.
import { DeviceUpdate } from '../../../../../shared/contract/inventory'
import { draftFromDevice, draftToUpdate, parseTags, type DeviceDraft } from './device-form'
import { testDevice } from './test-device'

const check = (input: unknown) => DeviceUpdate.safeParse(input)
const device = testDevice({ warrantyEndAt: Date.parse('2027-03-31T00:00:00Z') })
const edit = (patch: Partial<DeviceDraft>) =>
  draftToUpdate(device, { ...draftFromDevice(device), ...patch }, check)

describe('draftToUpdate', () => {
  it('sends nothing but the id when nothing changed', () => {
    expect(edit({})).toEqual({ ok: true, update: { id: 'dev-1' }, changed: 0 })
  })

  it('sends only what changed, trimmed, with blanks clearing fields', () => {
    const result = edit({
      sshHost: ' 127.0.0.1 ',
      sshPort: '2222',
      sshUser: 'sbtest',
      credentialId: 'cred-9',
      fqdn: '',
      tags: 'prod, lab, Prod, ',
      warrantyEnd: '',
      customFields: [
        { key: 'Rack', value: 'C4' },
        { key: '', value: '' },
      ],
    })
    expect(result).toEqual({
      ok: true,
      changed: 7,
      update: {
        id: 'dev-1',
        sshHost: '127.0.0.1',
        sshPort: 2222,
        credentialId: 'cred-9',
        sshUser: 'sbtest',
        warrantyEndAt: null,
        tags: ['prod', 'lab'],
        customFields: { Rack: 'C4' },
      },
    })
  })

  it('turns agent forwarding on and off', () => {
    expect(edit({ sshAgentForwarding: true })).toEqual({
      ok: true,
      update: { id: 'dev-1', sshAgentForwarding: true },
      changed: 1,
    })
    const forwarding = testDevice({ sshAgentForwarding: true })
    const off = { ...draftFromDevice(forwarding), sshAgentForwarding: false }
    expect(draftToUpdate(forwarding, off, check)).toMatchObject({
      update: { sshAgentForwarding: false },
      changed: 1,
    })
  })

  it('reads the warranty date as a UTC day', () => {
    const result = edit({ warrantyEnd: '2028-01-15' })
    expect(result.ok && result.update.warrantyEndAt).toBe(Date.UTC(2028, 0, 15))
  })

  it('puts errors beside their fields, the contract’s included', () => {
    const result = edit({
      hostname: '  ',
      sshPort: '70000',
      sshHost: 'not a host!',
      warrantyEnd: '31/03/2027',
      customFields: [
        { key: 'Rack', value: '1' },
        { key: 'Rack', value: '2' },
      ],
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      hostname: 'Hostname is required',
      sshPort: 'Use a port from 1 to 65535',
      sshHost: 'Host names and addresses only',
      warrantyEnd: 'Use a date like 2027-03-31',
      customFields: '“Rack” is there twice',
    })
  })

  it('refuses a WinRM address that is not http(s)', () => {
    const result = edit({ winrmUrl: 'ftp://host/wsman' })
    expect(result.ok ? null : Object.keys(result.errors)).toEqual(['winrmUrl'])
  })
})

describe('parseTags', () => {
  it('splits on commas and drops blanks and repeats', () => {
    expect(parseTags(' a, b ,,A, c ')).toEqual(['a', 'b', 'c'])
  })
})
