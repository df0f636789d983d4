import type { DeviceDetail } from '@shared/contract'
import type { Parsed, SessionPlan } from './quick-connect'

/** What opening a session needs to know of a device; the detail has it all. */
export type DeviceSessionSource = Pick<
  DeviceDetail,
  'id' | 'hostname' | 'sshHost' | 'sshPort' | 'sshUser' | 'credentialId' | 'localIps'
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
 * The session to a device, asked for by its id alone: main resolves its SSH host (or, without
 * one, its first local address), port, user, credential and agent forwarding from the store.
 * The same rules here only name the tab (`user@hostname`, the credential's user standing in
 * when the device has none) and spare a tab for a device that has nowhere to go.
 */
export function planDeviceSession(
  device: DeviceSessionSource,
  credentialUsername: string | null,
): Parsed<SessionPlan> {
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
  return {
    ok: true,
    value: {
      request: { kind: 'device', deviceId: device.id, ticketId: null, recordInput: false },
      title: `${username}@${device.hostname}`,
    },
  }
}
