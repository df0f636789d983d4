import { describe, expect, it } from 'vitest'
// Vitest has no @shared alias; the value import goes by path.
import { SessionTarget } from '../../../../shared/contract/sessions'
import { planDeviceSession, type DeviceSessionSource } from './device-session'

const device = (patch: Partial<DeviceSessionSource> = {}): DeviceSessionSource => ({
  id: 'dev-1',
  hostname: 'fs01',
  sshHost: '10.20.0.5',
  sshPort: 2222,
  sshUser: 'admin',
  sshAgentForwarding: false,
  credentialId: 'cred-1',
  localIps: ['10.20.0.9'],
  ...patch,
})

describe('planDeviceSession', () => {
  it('goes to the SSH endpoint with the device’s credential, named by the device', () => {
    const plan = planDeviceSession(device(), 'ignored')
    expect(plan).toEqual({
      ok: true,
      value: {
        target: {
          host: '10.20.0.5',
          port: 2222,
          username: 'admin',
          credentialId: 'cred-1',
          jumpHosts: [],
          agentForwarding: false,
          useAgent: true,
        },
        title: 'admin@fs01',
        deviceId: 'dev-1',
      },
    })
    if (plan.ok) expect(SessionTarget.safeParse(plan.value.target).success).toBe(true)
  })

  it('forwards the agent only to a device that has it turned on', () => {
    const on = planDeviceSession(device({ sshAgentForwarding: true }), null)
    expect(on.ok && on.value.target.agentForwarding).toBe(true)
    const off = planDeviceSession(device(), null)
    expect(off.ok && off.value.target.agentForwarding).toBe(false)
  })

  it('falls back to the first local address and port 22', () => {
    const plan = planDeviceSession(device({ sshHost: null, sshPort: null }), null)
    expect(plan.ok && plan.value.target).toMatchObject({ host: '10.20.0.9', port: 22 })
  })

  it('takes the bare address of a bracketed IPv6 host', () => {
    const plan = planDeviceSession(device({ sshHost: '[fd00::5]' }), null)
    expect(plan.ok && plan.value.target.host).toBe('fd00::5')
  })

  it('uses the credential’s user when the device has none', () => {
    const plan = planDeviceSession(device({ sshUser: null }), 'svc-backup')
    expect(plan.ok && plan.value.target.username).toBe('svc-backup')
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
