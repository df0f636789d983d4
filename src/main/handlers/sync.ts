import { z } from 'zod'
import { InstallationSummary, TeamSettings, TechnicianSummary } from '../../shared/sync/auth'
import { TeamMember } from '../../shared/contract/team'
import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

/** Team sync: sign-in, status, conflicts and refused changes; the engine lives in main. */
export function syncHandlers(services: Services): NamespaceHandlers<'sync'> {
  const { sync } = services
  return {
    status: () => sync.status(),
    onDidChangeStatus: (_input, emit) => services.syncStatus.onDidChange(emit),
    signIn: (input) => sync.signIn(input),
    verifyCode: (input) => sync.verifyCode(input),
    enrollCode: (input) => sync.enrollCode(input),
    chooseFirstSync: (input) => sync.chooseFirstSync(input),
    cancelSignIn: () => sync.cancelSignIn(),
    signOut: () => sync.signOut(),
    setWorkOffline: (input) => sync.setWorkOffline(input),
    syncNow: () => sync.syncNow(),
    conflicts: () => sync.conflicts(),
    resolveConflict: (input) => sync.resolveConflict(input),
    rejections: () => sync.rejections(),
    dismissRejection: (input) => sync.dismissRejection(input),
  }
}

const Client = z.object({ id: z.uuid(), name: z.string() })

/** The Team page: main calls the team server with its own token; the server decides. */
export function teamHandlers(services: Services): NamespaceHandlers<'team'> {
  const { sync } = services
  return {
    directory: async () => ({
      members: await sync.team('GET', '/v1/team/directory', z.array(TeamMember)),
    }),
    technicians: async () => ({
      technicians: await sync.team('GET', '/v1/team/technicians', z.array(TechnicianSummary)),
    }),
    createTechnician: (input) =>
      sync.team('POST', '/v1/team/technicians', TechnicianSummary, input),
    updateTechnician: ({ id, changes }) =>
      sync.team('PATCH', `/v1/team/technicians/${id}`, TechnicianSummary, changes),
    assignClients: ({ id, clientIds }) =>
      sync.team('PUT', `/v1/team/technicians/${id}/clients`, TechnicianSummary, { clientIds }),
    clients: async () => ({ clients: await sync.team('GET', '/v1/clients', z.array(Client)) }),
    installations: async () => ({
      installations: await sync.team('GET', '/v1/team/installations', z.array(InstallationSummary)),
    }),
    revokeInstallation: async ({ id }) => {
      await sync.team('DELETE', `/v1/team/installations/${id}`, null)
      return {}
    },
    settings: () => sync.team('GET', '/v1/team/settings', TeamSettings),
    updateSettings: (input) => sync.team('PUT', '/v1/team/settings', TeamSettings, input),
  }
}
