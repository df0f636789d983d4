import { DomainError } from '../../../shared/domain/errors'
import type { DeviceSshEndpoint } from '../sessions/ssh/ssh-target'
import type { DeviceValues } from './device-values'

/** `[v6::addr]` as typed into an SSH host field; a connection wants the bare address. */
function bareHost(host: string): string {
  const bracketed = /^\[([^\]]+)\]$/.exec(host.trim())
  return bracketed?.[1] ?? host.trim()
}

/**
 * Where a session to the device goes, from its stored fields only: its SSH host (or, without
 * one, its first local address), port and user (or its credential's user, as collection does),
 * its credential and whether the agent is forwarded. BAD_REQUEST says what to set under Edit.
 */
export function deviceSshEndpoint(
  deviceId: string,
  device: DeviceValues,
  credentialUsername: (credentialId: string) => string | null,
): DeviceSshEndpoint {
  const host = (device.sshHost ? bareHost(device.sshHost) : device.localIps[0]) || null
  if (!host) {
    throw new DomainError(
      'invalid',
      `${device.hostname} has no SSH endpoint: set its SSH host under Edit ` +
        '(or refresh its inventory from an agent that reports its IP address)',
    )
  }
  const username =
    device.sshUser?.trim() ||
    (device.credentialId ? credentialUsername(device.credentialId)?.trim() : null) ||
    null
  if (!username) {
    throw new DomainError(
      'invalid',
      `${device.hostname} has no SSH user: set one under Edit, or give it a credential`,
    )
  }
  return {
    deviceId,
    clientId: device.clientId,
    hostname: device.hostname,
    host,
    port: device.sshPort ?? 22,
    username,
    credentialId: device.credentialId,
    agentForwarding: device.sshAgentForwarding,
  }
}
