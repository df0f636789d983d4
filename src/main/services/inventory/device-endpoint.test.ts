import { describe, expect, it } from 'vitest'
import { deviceSshEndpoint } from './device-endpoint'
import { blankDevice, type DeviceValues } from './device-values'

const device = (patch: Partial<DeviceValues> = {}): DeviceValues => ({
  ...blankDevice('client-1', 'fs01'),
  sshHost: '10.20.0.5',
  sshPort: 2222,
  sshUser: 'admin',
  credentialId: 'cred-1',
  localIps: ['10.20.0.9'],
  ...patch,
})
const users: Record<string, string> = { 'cred-1': 'svc-backup' }
const credentialUser = (id: string): string | null => users[id] ?? null

describe('deviceSshEndpoint', () => {
  it('takes everything from the stored device, forwarding included', () => {
    expect(
      deviceSshEndpoint('dev-1', device({ sshAgentForwarding: true }), credentialUser),
    ).toEqual({
      deviceId: 'dev-1',
      clientId: 'client-1',
      hostname: 'fs01',
      host: '10.20.0.5',
      port: 2222,
      username: 'admin',
      credentialId: 'cred-1',
      agentForwarding: true,
    })
  })

  it('falls back to the first local address, port 22 and the credential’s user', () => {
    expect(
      deviceSshEndpoint(
        'dev-1',
        device({ sshHost: null, sshPort: null, sshUser: null }),
        credentialUser,
      ),
    ).toMatchObject({ host: '10.20.0.9', port: 22, username: 'svc-backup', agentForwarding: false })
  })

  it('takes the bare address of a bracketed IPv6 host', () => {
    expect(deviceSshEndpoint('d', device({ sshHost: '[fd00::5]' }), credentialUser).host).toBe(
      'fd00::5',
    )
  })

  it('says what to set when there is no endpoint or no user', () => {
    expect(() =>
      deviceSshEndpoint('d', device({ sshHost: null, localIps: [] }), credentialUser),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid',
        message: expect.stringMatching(/^fs01 has no SSH endpoint/) as unknown,
      }),
    )
    expect(() =>
      deviceSshEndpoint('d', device({ sshUser: ' ', credentialId: null }), credentialUser),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^fs01 has no SSH user/) as unknown,
      }),
    )
  })
})
