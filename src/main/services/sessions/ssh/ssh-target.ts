import type { QuickConnectTarget } from '../../../../shared/contract/sessions'
import type { CredentialUse } from '../../../../shared/domain/credentials'

/**
 * Where a session or a command goes, as main resolved it: from a device's stored settings, or
 * from a quick connect (which never forwards the agent). Never taken from the renderer whole.
 */
export interface SshTarget extends QuickConnectTarget {
  /** True only for a device whose stored setting has it on. */
  agentForwarding: boolean
  /** What the hops' credentials are sent for: each credential's scope must cover it. */
  use: CredentialUse
}

/** A device's SSH endpoint as the inventory stores it, with what scope checks need. */
export interface DeviceSshEndpoint {
  deviceId: string
  clientId: string
  hostname: string
  host: string
  port: number
  username: string
  credentialId: string | null
  agentForwarding: boolean
}

/** What the session service asks the inventory and the tickets. */
export interface SessionResolvers {
  /** The device's stored endpoint; NOT_FOUND, or BAD_REQUEST saying what to set under Edit. */
  deviceEndpoint(deviceId: string): DeviceSshEndpoint
  /** Refuses a ticket that does not exist or does not concern the device. */
  checkSessionTicket(ticketId: string, device: DeviceSshEndpoint): void
}

/** The target of a device's session (devices have no jump hosts). */
export function deviceTarget(device: DeviceSshEndpoint): SshTarget {
  return {
    host: device.host,
    port: device.port,
    username: device.username,
    credentialId: device.credentialId,
    jumpHosts: [],
    useAgent: true,
    agentForwarding: device.agentForwarding,
    use: {
      kind: 'device',
      deviceId: device.deviceId,
      clientId: device.clientId,
      hostname: device.hostname,
    },
  }
}
