import { describe, expect, it } from 'vitest'
// Vitest has no @shared alias; the value import goes by path.
import { OpenSession } from '../../../../shared/contract/sessions'
import { deviceSshHost, planDeviceSession, type DeviceSessionSource } from './device-session'

const device = (patch: Partial<DeviceSessionSource> = {}): DeviceSessionSource => ({
  id: 'dev-1',
  hostname: 'fs01',
  sshHost: '10.20.0.5',
  sshPort: 2222,
  sshUser: 'admin',
  credentialId: 'cred-1',
  localIps: ['10.20.0.9'],
  ...patch,
})

describe('planDeviceSession', () => {
  it('asks main for the device by id alone, and names the tab after it', () => {
    const plan = planDeviceSession(device(), 'ignored')
    expect(plan).toEqual({
      ok: true,
      value: {
        request: { kind: 'device', deviceId: 'dev-1', ticketId: null, recordInput: false },
        title: 'admin@fs01',
      },
    })
    // No host, user, credential or forwarding travels: main reads them from its store.
    if (plan.ok) {
      expect(OpenSession.safeParse({ ...plan.value.request, cols: 80, rows: 24 }).success).toBe(
        true,
      )
    }
  })

  it('names the tab with the credential’s user when the device has none', () => {
    const plan = planDeviceSession(device({ sshUser: null }), 'svc-backup')
    expect(plan.ok && plan.value.title).toBe('svc-backup@fs01')
  })

  it('says what is missing when there is no endpoint', () => {
    const plan = planDeviceSession(device({ sshHost: null, localIps: [] }), null)
    expect(plan).toEqual({ ok: false, error: expect.stringMatching(/^fs01 has no SSH endpoint/) })
  })

  it('says what is missing when there is no user', () => {
    const plan = planDeviceSession(device({ sshUser: '  ', credentialId: null }), null)
    expect(plan).toEqual({ ok: false, error: expect.stringMatching(/^fs01 has no SSH user/) })
  })
})

describe('deviceSshHost', () => {
  it('shows the SSH host, bare, or else the first local address', () => {
    expect(deviceSshHost(device())).toBe('10.20.0.5')
    expect(deviceSshHost(device({ sshHost: '[fd00::5]' }))).toBe('fd00::5')
    expect(deviceSshHost(device({ sshHost: null }))).toBe('10.20.0.9')
    expect(deviceSshHost(device({ sshHost: null, localIps: [] }))).toBeNull()
  })
})
