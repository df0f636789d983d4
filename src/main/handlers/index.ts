import type { Services } from '../services'
import type { AllHandlers } from './context'
import { inventoryHandlers } from './inventory'
import { credentialHandlers, vaultHandlers } from './vault'
import {
  knownHostHandlers,
  recordingHandlers,
  sessionHandlers,
  sshConfigHandlers,
} from './sessions'
import { shellHandlers } from './shell'
import { syncHandlers, teamHandlers } from './sync'
import { ticketHandlers } from './tickets'
import { vendorHandlers } from './vendors'

export type { RpcContext } from './context'

/** Contract method -> service call, one file per area. Thin on purpose: logic lives in services. */
export function createHandlers(services: Services): AllHandlers {
  return {
    ...shellHandlers(services),
    vault: vaultHandlers(services),
    credentials: credentialHandlers(services),
    sessions: sessionHandlers(services),
    knownHosts: knownHostHandlers(services),
    recordings: recordingHandlers(services),
    sshConfig: sshConfigHandlers(services),
    inventory: inventoryHandlers(services),
    tickets: ticketHandlers(services),
    sync: syncHandlers(services),
    team: teamHandlers(services),
    vendors: vendorHandlers(services),
  } satisfies AllHandlers
}
