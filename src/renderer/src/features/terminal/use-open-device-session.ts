import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useLocation } from 'wouter'
import { useRpc } from '../../api/rpc'
import { vaultKeys } from '../../api/vault'
import { useShell } from '../../app/ui-store'
import { planDeviceSession, type DeviceSessionSource } from './device-session'
import { useTerminalHub } from './use-hub'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** How a device session is opened; by default for no ticket. */
export interface DeviceSessionOptions {
  /**
   * The ticket the work is for: the session is linked to it, its keystrokes are recorded
   * (typed passwords never are) so the proposed time entry can list the commands.
   */
  ticketId?: string
}

/**
 * Opens an SSH session to an inventory device from anywhere (device page, palette, table):
 * a terminal tab for it under Sessions, which then asks for the host key and login as quick
 * connect does. Takes the device or just its id (the detail is fetched then). Resolves to the
 * reason it could not, already shown to the technician, or null once the tab is open.
 */
export function useOpenDeviceSession(): (
  device: DeviceSessionSource | string,
  options?: DeviceSessionOptions,
) => Promise<string | null> {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  const hub = useTerminalHub()
  const [, navigate] = useLocation()

  return useCallback(
    async (device, options = {}) => {
      const fail = (message: string): string => {
        useShell.getState().notify('error', message)
        return message
      }
      let source: DeviceSessionSource
      let credentialUser: string | null = null
      try {
        source = typeof device === 'string' ? await rpc.inventory.getDevice({ id: device }) : device
        if (!source.sshUser && source.credentialId) {
          const { credentials } = await queryClient.fetchQuery({
            queryKey: vaultKeys.credentials({}),
            queryFn: () => rpc.credentials.list({}),
          })
          credentialUser = credentials.find((c) => c.id === source.credentialId)?.username ?? null
        }
      } catch (error) {
        return fail(`Could not open a session: ${messageOf(error)}`)
      }
      const plan = planDeviceSession(source, credentialUser)
      if (!plan.ok) return fail(plan.error)
      // Absolute: the caller may sit inside a nested route such as /devices.
      navigate('~/sessions')
      hub.setView('terminals')
      const { ticketId } = options
      const { request, title } = plan.value
      void hub.connect(
        ticketId && request.kind === 'device'
          ? { title, request: { ...request, ticketId, recordInput: true } }
          : plan.value,
      )
      return null
    },
    [rpc, queryClient, hub, navigate],
  )
}
