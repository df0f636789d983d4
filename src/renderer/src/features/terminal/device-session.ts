import type { DeviceDetail } from '@shared/contract'
import type { Parsed, QuickConnectPlan } from './quick-connect'

/** What opening a session needs to know of a device; the detail has it all. */
export type DeviceSessionSource = Pick<
  DeviceDetail,
  | 'id'
  | 'hostname'
  | 'sshHost'
  | 'sshPort'
  | 'sshUser'
  | 'sshAgentForwarding'
  | 'credentialId'
  | 'localIps'
>

/** `[v6::addr]` as typed into an SSH host field; the session wants the bare address. */
function bareHost(host: string): string {
  const bracketed = /^\[([^\]]+)\]$/.exec(host.trim())
  return bracketed?.[1] ?? host.trim()
}

/** Where an SSH session to the device goes, or null when it has nowhere to go. */
export function deviceSshHost(device: Pick<DeviceSessionSource, 'sshHost' | 'localIps'>) {
  const host = device.sshHost ? bareHost(device.sshHost) : (device.localIps[0] ?? null)
  return host || null
}

/**
 * The session to a device: its SSH host (or, without one, its first local address), port and
 * user, its vault credential, and whether the technician's agent is forwarded to it (off
 * unless set on the device). The credential's user stands in when the device has none, as
 * collection does, so a session and a refresh log in the same way.
 */
export function planDeviceSession(
  device: DeviceSessionSource,
  credentialUsername: string | null,
): Parsed<QuickConnectPlan> {
  const host = deviceSshHost(device)
  if (!host) {
    return {
      ok: false,
      error:
        `${device.hostname} has no SSH endpoint: set its SSH host under Edit ` +
        '(or refresh its inventory from an agent that reports its IP address)',
    }
  }
  const username = device.sshUser?.trim() || credentialUsername?.trim() || null
  if (!username) {
    return {
      ok: false,
      error: `${device.hostname} has no SSH user: set one under Edit, or give it a credential`,
    }
  }
  const port = device.sshPort ?? 22
  return {
    ok: true,
    value: {
      target: {
        host,
        port,
        username,
        credentialId: device.credentialId,
        jumpHosts: [],
        agentForwarding: device.sshAgentForwarding,
        useAgent: true,
      },
      title: `${username}@${device.hostname}`,
      deviceId: device.id,
    },
  }
}
